package hooks

import (
	"net/url"
	"os"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/dishpatch/dishpatch/internal/delivery"
)

func TestProbeSearch(t *testing.T) {
	dir := os.Getenv("PROBE_DIR")
	if dir == "" {
		t.Skip()
	}
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	s := &searchService{}
	st := time.Now()
	if _, err := s.current(app); err != nil {
		t.Fatal(err)
	}
	t.Logf("load %v", time.Since(st))
	qs := []string{"lat=52.52&lon=13.405&q=p", "lat=52.52&lon=13.405", "lat=52.52&lon=13.405&q=burger", "lat=52.52&lon=13.405&q=p", "lat=52.45&lon=13.30&q=kimchi+tofu"}
	f, _ := os.Create("/tmp/probe/cpu.prof")
	for _, q := range qs {
		v, _ := url.ParseQuery(q)
		p, err := delivery.ParseParams(v, cuisineValues(app))
		if err != nil {
			t.Fatal(err)
		}
		var n int
		st := time.Now()
		N := 2000
		if q == "lat=52.52&lon=13.405&q=p" {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
			N = 6000
		}
		for range N {
			ix, err := s.current(app)
			if err != nil {
				t.Fatal(err)
			}
			n = ix.Search(p, time.Now()).TotalItems
		}
		t.Logf("%s: %v per search, %d hits", q, time.Since(st)/time.Duration(N), n)
	}
}
