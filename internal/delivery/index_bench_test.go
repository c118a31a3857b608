package delivery

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dishpatch/dishpatch/internal/geo"
	"github.com/dishpatch/dishpatch/internal/search"
)

// benchCity builds n restaurants with itemsEach menu items around Berlin's centre, 70 % of them within a
// few kilometres of it, with menus drawn from a few hundred words: the shape of bench/search.sh's data
// sets, without the database.
func benchCity(n, itemsEach int) *Index {
	r := rand.New(rand.NewPCG(42, 42))
	vocab := strings.Fields(`pizza margherita pasta lasagne burger cheeseburger fries wings sushi maki nigiri ramen udon
curry tikka masala naan biryani pad thai pho banh dumplings noodles rice kimchi bulgogi doner kebab falafel hummus
tacos burrito nachos schnitzel currywurst salad bowl smoothie croissant brownie cheesecake crepes fish chips
tomato mozzarella basil garlic onion chicken beef lamb pork tofu spicy crispy fresh homemade sauce cheese cream`)
	for i := range 300 {
		vocab = append(vocab, fmt.Sprintf("%c%c%cword%d", 'a'+i%26, 'a'+i/26%26, 'a'+i%7, i))
	}
	phrase := func(k int) string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = vocab[r.IntN(len(vocab))]
		}
		return strings.Join(ws, " ")
	}
	var b Builder
	for i := range n {
		at := away(here, r.NormFloat64()*3000, r.NormFloat64()*4500)
		if r.IntN(10) < 3 {
			at = away(here, (r.Float64()-0.5)*38000, (r.Float64()-0.5)*45000)
		}
		id := fmt.Sprintf("r%08d", i)
		items := make([]Item, itemsEach)
		for j := range items {
			items[j] = Item{ID: fmt.Sprintf("%s-%d", id, j), Name: phrase(2), Price: 900, SortOrder: int64(j % 5),
				Words: search.Words(phrase(2), phrase(5))}
		}
		p := place(id, phrase(2), phrase(6), []string{"pizza", "sushi", "thai", "indian"}[r.IntN(4):][:1], at,
			1.5+r.Float64()*5.5, items...)
		b.Add(p)
	}
	return b.Index()
}

// cpuTime is the CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSearch measures Index.Search at the centre of a dense city, by location, with one letter and
// with a whole word: the D shape (100,000 restaurants × 10 items) and the S shape (10,000 × 100).
func BenchmarkSearch(b *testing.B) {
	for _, shape := range []struct {
		name         string
		n, itemsEach int
	}{{"D", 100_000, 10}, {"S", 10_000, 100}} {
		ix := benchCity(shape.n, shape.itemsEach)
		for _, q := range []string{"", "p", "pizza"} {
			b.Run(fmt.Sprintf("%s/q=%q", shape.name, q), func(b *testing.B) {
				p := Params{At: geo.Point{Lat: here.Lat + 0.003, Lon: here.Lon - 0.004}, Query: NewQuery(q),
					Sort: SortDistance, Page: 1, PerPage: 20}
				if !p.Query.Empty() {
					p.Sort = SortRelevance
				}
				total := 0
				cpu := cpuTime()
				for b.Loop() {
					total = ix.Search(p, noon).TotalItems
				}
				b.ReportMetric(float64(total), "hits")
				// CPU time as well as wall time: on a shared machine the wall clock measures the neighbours.
				b.ReportMetric(float64((cpuTime()-cpu)/time.Microsecond)/float64(b.N), "cpu-µs/op")
			})
		}
	}
}
