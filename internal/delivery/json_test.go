package delivery

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

// envelope is PocketBase's list envelope (tools/search.Result) with its field order, which AppendJSON
// must reproduce byte for byte.
type envelope struct {
	Items      any `json:"items"`
	Page       int `json:"page"`
	PerPage    int `json:"perPage"`
	TotalItems int `json:"totalItems"`
	TotalPages int `json:"totalPages"`
}

func encodingJSON(t *testing.T, r Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(envelope{r.Items, r.Page, r.PerPage, r.TotalItems, r.TotalPages}); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

var jsonStrings = []string{
	"", "Pizza Roma", `quote " and backslash \`, "<script>&amp;</script>", "tab\tnew\nline\rreturn",
	"\b\f\x00\x01\x1f\x7f", "Crème brûlée Straße 寿司 🍕", "line\u2028para\u2029", "bad \xff\xfe utf-8 \xc3",
	"\xed\xa0\x80 surrogate",
}

var jsonFloats = []float64{0, 1, 2.35, -0.5, 52.520008, 13.404954, 4.25, 1e-7, 1.5e-9, 123456789012345678901234.0, 1e21,
	1e20, 0.000001, math.SmallestNonzeroFloat64, -1e-300, math.MaxFloat64}

func TestAppendJSON(t *testing.T) {
	var hits []Hit
	for i, s := range jsonStrings {
		f := jsonFloats[i%len(jsonFloats)]
		hits = append(hits, Hit{
			ID: s, Name: s + "!", Slug: "slug", Cuisines: []string{s, "pizza"}, Address: s,
			Location: Location{Lon: f, Lat: -f}, RatingAvg: jsonFloats[(i+3)%len(jsonFloats)], RatingCount: int64(i),
			Cover: s, Currency: "EUR", MinOrder: -int64(i), DistanceKm: jsonFloats[(i+5)%len(jsonFloats)],
			EtaMinutes: math.MaxInt64, DeliveryFee: math.MinInt64, IsOpen: i%2 == 0,
			MatchedItems: []MatchedItem{{ID: s, Name: s, Price: 900}, {ID: "b", Name: "c", Price: 0}},
		})
	}
	hits = append(hits, Hit{}) // nil lists are null, as encoding/json writes them
	for _, f := range jsonFloats {
		hits = append(hits, Hit{RatingAvg: f, DistanceKm: -f, Cuisines: []string{}, MatchedItems: []MatchedItem{}})
	}
	for _, r := range []Result{
		{Items: []Hit{}},
		{Page: 3, PerPage: 20, TotalItems: 1234, TotalPages: 62, Items: hits},
	} {
		got := r.AppendJSON(nil)
		if want := encodingJSON(t, r); !bytes.Equal(got, want) {
			t.Errorf("AppendJSON:\n got %s\nwant %s", got, want)
		}
	}
}

// FuzzAppendJSON: for any strings and numbers, AppendJSON writes what encoding/json writes.
func FuzzAppendJSON(f *testing.F) {
	for i, s := range jsonStrings {
		f.Add(s, jsonFloats[i%len(jsonFloats)], int64(i))
	}
	f.Fuzz(func(t *testing.T, s string, x float64, n int64) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return // encoding/json refuses them; AppendJSON writes 0
		}
		r := Result{Page: int(n), Items: []Hit{{ID: s, Name: s, Cuisines: []string{s}, Location: Location{Lon: x, Lat: x},
			RatingAvg: x, DistanceKm: x, MinOrder: n, MatchedItems: []MatchedItem{{ID: s, Name: s, Price: n}}}}}
		if got, want := r.AppendJSON(nil), encodingJSON(t, r); !bytes.Equal(got, want) {
			t.Fatalf("AppendJSON:\n got %s\nwant %s", got, want)
		}
	})
}
