package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// style is a kind of restaurant: the cuisines it lists and the words of its menu. Menus are specific to
// their style, as real ones are, so that "sushi" matches sushi bars and not every restaurant in town; a
// benchmark where every menu has every word would flatter the stock scan, which stops at 20 hits.
type style struct {
	cuisines    []string
	nouns       []string // restaurant name endings
	dishes      []string
	ingredients []string
}

var styles = []style{
	{[]string{"pizza", "italian"}, []string{"Pizzeria", "Trattoria", "Osteria", "Ristorante"},
		words("Pizza Margherita Marinara Diavola Quattro Formaggi Stagioni Funghi Prosciutto Calzone Capricciosa Tonno Salami Lasagne Spaghetti Carbonara Bolognese Penne Arrabbiata Rigatoni Risotto Gnocchi Tiramisù Panna Cotta Bruschetta Focaccia Insalata Caprese Saltimbocca Ossobuco Cannoli Affogato"),
		words("tomato mozzarella basil oregano parmigiano pecorino olive garlic rucola prosciutto salame funghi ricotta burrata pesto guanciale egg cream mascarpone espresso cocoa anchovies capers artichoke zucchini aubergine")},
	{[]string{"burgers", "american", "bbq"}, []string{"Burger", "Grill", "Diner", "Smokehouse"},
		words("Burger Cheeseburger Bacon Double Smash Chicken Wings Nuggets Fries Onion Rings Hot Dog Ribs Brisket Pulled Pork Mac Cheese Coleslaw Milkshake Brownie Cornbread Sliders Quesadilla Nachos"),
		words("beef cheddar bacon pickles lettuce tomato onion brioche bun ketchup mustard mayo bbq sauce jalapeños smoked coleslaw potato sweet chipotle ranch honey maple pepper jack avocado")},
	{[]string{"sushi", "japanese", "poke"}, []string{"Sushi", "Izakaya", "Ramen", "Poke"},
		words("Sushi Maki Nigiri Sashimi Uramaki Temaki California Roll Ramen Udon Soba Tempura Gyoza Edamame Miso Soup Teriyaki Katsu Donburi Onigiri Mochi Poke Bowl Yakitori Takoyaki"),
		words("salmon tuna eel avocado cucumber rice nori wasabi ginger soy sesame miso tofu shiitake scallion mayo sriracha tobiko seaweed dashi pork chicken shrimp mango edamame")},
	{[]string{"indian", "halal"}, []string{"Tandoori", "Masala", "Curry House", "Palace"},
		words("Chicken Tikka Masala Butter Korma Vindaloo Madras Jalfrezi Biryani Dal Makhani Palak Paneer Chana Aloo Gobi Samosa Pakora Naan Roti Lassi Tandoori Kebab Raita Dhansak Saag Bhaji"),
		words("chicken lamb paneer spinach chickpeas lentils potato cauliflower basmati rice yoghurt cream cashew tomato onion garlic ginger cumin coriander turmeric cardamom chili garam masala mango")},
	{[]string{"thai", "vietnamese"}, []string{"Thai", "Saigon", "Bangkok", "Pho"},
		words("Pad Thai Green Curry Red Curry Massaman Panang Tom Yum Kha Som Tam Larb Pho Banh Mi Bun Bo Spring Rolls Summer Rolls Satay Khao Pad Papaya Salad Sticky Rice"),
		words("rice noodles coconut milk lemongrass galangal lime basil coriander peanuts chili fish sauce tofu chicken beef shrimp bean sprouts mint cucumber carrot tamarind palm sugar jasmine")},
	{[]string{"chinese", "korean"}, []string{"Dragon", "Wok", "Dumpling House", "Seoul"},
		words("Dumplings Wonton Fried Rice Chow Mein Kung Pao Sweet Sour Peking Duck Mapo Tofu Dan Dan Noodles Bao Spring Rolls Bibimbap Kimchi Bulgogi Japchae Tteokbokki Korean Fried Chicken"),
		words("pork chicken beef duck tofu rice noodles soy sauce ginger garlic scallion sesame chili bok choy mushrooms peanuts hoisin gochujang kimchi egg cabbage sichuan pepper")},
	{[]string{"turkish", "kebab", "middle_eastern", "lebanese", "greek", "halal"}, []string{"Kebab", "Grill", "Mezze", "Taverna"},
		words("Döner Kebab Dürüm Lahmacun Pide Falafel Hummus Shawarma Gyros Souvlaki Moussaka Tzatziki Baklava Köfte Adana Börek Tabbouleh Fattoush Manakish Halloumi Meze Baba Ganoush"),
		words("lamb chicken beef yoghurt garlic sauce tomato onion parsley mint lemon sesame tahini chickpeas feta olives cucumber pita bread bulgur sumac paprika aubergine pistachio honey")},
	{[]string{"mexican", "spanish", "caribbean"}, []string{"Cantina", "Taqueria", "Bodega", "Tapas"},
		words("Tacos Burrito Quesadilla Nachos Enchiladas Fajitas Guacamole Churros Tamales Elote Paella Tapas Patatas Bravas Jamón Croquetas Tortilla Gazpacho Jerk Chicken Plantains Empanadas"),
		words("beans rice corn tortilla salsa avocado lime coriander chipotle jalapeño cheese sour cream pork chicken beef chorizo saffron paprika garlic olive oil potato plantain mango")},
	{[]string{"german"}, []string{"Gasthaus", "Stube", "Wirtshaus", "Küche"},
		words("Schnitzel Currywurst Bratwurst Käsespätzle Kartoffelsalat Sauerbraten Rouladen Knödel Brezel Apfelstrudel Flammkuchen Frikadelle Leberkäse Eintopf Schweinebraten Rotkohl Maultaschen"),
		words("schwein rind kartoffel zwiebel speck sauerkraut senf sahne käse apfel brot butter kümmel gurke ei spätzle soße pilze lauch straße würzig knusprig")},
	{[]string{"vegan", "vegetarian", "healthy", "salads"}, []string{"Green Kitchen", "Bowl", "Garden", "Salad Bar"},
		words("Buddha Bowl Quinoa Salad Falafel Wrap Vegan Burger Smoothie Bowl Acai Avocado Toast Lentil Soup Veggie Curry Tofu Scramble Grain Bowl Sweet Potato Fries Hummus Plate Green Smoothie"),
		words("quinoa kale spinach avocado tofu tempeh chickpeas lentils sweet potato beetroot carrot hummus tahini seeds nuts berries oat almond coconut lime ginger turmeric")},
	{[]string{"desserts", "bakery", "coffee", "breakfast"}, []string{"Café", "Bakery", "Patisserie", "Coffee"},
		words("Croissant Pain Chocolat Cheesecake Brownie Muffin Cupcake Waffles Pancakes Crêpes Éclair Macarons Crème Brûlée Tarte Tatin Cinnamon Roll Bagel Espresso Cappuccino Latte Flat White Chai"),
		words("butter chocolate vanilla caramel cream cinnamon berries strawberry blueberry apple almond hazelnut honey maple syrup milk oat sugar lemon pistachio coffee")},
	{[]string{"seafood", "french"}, []string{"Brasserie", "Bistro", "Fish House", "Maison"},
		words("Fish Chips Moules Frites Bouillabaisse Coq Vin Boeuf Bourguignon Ratatouille Quiche Lorraine Croque Monsieur Steak Frites Oysters Lobster Calamari Shrimp Scampi Salmon Fillet Niçoise"),
		words("cod salmon mussels shrimp lobster butter garlic white wine cream shallots thyme parsley lemon potato beef bacon gruyère dijon tarragon olive capers fennel")},
	{[]string{"african", "sandwiches"}, []string{"Kitchen", "Deli", "Corner", "Express"},
		words("Jollof Rice Injera Tibs Bobotie Suya Bunny Chow Club Sandwich Reuben Pastrami BLT Grilled Cheese Panini Wrap Bagel Sub Meatball Tuna Melt Egg Salad Falafel Pita"),
		words("chicken beef lamb rice tomato onion pepper peanut spices berbere bread rye turkey ham cheese pickles mustard mayo lettuce egg tuna")},
}

// common are words any menu may have.
var common = words("with and fresh homemade crispy spicy mild classic house special large small regular served side daily favourite original family")

// nameWords start restaurant names.
var nameWords = words("Bella Casa Piccola Golden Lotus Sakura Tokyo Bombay Delhi Taj Bangkok Saigon Istanbul Anatolia Athena Olympia Beirut Cedar Berlin Kreuzberg Spree Havana Mama Papa Little Big Green Happy Lucky Royal Urban Street Sunny Fuego Sol Luna Marea Ocean Harbor Stone Zur Alten Mühle Müller Crème")

func words(s string) []string { return strings.Fields(s) }

// syllables make up the long tail of rare words real menus have (house names, regional dishes).
var syllables = words("ka ri to mo na lu pe zi ba do gu ve xo qu sha che tri plo mar ten vin sol gra")

type restaurant struct {
	id, name, slug, description, cuisines, location, address, hours string
	style                                                           int
	radius                                                          float64
	feeBase, feePerKm, minOrder, prep, ratingCount                  int
	rating                                                          float64
	active                                                          bool
	items                                                           []menuItem
}

type menuItem struct {
	id, name, description, category string
	price, sortOrder                int
	available                       bool
}

// metro is a Berlin-sized area: 38 km north to south, 45 km east to west.
var metro = struct{ minLat, maxLat, minLon, maxLon float64 }{52.34, 52.68, 13.09, 13.76}

// districts are the centres that 70 % of the restaurants cluster around, as in a real city.
var districts = [][2]float64{{52.520, 13.405}, {52.500, 13.420}, {52.530, 13.380}, {52.480, 13.350}, {52.545, 13.330},
	{52.470, 13.440}, {52.435, 13.300}, {52.560, 13.450}, {52.510, 13.290}, {52.455, 13.520}}

// metroPoint returns a restaurant's or a customer's location.
func metroPoint(r *rand.Rand) (lat, lon float64) {
	if r.IntN(10) < 7 {
		d := districts[r.IntN(len(districts))]
		for {
			lat = d[0] + r.NormFloat64()*0.025
			lon = d[1] + r.NormFloat64()*0.04
			if lat > metro.minLat && lat < metro.maxLat && lon > metro.minLon && lon < metro.maxLon {
				return lat, lon
			}
		}
	}
	return metro.minLat + r.Float64()*(metro.maxLat-metro.minLat), metro.minLon + r.Float64()*(metro.maxLon-metro.minLon)
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

func rareWord(r *rand.Rand) string {
	var b strings.Builder
	for range 2 + r.IntN(3) {
		b.WriteString(pick(r, syllables))
	}
	return b.String()
}

// phrase is n words from list, with a rare word now and then.
func phrase(r *rand.Rand, list []string, n int) string {
	out := make([]string, n)
	for i := range out {
		switch {
		case r.IntN(25) == 0:
			out[i] = rareWord(r)
		case r.IntN(6) == 0:
			out[i] = pick(r, common)
		default:
			out[i] = pick(r, list)
		}
	}
	return strings.Join(out, " ")
}

const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// sortedIDs returns n distinct random record ids, sorted, so that rows are appended to the id index.
func sortedIDs(r *rand.Rand, n int) []string {
	seen := make(map[string]struct{}, n)
	ids := make([]string, 0, n)
	b := make([]byte, 15)
	for len(ids) < n {
		for i := range b {
			b[i] = idAlphabet[r.IntN(len(idAlphabet))]
		}
		if _, dup := seen[string(b)]; dup {
			continue
		}
		seen[string(b)] = struct{}{}
		ids = append(ids, string(b))
	}
	slices.Sort(ids)
	return ids
}

var hoursVariants = []string{
	``,
	`{"tz":"Europe/Berlin","mon":[["11:00","22:00"]],"tue":[["11:00","22:00"]],"wed":[["11:00","22:00"]],"thu":[["11:00","22:00"]],"fri":[["11:00","23:30"]],"sat":[["12:00","23:30"]],"sun":[["12:00","22:00"]]}`,
	`{"tz":"Europe/Berlin","tue":[["17:00","23:00"]],"wed":[["17:00","23:00"]],"thu":[["17:00","23:00"]],"fri":[["17:00","02:00"]],"sat":[["17:00","02:00"]],"sun":[["17:00","22:00"]]}`,
	`{"tz":"Europe/Berlin","mon":[["07:00","15:00"]],"tue":[["07:00","15:00"]],"wed":[["07:00","15:00"]],"thu":[["07:00","15:00"]],"fri":[["07:00","15:00"]],"sat":[["08:00","16:00"]],"sun":[]}`,
	`{"tz":"Europe/Berlin","mon":[["11:30","14:30"],["17:30","22:30"]],"tue":[["11:30","14:30"],["17:30","22:30"]],"wed":[["11:30","14:30"],["17:30","22:30"]],"thu":[["11:30","14:30"],["17:30","22:30"]],"fri":[["11:30","14:30"],["17:30","23:00"]],"sat":[["17:30","23:00"]],"sun":[["00:00","24:00"]]}`,
}

// generate returns n restaurants with itemsEach menu items each, reproducibly for a seed.
func generate(seed uint64, n, itemsEach int) []restaurant {
	r := rand.New(rand.NewPCG(seed, 1))
	rids := sortedIDs(r, n)
	iids := sortedIDs(r, n*itemsEach)
	out := make([]restaurant, n)
	for i := range out {
		st := r.IntN(len(styles))
		sty := styles[st]
		lat, lon := metroPoint(r)
		var cs []string
		for range 1 + r.IntN(min(3, len(sty.cuisines))) {
			if c := pick(r, sty.cuisines); !slices.Contains(cs, c) {
				cs = append(cs, c)
			}
		}
		if r.IntN(8) == 0 && !slices.Contains(cs, "vegan") {
			cs = append(cs, "vegan")
		}
		g := restaurant{
			id:          rids[i],
			style:       st,
			name:        pick(r, nameWords) + " " + pick(r, sty.nouns),
			slug:        fmt.Sprintf("r-%d", i),
			description: phrase(r, sty.ingredients, 4+r.IntN(10)),
			cuisines:    `["` + strings.Join(cs, `","`) + `"]`,
			location:    fmt.Sprintf(`{"lon":%.6f,"lat":%.6f}`, lon, lat),
			address:     fmt.Sprintf("%sstraße %d, Berlin", pick(r, nameWords), 1+r.IntN(200)),
			hours:       hoursVariants[r.IntN(len(hoursVariants))],
			radius:      float64(15+r.IntN(56)) / 10, // 1.5 to 7 km
			feeBase:     r.IntN(400),
			feePerKm:    r.IntN(150),
			minOrder:    r.IntN(21) * 100,
			prep:        5 + r.IntN(36),
			active:      r.IntN(20) != 0,
			rating:      math.Round(r.Float64()*500) / 100,
			ratingCount: r.IntN(500),
		}
		for j := range itemsEach {
			g.items = append(g.items, menuItem{
				id:          iids[i*itemsEach+j],
				name:        phrase(r, sty.dishes, 1+r.IntN(3)),
				description: phrase(r, sty.ingredients, 3+r.IntN(8)),
				category:    pick(r, []string{"Mains", "Starters", "Drinks", "Desserts", "Sides"}),
				price:       100 + r.IntN(3000),
				sortOrder:   r.IntN(10),
				available:   r.IntN(20) != 0,
			})
		}
		out[i] = g
	}
	return out
}
