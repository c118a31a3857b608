package delivery

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends r as encoding/json would encode PocketBase's list envelope holding it (items first,
// then page, perPage, totalItems, totalPages; strings escaped and numbers formatted alike) and returns
// the extended slice. Encoding a page through reflection took a sixth of a search's time; this takes a
// fraction of that and allocates nothing.
func (r *Result) AppendJSON(b []byte) []byte {
	b = append(b, `{"items":[`...)
	for i := range r.Items {
		if i > 0 {
			b = append(b, ',')
		}
		b = r.Items[i].appendJSON(b)
	}
	b = append(b, `],"page":`...)
	b = strconv.AppendInt(b, int64(r.Page), 10)
	b = append(b, `,"perPage":`...)
	b = strconv.AppendInt(b, int64(r.PerPage), 10)
	b = append(b, `,"totalItems":`...)
	b = strconv.AppendInt(b, int64(r.TotalItems), 10)
	b = append(b, `,"totalPages":`...)
	b = strconv.AppendInt(b, int64(r.TotalPages), 10)
	return append(b, '}')
}

func (h *Hit) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, h.ID)
	b = append(b, `,"name":`...)
	b = appendString(b, h.Name)
	b = append(b, `,"slug":`...)
	b = appendString(b, h.Slug)
	b = append(b, `,"cuisines":`...)
	if h.Cuisines == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, c := range h.Cuisines {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, c)
		}
		b = append(b, ']')
	}
	b = append(b, `,"address":`...)
	b = appendString(b, h.Address)
	b = append(b, `,"location":{"lon":`...)
	b = appendFloat(b, h.Location.Lon)
	b = append(b, `,"lat":`...)
	b = appendFloat(b, h.Location.Lat)
	b = append(b, `},"rating_avg":`...)
	b = appendFloat(b, h.RatingAvg)
	b = append(b, `,"rating_count":`...)
	b = strconv.AppendInt(b, h.RatingCount, 10)
	b = append(b, `,"cover":`...)
	b = appendString(b, h.Cover)
	b = append(b, `,"currency":`...)
	b = appendString(b, h.Currency)
	b = append(b, `,"min_order":`...)
	b = strconv.AppendInt(b, h.MinOrder, 10)
	b = append(b, `,"distance_km":`...)
	b = appendFloat(b, h.DistanceKm)
	b = append(b, `,"eta_minutes":`...)
	b = strconv.AppendInt(b, h.EtaMinutes, 10)
	b = append(b, `,"delivery_fee":`...)
	b = strconv.AppendInt(b, h.DeliveryFee, 10)
	b = append(b, `,"is_open":`...)
	b = strconv.AppendBool(b, h.IsOpen)
	b = append(b, `,"matched_items":`...)
	if h.MatchedItems == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, m := range h.MatchedItems {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"id":`...)
			b = appendString(b, m.ID)
			b = append(b, `,"name":`...)
			b = appendString(b, m.Name)
			b = append(b, `,"price":`...)
			b = strconv.AppendInt(b, m.Price, 10)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendFloat formats f as encoding/json does: the shortest representation, in exponent form only for
// very small or very large magnitudes. JSON has no NaN or infinity; they are written as 0, which no
// figure of a search result can be anyway.
func appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, '0')
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// encoding/json writes e-7, not e-07.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hex = "0123456789abcdef"

// jsonSafe tells the ASCII bytes that encoding/json writes as they are: not a control character, a quote,
// a backslash, or the HTML characters it escapes.
var jsonSafe = func() (safe [utf8.RuneSelf]bool) {
	for c := byte(0x20); c < utf8.RuneSelf; c++ {
		safe[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return safe
}()

// appendString appends s as a JSON string, escaped as encoding/json escapes with HTML escaping on (its
// default, and PocketBase's): quotes, backslashes, control characters, <, > and &, U+2028 and U+2029;
// invalid UTF-8 becomes U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
