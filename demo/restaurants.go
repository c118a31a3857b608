package demo

// berlinTZ is the zone of every demo restaurant's opening hours.
const berlinTZ = "Europe/Berlin"

// weekdays are the keys of an opening-hours object, Monday first.
var weekdays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// interval is an opening period as stored: ["HH:MM", "HH:MM"]; an end
// before the start runs past midnight.
type interval [2]string

// weekly builds opening hours in Berlin time from each weekday's intervals.
// A closed day is stored as [] rather than left out or null, so that the
// dashboard shows all seven days and the hours parser (which rejects null)
// accepts it.
func weekly(day func(name string) []interval) map[string]any {
	h := map[string]any{"tz": berlinTZ}
	for _, d := range weekdays {
		iv := day(d)
		if iv == nil {
			iv = []interval{}
		}
		h[d] = iv
	}
	return h
}

// everyDay is opening hours with the same intervals on all seven days.
func everyDay(iv ...interval) map[string]any {
	return weekly(func(string) []interval { return iv })
}

// isWeekendNight reports whether the night after this weekday is a Friday
// or Saturday night, when Berlin kitchens stay open late.
func isWeekendNight(day string) bool {
	return day == "fri" || day == "sat"
}

// Opening-hour profiles. Together they make sure that at any instant some
// demo restaurants are closed and some are open (two never close).
var (
	hoursLunchDinner = everyDay(interval{"11:30", "15:00"}, interval{"17:30", "22:30"})
	hoursNoMonday    = weekly(func(d string) []interval {
		if d == "mon" {
			return nil
		}
		return []interval{{"11:30", "14:30"}, {"17:00", "22:00"}}
	})
	hoursAllDay = everyDay(interval{"11:00", "22:00"})
	hoursLate   = weekly(func(d string) []interval {
		if isWeekendNight(d) {
			return []interval{{"11:00", "03:00"}}
		}
		return []interval{{"11:00", "01:00"}}
	})
	hoursNight = weekly(func(d string) []interval {
		if isWeekendNight(d) {
			return []interval{{"17:00", "03:00"}}
		}
		return []interval{{"17:00", "00:30"}}
	})
	hoursDinner = weekly(func(d string) []interval {
		if d == "mon" {
			return nil
		}
		return []interval{{"17:30", "23:00"}}
	})
	hoursCafe      = everyDay(interval{"08:00", "18:00"})
	hoursLunchOnly = weekly(func(d string) []interval {
		if d == "sat" || d == "sun" {
			return nil
		}
		return []interval{{"11:00", "15:00"}}
	})
	hoursBakery = weekly(func(d string) []interval {
		if d == "sun" {
			return []interval{{"07:30", "12:00"}}
		}
		return []interval{{"06:30", "14:00"}}
	})
	hoursGelato = everyDay(interval{"12:00", "22:30"})
	// hoursClosed is a restaurant closed all week (holidays, renovation):
	// it keeps its tz, so it is not mistaken for "always open".
	hoursClosed = weekly(func(string) []interval { return nil })
)

// fees is a restaurant's pricing, in euro cents and basis points.
type fees struct {
	base, perKm, minOrder, smallOrder, serviceBps, serviceMax int
}

// Fee plans: the demo restaurants use a handful of realistic plans so that
// search results and carts show different delivery and service fees.
var (
	feesKiez     = fees{base: 99, perKm: 49, minOrder: 1000, smallOrder: 150}
	feesStandard = fees{base: 199, perKm: 79, minOrder: 1200, smallOrder: 200, serviceBps: 500, serviceMax: 199}
	feesPremium  = fees{base: 299, perKm: 120, minOrder: 2000, smallOrder: 250, serviceBps: 800, serviceMax: 399}
	feesFree     = fees{minOrder: 1500, smallOrder: 250, serviceBps: 300}
	feesFar      = fees{base: 149, perKm: 150, serviceBps: 250, serviceMax: 99}
	feesCheap    = fees{perKm: 50, minOrder: 800, smallOrder: 100}
	feesLate     = fees{base: 399, perKm: 100, minOrder: 1500, smallOrder: 200, serviceBps: 600}
)

// restaurant is one demo restaurant. Its menu is the pool menus[menu]
// without pool-items minus items dishes, spread evenly from variant on (see
// pick), so restaurants sharing a pool differ.
type restaurant struct {
	name, slug, area, address string
	lat, lon                  float64
	cuisines                  []string
	description               string
	menu                      string
	items, variant            int
	fees                      fees
	radiusKm                  float64
	prepMinutes               int
	hours                     map[string]any // nil: always open
	taxExclusive              bool           // prices exclude the 7 % VAT, which is added at checkout
	inactive                  bool
	staff                     bool // the demo staff user manages it
}

// restaurants are the demo restaurants, all in Berlin. Addresses are real
// streets; the coordinates are close to them.
var restaurants = []restaurant{
	{name: "Pizzeria Da Enzo", slug: "pizzeria-da-enzo", area: "Mitte", address: "Torstraße 125, 10119 Berlin",
		lat: 52.5295, lon: 13.3995, cuisines: []string{"pizza", "italian"},
		description: "Neapolitan pizza from a wood-fired oven on Torstraße, dough proofed for 48 hours.",
		menu:        "pizza", items: 14, fees: feesStandard, radiusKm: 5, prepMinutes: 20, hours: hoursLunchDinner, staff: true},
	{name: "Kreuzberger Gemüse Kebap", slug: "kreuzberger-gemuese-kebap", area: "Kreuzberg", address: "Mehringdamm 32, 10961 Berlin",
		lat: 52.4938, lon: 13.3880, cuisines: []string{"kebab", "turkish", "halal"},
		description: "The Kreuzberg classic: chicken döner with grilled vegetables, feta and lemon. Worth the queue.",
		menu:        "doener", items: 12, variant: 2, fees: feesKiez, radiusKm: 4, prepMinutes: 12, hours: hoursLate},
	{name: "Phở Hà Nội", slug: "pho-ha-noi", area: "Mitte", address: "Alte Schönhauser Straße 12, 10119 Berlin",
		lat: 52.5262, lon: 13.4085, cuisines: []string{"vietnamese"},
		description: "Northern Vietnamese kitchen: phở simmered for twelve hours, bún chả and fresh summer rolls.",
		menu:        "vietnamese", items: 12, variant: 1, fees: feesStandard, radiusKm: 4, prepMinutes: 15, hours: hoursLunchDinner, staff: true},
	{name: "Sushi Kaiten Kantstraße", slug: "sushi-kaiten-kantstrasse", area: "Charlottenburg", address: "Kantstraße 40, 10625 Berlin",
		lat: 52.5062, lon: 13.3128, cuisines: []string{"sushi", "japanese"},
		description: "Conveyor-belt sushi bar in Charlottenburg, now delivering nigiri, maki and sashimi platters.",
		menu:        "sushi", items: 13, fees: feesPremium, radiusKm: 6, prepMinutes: 25, hours: hoursAllDay},
	{name: "Curry Haus Shanti", slug: "curry-haus-shanti", area: "Kreuzberg", address: "Bergmannstraße 100, 10961 Berlin",
		lat: 52.4890, lon: 13.3930, cuisines: []string{"indian", "vegetarian"},
		description: "North Indian home cooking in the Bergmannkiez, with plenty of vegetarian and vegan curries.",
		menu:        "indian", items: 14, variant: 2, fees: feesStandard, radiusKm: 5, prepMinutes: 25, hours: hoursLunchDinner},
	{name: "Straßenküche Bangkok", slug: "strassenkueche-bangkok", area: "Neukölln", address: "Weserstraße 210, 12047 Berlin",
		lat: 52.4815, lon: 13.4455, cuisines: []string{"thai"},
		description: "Thai street food from the wok: pad thai, curries and som tam as spicy as you dare.",
		menu:        "thai", items: 12, fees: feesCheap, radiusKm: 4, prepMinutes: 15, hours: hoursAllDay},
	{name: "Burger Bahnhof", slug: "burger-bahnhof", area: "Friedrichshain", address: "Warschauer Straße 40, 10243 Berlin",
		lat: 52.5085, lon: 13.4505, cuisines: []string{"burgers", "american"},
		description: "Smash burgers and dry-aged patties next to the Warschauer Straße station, open late.",
		menu:        "burgers", items: 13, variant: 1, fees: feesStandard, radiusKm: 5, prepMinutes: 18, hours: hoursLate},
	{name: "Taquería El Jalapeño", slug: "taqueria-el-jalapeno", area: "Neukölln", address: "Sonnenallee 45, 12045 Berlin",
		lat: 52.4840, lon: 13.4330, cuisines: []string{"mexican"},
		description: "Tacos al pastor from the trompo, handmade corn tortillas and fresh salsas.",
		menu:        "mexican", items: 12, variant: 1, fees: feesKiez, radiusKm: 4, prepMinutes: 15, hours: hoursLunchDinner},
	{name: "Dim Sum Palast", slug: "dim-sum-palast", area: "Charlottenburg", address: "Wilmersdorfer Straße 60, 10627 Berlin",
		lat: 52.5085, lon: 13.3055, cuisines: []string{"chinese"},
		description: "Cantonese dim sum and Sichuan classics, a Kantstraße-area favourite.",
		menu:        "chinese", items: 13, variant: 4, fees: feesStandard, radiusKm: 6, prepMinutes: 20, hours: hoursLunchDinner},
	{name: "Grüne Gabel", slug: "gruene-gabel", area: "Prenzlauer Berg", address: "Kastanienallee 52, 10435 Berlin",
		lat: 52.5385, lon: 13.4085, cuisines: []string{"vegan", "healthy", "salads"},
		description: "Fully plant-based kitchen: bowls, burgers and vegan Käsespätzle. Free delivery.",
		menu:        "vegan", items: 12, variant: 2, fees: feesFree, radiusKm: 5, prepMinutes: 15, hours: hoursAllDay},
	{name: "Café Crème", slug: "cafe-creme", area: "Schöneberg", address: "Maaßenstraße 8, 10777 Berlin",
		lat: 52.4980, lon: 13.3505, cuisines: []string{"desserts", "bakery", "breakfast", "coffee", "french"},
		description: "Breakfast, pâtisserie and coffee near Nollendorfplatz; day-time only.",
		menu:        "cafe", items: 12, variant: 3, fees: feesCheap, radiusKm: 3, prepMinutes: 10, hours: hoursCafe},
	{name: "Spätzle & Knödel", slug: "spaetzle-und-knoedel", area: "Prenzlauer Berg", address: "Kollwitzstraße 50, 10405 Berlin",
		lat: 52.5370, lon: 13.4175, cuisines: []string{"german"},
		description: "Southern German comfort food: Käsespätzle, Maultaschen and Rinderroulade with Klöße.",
		menu:        "german", items: 12, variant: 3, fees: feesStandard, radiusKm: 5, prepMinutes: 25, hours: hoursNoMonday},
	{name: "Açaí Bowl Bar", slug: "acai-bowl-bar", area: "Mitte", address: "Weinmeisterstraße 4, 10178 Berlin",
		lat: 52.5254, lon: 13.4055, cuisines: []string{"healthy", "breakfast", "salads"},
		description: "Açaí and pitaya bowls, overnight oats and salads for a lunch break in Mitte.",
		menu:        "bowls", items: 10, variant: 2, fees: feesFar, radiusKm: 4, prepMinutes: 10, hours: hoursLunchOnly},
	{name: "Le Petit Bistrot", slug: "le-petit-bistrot", area: "Charlottenburg", address: "Bleibtreustraße 20, 10623 Berlin",
		lat: 52.5040, lon: 13.3230, cuisines: []string{"french"},
		description: "A small French bistro: soupe à l'oignon, bœuf bourguignon and crème brûlée. Prices exclude VAT.",
		menu:        "french", items: 13, variant: 5, fees: feesPremium, radiusKm: 5, prepMinutes: 30, hours: hoursDinner, taxExclusive: true},
	{name: "Café de la Façade", slug: "cafe-de-la-facade", area: "Schöneberg", address: "Goltzstraße 21, 10781 Berlin",
		lat: 52.4950, lon: 13.3525, cuisines: []string{"french", "breakfast", "coffee", "desserts"},
		description: "Croissants, éclairs and café crème behind a pastel façade near Winterfeldtplatz.",
		menu:        "cafe", items: 11, variant: 1, fees: feesStandard, radiusKm: 3, prepMinutes: 12, hours: hoursCafe},
	{name: "Pizza Nera", slug: "pizza-nera", area: "Neukölln", address: "Weserstraße 155, 12045 Berlin",
		lat: 52.4860, lon: 13.4360, cuisines: []string{"pizza"},
		description: "Late-night sourdough pizza on Weserstraße, until 3 a.m. at weekends.",
		menu:        "pizza", items: 12, variant: 1, fees: feesLate, radiusKm: 5, prepMinutes: 18, hours: hoursNight},
	{name: "Gözleme & Börek Evi", slug: "goezleme-und-boerek-evi", area: "Kreuzberg", address: "Adalbertstraße 9, 10999 Berlin",
		lat: 52.5000, lon: 13.4185, cuisines: []string{"turkish", "halal", "breakfast"},
		description: "Hand-rolled gözleme and börek from Kottbusser Tor, made by Anatolian grandmothers.",
		menu:        "turkish", items: 11, fees: feesKiez, radiusKm: 3, prepMinutes: 15, hours: everyDay(interval{"08:00", "20:00"})},
	{name: "Meze Beirut", slug: "meze-beirut", area: "Neukölln", address: "Sonnenallee 98, 12045 Berlin",
		lat: 52.4805, lon: 13.4395, cuisines: []string{"lebanese", "middle_eastern", "halal"},
		description: "Lebanese mezze, shawarma and knafeh on Sonnenallee, Berlin's Arab Street.",
		menu:        "mezze", items: 14, variant: 12, fees: feesStandard, radiusKm: 5, prepMinutes: 20, hours: hoursLate},
	{name: "Taverna Olympia", slug: "taverna-olympia", area: "Schöneberg", address: "Hauptstraße 150, 10827 Berlin",
		lat: 52.4875, lon: 13.3555, cuisines: []string{"greek"},
		description: "Greek taverna with gyros, moussaka and grilled fish. Closed for holidays (Betriebsferien).",
		menu:        "greek", items: 12, variant: 12, fees: feesStandard, radiusKm: 5, prepMinutes: 25, hours: hoursClosed},
	{name: "Poke Aloha", slug: "poke-aloha", area: "Mitte", address: "Rosenthaler Straße 40, 10178 Berlin",
		lat: 52.5255, lon: 13.4025, cuisines: []string{"poke", "healthy", "seafood"},
		description: "Hawaiian poke bowls built your way at the Hackescher Markt. Free delivery.",
		menu:        "poke", items: 12, fees: feesFree, radiusKm: 4, prepMinutes: 12, hours: hoursAllDay},
	{name: "Ramen Takumi", slug: "ramen-takumi", area: "Prenzlauer Berg", address: "Danziger Straße 62, 10435 Berlin",
		lat: 52.5395, lon: 13.4240, cuisines: []string{"japanese"},
		description: "Tonkotsu, shōyu and miso ramen with noodles made in-house every morning.",
		menu:        "ramen", items: 11, variant: 2, fees: feesStandard, radiusKm: 5, prepMinutes: 20, hours: hoursLunchDinner},
	{name: "Nachtimbiss Kotti", slug: "nachtimbiss-kotti", area: "Kreuzberg", address: "Skalitzer Straße 133, 10999 Berlin",
		lat: 52.4994, lon: 13.4172, cuisines: []string{"kebab", "turkish", "halal"},
		description: "Döner, lahmacun and baklava around the clock at Kottbusser Tor. Never closes.",
		menu:        "doener", items: 12, variant: 1, fees: feesLate, radiusKm: 4, prepMinutes: 10, staff: true},
	{name: "Currywurst & Co.", slug: "currywurst-und-co", area: "Friedrichshain", address: "Revaler Straße 99, 10245 Berlin",
		lat: 52.5070, lon: 13.4550, cuisines: []string{"german"},
		description: "Berliner Currywurst with or without skin, Buletten and Pommes rot-weiß. Open 24/7 at the RAW-Gelände.",
		menu:        "imbiss", items: 10, fees: feesCheap, radiusKm: 3, prepMinutes: 10},
	{name: "Bánh Mì Saigon", slug: "banh-mi-saigon", area: "Friedrichshain", address: "Boxhagener Straße 82, 10245 Berlin",
		lat: 52.5110, lon: 13.4630, cuisines: []string{"vietnamese", "sandwiches"},
		description: "Crusty bánh mì, bún and Vietnamese iced coffee near Boxhagener Platz.",
		menu:        "vietnamese", items: 10, fees: feesKiez, radiusKm: 4, prepMinutes: 10, hours: hoursAllDay},
	{name: "La Bodega", slug: "la-bodega", area: "Kreuzberg", address: "Graefestraße 10, 10967 Berlin",
		lat: 52.4935, lon: 13.4170, cuisines: []string{"spanish"},
		description: "Tapas bar in the Graefekiez: jamón ibérico, croquetas and paella made to order.",
		menu:        "spanish", items: 14, fees: feesPremium, radiusKm: 5, prepMinutes: 25, hours: hoursNight},
	{name: "Smokehouse Wedding", slug: "smokehouse-wedding", area: "Wedding", address: "Malplaquetstraße 30, 13347 Berlin",
		lat: 52.5520, lon: 13.3645, cuisines: []string{"bbq", "american"},
		description: "Texas barbecue from an offset smoker: brisket, ribs and burnt ends.",
		menu:        "bbq", items: 12, fees: feesFar, radiusKm: 7, prepMinutes: 35, hours: hoursLunchDinner},
	{name: "Fisch & Meer", slug: "fisch-und-meer", area: "Moabit", address: "Turmstraße 40, 10551 Berlin",
		lat: 52.5260, lon: 13.3420, cuisines: []string{"seafood", "german"},
		description: "North Sea fish shop and kitchen at the Arminius-Markthalle: Matjes, fish & chips, grilled dorade.",
		menu:        "seafood", items: 13, fees: feesStandard, radiusKm: 5, prepMinutes: 25, hours: hoursNoMonday},
	{name: "Addis Abeba Küche", slug: "addis-abeba-kueche", area: "Wedding", address: "Utrechter Straße 30, 13347 Berlin",
		lat: 52.5530, lon: 13.3600, cuisines: []string{"african", "vegetarian"},
		description: "Ethiopian stews on injera, with a large vegan platter for sharing.",
		menu:        "african", items: 11, fees: feesKiez, radiusKm: 6, prepMinutes: 30, hours: hoursDinner},
	{name: "Jerk Shack", slug: "jerk-shack", area: "Neukölln", address: "Friedelstraße 30, 12047 Berlin",
		lat: 52.4920, lon: 13.4300, cuisines: []string{"caribbean"},
		description: "Jamaican jerk chicken smoked over pimento wood, curry goat and fried plantain.",
		menu:        "caribbean", items: 12, fees: feesStandard, radiusKm: 5, prepMinutes: 25, hours: hoursLunchDinner},
	{name: "Sandwich Atelier", slug: "sandwich-atelier", area: "Mitte", address: "Friedrichstraße 120, 10117 Berlin",
		lat: 52.5265, lon: 13.3880, cuisines: []string{"sandwiches", "breakfast", "coffee"},
		description: "Pastrami, Reuben and bagels for the office lunch, weekdays only.",
		menu:        "sandwiches", items: 12, variant: 9, fees: feesCheap, radiusKm: 3, prepMinutes: 10, hours: hoursLunchOnly},
	{name: "Salatwerk", slug: "salatwerk", area: "Charlottenburg", address: "Knesebeckstraße 30, 10623 Berlin",
		lat: 52.5060, lon: 13.3225, cuisines: []string{"salads", "healthy"},
		description: "Big salads and bowls with your choice of dressing and protein, for lunch.",
		menu:        "bowls", items: 11, variant: 1, fees: feesFree, radiusKm: 4, prepMinutes: 10, hours: hoursLunchOnly},
	{name: "Gelateria Dolce Vita", slug: "gelateria-dolce-vita", area: "Prenzlauer Berg", address: "Oderberger Straße 30, 10435 Berlin",
		lat: 52.5390, lon: 13.4065, cuisines: []string{"desserts", "italian"},
		description: "Gelato and sorbetti made daily, delivered in insulated 500 ml tubs.",
		menu:        "gelato", items: 12, fees: feesCheap, radiusKm: 4, prepMinutes: 10, hours: hoursGelato},
	{name: "Wok Express", slug: "wok-express", area: "Friedrichshain", address: "Grünberger Straße 50, 10245 Berlin",
		lat: 52.5120, lon: 13.4520, cuisines: []string{"chinese", "thai"},
		description: "Fast wok dishes with your choice of vegetables, chicken, beef, duck or prawns.",
		menu:        "wok", items: 14, fees: feesCheap, radiusKm: 6, prepMinutes: 15, hours: hoursLate},
	{name: "Mama India", slug: "mama-india", area: "Wedding", address: "Seestraße 40, 13353 Berlin",
		lat: 52.5475, lon: 13.3485, cuisines: []string{"indian", "halal"},
		description: "Punjabi curries, biryani and tandoori naan in Wedding.",
		menu:        "indian", items: 12, variant: 1, fees: feesKiez, radiusKm: 6, prepMinutes: 25, hours: hoursLunchDinner},
	{name: "Pizzeria Vesuvio", slug: "pizzeria-vesuvio", area: "Schöneberg", address: "Akazienstraße 15, 10823 Berlin",
		lat: 52.4890, lon: 13.3540, cuisines: []string{"pizza", "italian"},
		description: "Family pizzeria in the Akazienkiez since 1987: pizza, pasta and tiramisù.",
		menu:        "pizza", items: 14, variant: 1, fees: feesStandard, radiusKm: 5, prepMinutes: 20, hours: hoursLunchDinner},
	{name: "Osteria Toscana", slug: "osteria-toscana", area: "Charlottenburg", address: "Savignyplatz 5, 10623 Berlin",
		lat: 52.5055, lon: 13.3220, cuisines: []string{"italian"},
		description: "Tuscan osteria at Savignyplatz: fresh pasta, saltimbocca and branzino. Prices exclude VAT.",
		menu:        "italian", items: 14, fees: feesPremium, radiusKm: 4, prepMinutes: 35, hours: hoursDinner, taxExclusive: true},
	{name: "Kiez Burger", slug: "kiez-burger", area: "Neukölln", address: "Karl-Marx-Straße 80, 12043 Berlin",
		lat: 52.4795, lon: 13.4375, cuisines: []string{"burgers"},
		description: "Neighbourhood burger joint with a Jalapeño Burger that bites back.",
		menu:        "burgers", items: 12, variant: 1, fees: feesKiez, radiusKm: 5, prepMinutes: 15, hours: hoursLate},
	{name: "Tokyo Sushi Bar", slug: "tokyo-sushi-bar", area: "Prenzlauer Berg", address: "Schönhauser Allee 120, 10437 Berlin",
		lat: 52.5445, lon: 13.4125, cuisines: []string{"sushi", "japanese"},
		description: "Sushi and rolls near the Schönhauser Allee station.",
		menu:        "sushi", items: 12, variant: 1, fees: feesStandard, radiusKm: 5, prepMinutes: 25, hours: hoursLunchDinner},
	{name: "Grüner Döner", slug: "gruener-doener", area: "Friedrichshain", address: "Simon-Dach-Straße 30, 10245 Berlin",
		lat: 52.5095, lon: 13.4575, cuisines: []string{"vegan", "kebab"},
		description: "100 % vegan döner: seitan from the spit, oat ayran, vegan baklava.",
		menu:        "vegan-doener", items: 10, fees: feesCheap, radiusKm: 4, prepMinutes: 10, hours: hoursLate},
	{name: "Thai Garden", slug: "thai-garden", area: "Schöneberg", address: "Motzstraße 30, 10777 Berlin",
		lat: 52.4975, lon: 13.3460, cuisines: []string{"thai"},
		description: "Royal Thai curries and soups near Viktoria-Luise-Platz.",
		menu:        "thai", items: 13, variant: 1, fees: feesStandard, radiusKm: 5, prepMinutes: 20, hours: hoursLunchDinner},
	{name: "Bäckerei Brotzeit", slug: "baeckerei-brotzeit", area: "Prenzlauer Berg", address: "Stargarder Straße 70, 10437 Berlin",
		lat: 52.5485, lon: 13.4195, cuisines: []string{"bakery", "breakfast", "coffee"},
		description: "Craft bakery: Schrippen, Franzbrötchen and sourdough rye. Delivery paused.",
		menu:        "bakery", items: 10, fees: feesCheap, radiusKm: 2, prepMinutes: 10, hours: hoursBakery, inactive: true},
	{name: "Haus der Maultaschen", slug: "haus-der-maultaschen", area: "Charlottenburg", address: "Mommsenstraße 10, 10629 Berlin",
		lat: 52.5030, lon: 13.3195, cuisines: []string{"german"},
		description: "Swabian Maultaschen in broth or pan-fried, schnitzel and Kaiserschmarrn.",
		menu:        "german", items: 12, fees: feesStandard, radiusKm: 6, prepMinutes: 25, hours: hoursLunchDinner},
	{name: "Sichuan Feuer", slug: "sichuan-feuer", area: "Mitte", address: "Linienstraße 60, 10119 Berlin",
		lat: 52.5285, lon: 13.4045, cuisines: []string{"chinese"},
		description: "Numbing-hot Sichuan cooking: mapo tofu, dan dan mian, kung pao. Opening soon.",
		menu:        "chinese", items: 12, fees: feesStandard, radiusKm: 5, prepMinutes: 20, hours: hoursLunchDinner, inactive: true},
	{name: "Anatolia Grill", slug: "anatolia-grill", area: "Tempelhof", address: "Tempelhofer Damm 150, 12099 Berlin",
		lat: 52.4660, lon: 13.3855, cuisines: []string{"turkish", "kebab", "bbq", "halal"},
		description: "Charcoal grill with Adana kebap, döner and künefe, south of Tempelhofer Feld.",
		menu:        "doener", items: 14, variant: 1, fees: feesKiez, radiusKm: 6, prepMinutes: 20, hours: hoursLate},
	{name: "Burrito Loco", slug: "burrito-loco", area: "Kreuzberg", address: "Wiener Straße 20, 10999 Berlin",
		lat: 52.4990, lon: 13.4310, cuisines: []string{"mexican"},
		description: "Mission-style burritos and tacos near Görlitzer Park.",
		menu:        "mexican", items: 12, fees: feesStandard, radiusKm: 5, prepMinutes: 15, hours: hoursLunchDinner},
	{name: "Crêperie Bretonne", slug: "creperie-bretonne", area: "Prenzlauer Berg", address: "Lychener Straße 20, 10437 Berlin",
		lat: 52.5430, lon: 13.4165, cuisines: []string{"french", "desserts"},
		description: "Buckwheat galettes and sweet crêpes from Brittany, crème brûlée to finish.",
		menu:        "creperie", items: 11, fees: feesStandard, radiusKm: 4, prepMinutes: 15, hours: hoursAllDay},
	{name: "Hummus & Friends", slug: "hummus-und-friends", area: "Mitte", address: "Oranienburger Straße 32, 10117 Berlin",
		lat: 52.5248, lon: 13.3960, cuisines: []string{"middle_eastern", "vegetarian", "healthy"},
		description: "Hummus bar with plenty of vegan mezze, falafel and shawarma.",
		menu:        "mezze", items: 12, variant: 3, fees: feesFree, radiusKm: 4, prepMinutes: 15, hours: hoursLunchDinner},
	{name: "Seoul Kitchen", slug: "seoul-kitchen", area: "Wedding", address: "Müllerstraße 150, 13353 Berlin",
		lat: 52.5480, lon: 13.3600, cuisines: []string{"korean"},
		description: "Korean home cooking: bibimbap in a stone bowl, kimchi-jjigae and fried chicken.",
		menu:        "korean", items: 13, variant: 1, fees: feesStandard, radiusKm: 6, prepMinutes: 20, hours: hoursLunchDinner},
	{name: "Chimaek Neukölln", slug: "chimaek-neukoelln", area: "Neukölln", address: "Hermannstraße 100, 12051 Berlin",
		lat: 52.4760, lon: 13.4250, cuisines: []string{"korean"},
		description: "Korean fried chicken for late nights, glazed yangnyeom or soy garlic.",
		menu:        "korean", items: 12, fees: feesLate, radiusKm: 5, prepMinutes: 20, hours: hoursNight},
}
