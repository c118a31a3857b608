package delivery

import (
	"math"
	"slices"

	"github.com/dishpatch/dishpatch/internal/geo"
)

// The spatial grid: every place is listed in each cell its delivery bounding box overlaps, so the places
// that may deliver to a point are the list of the point's one cell. A cell of 0.025° is 2.8 km north to
// south (1.7 km east to west in Berlin): a typical delivery box of 8 km overlaps a dozen cells, and the
// cell adds a band of a cell's width around the box to what the scan's range test rejects (in a dense
// centre about a fifth of the list). A box wider than maxCells cells (a radius near 50 km
// at high latitude, a circle over a pole or across the antimeridian, which geo.BBox widens to every
// longitude) goes to a wide list that every search scans instead; such places are rare.
const (
	cellDeg  = 0.025
	maxCells = 4096
)

// box is a delivery bounding box from geo.BBox, which never cuts off a point the restaurant delivers to,
// in float32 rounded outwards (so it still never does). It decides the cells a place is listed in; the
// scan itself tests spots (see spot), which cost about as much to read as a box and decide the range.
type box struct {
	minLat, maxLat, minLon, maxLon float32
}

// deliveryBox is the bounding box of the points within radiusKm of at.
func deliveryBox(at geo.Point, radiusKm float64) box {
	minLat, maxLat, minLon, maxLon := geo.BBox(at, radiusKm*1000)
	return box{down(minLat), up(maxLat), down(minLon), up(maxLon)}
}

// down and up round to a float32 no greater, and no less, than x.
func down(x float64) float32 {
	f := float32(x)
	if float64(f) > x {
		f = math.Nextafter32(f, float32(math.Inf(-1)))
	}
	return f
}

func up(x float64) float32 {
	f := float32(x)
	if float64(f) < x {
		f = math.Nextafter32(f, float32(math.Inf(1)))
	}
	return f
}

// cell numbers a latitude or longitude. Floor of a monotonic expression is monotonic, so a point inside a
// box always falls in a cell between the box's first and last: no point is lost at a cell border.
func cell(deg, offset float64) uint64 {
	return uint64(math.Floor((deg + offset) / cellDeg))
}

func cellKey(lat, lon uint64) uint64 {
	return lat<<32 | lon
}

type grid struct {
	cells map[uint64][]int32
	wide  []int32
}

func newGrid() grid {
	return grid{cells: make(map[uint64][]int32)}
}

// span returns the cell ranges of b, or ok = false when b overlaps more than maxCells cells.
func span(b box) (lat0, lat1, lon0, lon1 uint64, ok bool) {
	lat0, lat1 = cell(float64(b.minLat), 90), cell(float64(b.maxLat), 90)
	lon0, lon1 = cell(float64(b.minLon), 180), cell(float64(b.maxLon), 180)
	return lat0, lat1, lon0, lon1, (lat1-lat0+1)*(lon1-lon0+1) <= maxCells
}

func (g *grid) add(slot int32, b box) {
	lat0, lat1, lon0, lon1, ok := span(b)
	if !ok {
		g.wide = append(g.wide, slot)
		return
	}
	for la := lat0; la <= lat1; la++ {
		for lo := lon0; lo <= lon1; lo++ {
			k := cellKey(la, lo)
			g.cells[k] = append(g.cells[k], slot)
		}
	}
}

// remove undoes add; b must be the box slot was added with.
func (g *grid) remove(slot int32, b box) {
	drop := func(list []int32) []int32 {
		if i := slices.Index(list, slot); i >= 0 {
			list[i] = list[len(list)-1]
			list = list[:len(list)-1]
		}
		return list
	}
	lat0, lat1, lon0, lon1, ok := span(b)
	if !ok {
		g.wide = drop(g.wide)
		return
	}
	for la := lat0; la <= lat1; la++ {
		for lo := lon0; lo <= lon1; lo++ {
			k := cellKey(la, lo)
			if list := drop(g.cells[k]); len(list) > 0 {
				g.cells[k] = list
			} else {
				delete(g.cells, k)
			}
		}
	}
}

// lookup returns the places whose box may contain p: its cell's list and the wide list.
func (g *grid) lookup(p geo.Point) (cellList, wide []int32) {
	return g.cells[cellKey(cell(p.Lat, 90), cell(p.Lon, 180))], g.wide
}
