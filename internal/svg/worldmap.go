package svg

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// World is the outlines of the countries a map draws.
type World struct {
	Countries []Outline
}

// Outline is one country: its ISO alpha-3 code, its name and its rings of
// longitude, latitude pairs in degrees. Holes are rings too: the map fills
// with the even-odd rule.
type Outline struct {
	Code, Name string
	Rings      [][][2]float64
}

// ParseWorld reads the format of data/worldmap/countries.txt (see its
// SOURCE.md): lines of code, name and rings, tab-separated; rings
// separated by ";", each a list of "lon,lat" in hundredths of a degree,
// the first whole and each next one the difference from the one before.
// Lines starting with "#" are comments. Errors name the line.
func ParseWorld(s string) (*World, error) {
	w := &World{}
	for n, line := range strings.Split(s, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[0] == "" {
			return nil, fmt.Errorf("world map: line %d: want code, name and rings, tab-separated", n+1)
		}
		o := Outline{Code: f[0], Name: f[1]}
		for _, rs := range strings.Split(f[2], ";") {
			var ring [][2]float64
			var x, y int
			for _, p := range strings.Fields(rs) {
				a, b, ok := strings.Cut(p, ",")
				dx, err1 := strconv.Atoi(a)
				dy, err2 := strconv.Atoi(b)
				if !ok || err1 != nil || err2 != nil {
					return nil, fmt.Errorf("world map: line %d (%s): point %q is not two integers", n+1, o.Code, p)
				}
				x, y = x+dx, y+dy
				if x < -18000 || x > 18000 || y < -9000 || y > 9000 {
					return nil, fmt.Errorf("world map: line %d (%s): point %d,%d out of range", n+1, o.Code, x, y)
				}
				ring = append(ring, [2]float64{float64(x) / 100, float64(y) / 100})
			}
			if len(ring) < 3 {
				return nil, fmt.Errorf("world map: line %d (%s): a ring of %d points", n+1, o.Code, len(ring))
			}
			o.Rings = append(o.Rings, ring)
		}
		w.Countries = append(w.Countries, o)
	}
	if len(w.Countries) == 0 {
		return nil, fmt.Errorf("world map: no countries")
	}
	return w, nil
}

// NaturalEarth projects a longitude and latitude in degrees with the
// Natural Earth I projection (Šavrič, Jenny, Patterson and Hurni 2011):
// x runs from -2.7354 to 2.7354 along the equator, y from -1.4224 at the
// south pole to 1.4224 at the north pole (y grows northwards).
func NaturalEarth(lon, lat float64) (x, y float64) {
	l, p := lon*math.Pi/180, lat*math.Pi/180
	p2 := p * p
	p4 := p2 * p2
	x = l * (0.8707 - 0.131979*p2 + p4*(-0.013791+p4*(0.003971*p2-0.001529*p4)))
	y = p * (1.007226 + p2*(0.015085+p4*(-0.044475+0.028874*p2-0.005916*p4)))
	return x, y
}

// Area is a country's count on a map.
type Area struct {
	Code  string // ISO alpha-3, as in World
	Count int
	Link  string // optional URL of the events behind the count
}

// Spot is a city's count on a map.
type Spot struct {
	Name     string
	Country  string // ISO alpha-3, shown in the tooltip
	Lat, Lon float64
	Count    int
	Link     string // optional URL of the events behind the count
}

// MapChart is the data of a world map: countries shaded by their count on
// a sequential scale, cities as circles whose area grows with theirs.
type MapChart struct {
	Title string
	Unit  string // what is counted, plural ("events", "happenings"); "" means events
	Areas []Area
	Spots []Spot
	Width int // pixels; 0 means 960. The height follows from the projection.
}

// The map shows latitudes mapTop to mapBottom: Antarctica is not drawn.
const (
	mapTop, mapBottom = 84.0, -57.0
	mapPad            = 4.0
	// mapClasses is the number of shades of the country scale; CSS
	// classes m1..m5 colour them and m0 the countries without a count.
	mapClasses = 5
)

// mapProjection returns the pixel position of a longitude and latitude
// on a map width w pixels wide, and the map's height.
func mapProjection(w float64) (project func(lon, lat float64) (float64, float64), h float64) {
	xMax, _ := NaturalEarth(180, 0)
	_, yTop := NaturalEarth(0, mapTop)
	_, yBottom := NaturalEarth(0, mapBottom)
	s := (w - 2*mapPad) / (2 * xMax)
	h = math.Ceil((yTop-yBottom)*s + 2*mapPad)
	return func(lon, lat float64) (float64, float64) {
		x, y := NaturalEarth(lon, lat)
		return w/2 + x*s, mapPad + (yTop-y)*s
	}, h
}

// MapBreaks returns the lower bounds of the shades of counts up to max:
// each count from 1 when max is at most mapClasses, else up to mapClasses
// bounds spaced evenly on a log scale and rounded to 1, 2, 3 or 5 times
// a power of ten. The first bound is 1; none is above max.
func MapBreaks(max int) []int {
	if max <= 0 {
		return nil
	}
	if max <= mapClasses {
		out := make([]int, max)
		for i := range out {
			out[i] = i + 1
		}
		return out
	}
	out := []int{1}
	for i := 1; i < mapClasses; i++ {
		b := nice1235(math.Pow(float64(max), float64(i)/mapClasses))
		if b > out[len(out)-1] && b <= max {
			out = append(out, b)
		}
	}
	return out
}

// nice1235 rounds v ≥ 1 to the nearest (on a log scale) of 1, 2, 3 and 5
// times a power of ten.
func nice1235(v float64) int {
	mag := math.Pow(10, math.Floor(math.Log10(v)))
	best, bestD := mag, math.Inf(1)
	for _, m := range []float64{1, 2, 3, 5, 10} {
		if d := math.Abs(math.Log(v / (m * mag))); d < bestD {
			best, bestD = m*mag, d
		}
	}
	return int(best)
}

// shade returns the class index (1..len(breaks)) of a count above zero.
func shade(breaks []int, n int) int {
	k := 0
	for i, b := range breaks {
		if n >= b {
			k = i + 1
		}
	}
	return k
}

// countText is "1 event", "12 events".
func countText(n int, unit string) string {
	if unit == "" {
		unit = "events"
	}
	if n == 1 {
		unit = strings.TrimSuffix(unit, "s")
	}
	return strconv.Itoa(n) + " " + unit
}

// pathWriter writes rings as a compact SVG path in whole pixels: an
// absolute move to each ring's first point, then relative lines.
type pathWriter struct {
	b      bytes.Buffer
	x, y   int // the current point
	rings  int
	needSp bool
}

func (p *pathWriter) num(v int) {
	if p.needSp && v >= 0 {
		p.b.WriteByte(' ')
	}
	p.b.WriteString(strconv.Itoa(v))
	p.needSp = true
}

// simplifyTolerance is how far, in pixels, a simplified outline may
// stray from the original.
const simplifyTolerance = 0.5

// simplify returns the points of pts that a Douglas–Peucker walk keeps
// within tol of the polyline, ends included.
func simplify(pts [][2]float64, tol float64) [][2]float64 {
	if len(pts) < 3 {
		return pts
	}
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	type span struct{ i, j int }
	stack := []span{{0, len(pts) - 1}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		a, b := pts[s.i], pts[s.j]
		dx, dy := b[0]-a[0], b[1]-a[1]
		l := math.Hypot(dx, dy)
		far, farD := -1, tol
		for k := s.i + 1; k < s.j; k++ {
			var d float64
			if l == 0 {
				d = math.Hypot(pts[k][0]-a[0], pts[k][1]-a[1])
			} else {
				d = math.Abs(dy*(pts[k][0]-a[0])-dx*(pts[k][1]-a[1])) / l
			}
			if d > farD {
				far, farD = k, d
			}
		}
		if far >= 0 {
			keep[far] = true
			stack = append(stack, span{s.i, far}, span{far, s.j})
		}
	}
	out := pts[:0:0]
	for k, q := range pts {
		if keep[k] {
			out = append(out, q)
		}
	}
	return out
}

// ring writes pts (pixels) after dropping every point closer than a
// pixel to the last one kept and simplifying what is left (see
// simplifyTolerance); a ring left with fewer than three points is not
// written. It reports whether the ring was written.
func (p *pathWriter) ring(pts [][2]float64) bool {
	near := make([][2]float64, 0, len(pts))
	for _, q := range pts {
		if len(near) > 0 {
			last := near[len(near)-1]
			if math.Hypot(q[0]-last[0], q[1]-last[1]) < 1 {
				continue
			}
		}
		near = append(near, q)
	}
	kept := make([][2]int, 0, len(near))
	for _, q := range simplify(near, simplifyTolerance) {
		r := [2]int{int(math.Round(q[0])), int(math.Round(q[1]))}
		if len(kept) > 0 && kept[len(kept)-1] == r {
			continue
		}
		kept = append(kept, r)
	}
	if len(kept) > 1 && kept[0] == kept[len(kept)-1] {
		kept = kept[:len(kept)-1]
	}
	if len(kept) < 3 {
		return false
	}
	p.b.WriteByte('M')
	p.needSp = false
	p.num(kept[0][0])
	p.num(kept[0][1])
	p.b.WriteByte('l')
	p.needSp = false
	for i := 1; i < len(kept); i++ {
		p.num(kept[i][0] - kept[i-1][0])
		p.num(kept[i][1] - kept[i-1][1])
	}
	p.b.WriteByte('z')
	p.rings++
	return true
}

// Map draws a world map in the Natural Earth I projection: every country
// of w as a path, shaded by its Area count on a sequential scale (class
// m0 for none, m1..m5), then every Spot as a circle whose area grows with
// its count, largest first so that small ones stay on top, then a legend.
// Each country and city with a link is wrapped in it, and carries a
// tooltip with its name and count. Points closer than a pixel are
// dropped; a country too small to keep a ring is drawn as a small
// diamond. Areas whose code w does not hold, and spots with a count of
// zero or an impossible position, are left out.
func Map(w *World, m MapChart) []byte {
	width := float64(m.Width)
	if width <= 0 {
		width = 960
	}
	project, h := mapProjection(width)
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 %d %d" role="img" aria-label="%s"><title>%s</title>`,
		int(width), int(h), esc(m.Title), esc(m.Title))
	areas := make(map[string]Area, len(m.Areas))
	maxArea := 0
	for _, a := range m.Areas {
		if a.Count > 0 {
			areas[a.Code] = a
			maxArea = max(maxArea, a.Count)
		}
	}
	breaks := MapBreaks(maxArea)
	b.WriteString(`<g class="countries" fill-rule="evenodd">`)
	var pts [][2]float64
	if w != nil {
		for _, c := range w.Countries {
			var pw pathWriter
			var big [][2]float64 // the ring with the most points, for a country that collapses
			for _, r := range c.Rings {
				pts = pts[:0]
				for _, ll := range r {
					x, y := project(ll[0], ll[1])
					pts = append(pts, [2]float64{x, y})
				}
				pw.ring(pts)
				if len(r) > len(big) {
					big = append(big[:0], pts...)
				}
			}
			if pw.rings == 0 && len(big) > 0 {
				var cx, cy float64
				for _, q := range big {
					cx, cy = cx+q[0], cy+q[1]
				}
				cx, cy = cx/float64(len(big)), cy/float64(len(big))
				pw.ring([][2]float64{{cx, cy - 2}, {cx + 2, cy}, {cx, cy + 2}, {cx - 2, cy}})
			}
			a, ok := areas[c.Code]
			class, tip := "m0", c.Name
			if ok {
				class, tip = "m"+strconv.Itoa(shade(breaks, a.Count)), c.Name+": "+countText(a.Count, m.Unit)
			}
			path := fmt.Sprintf(`<path class="%s" d="%s"><title>%s</title></path>`, class, pw.b.String(), esc(tip))
			wrapLink(&b, a.Link, path)
		}
	}
	b.WriteString(`</g>`)
	spots := make([]Spot, 0, len(m.Spots))
	maxSpot := 0
	for _, s := range m.Spots {
		if s.Count <= 0 || !(s.Lat >= -90 && s.Lat <= 90 && s.Lon >= -180 && s.Lon <= 180) {
			continue
		}
		spots = append(spots, s)
		maxSpot = max(maxSpot, s.Count)
	}
	sort.SliceStable(spots, func(i, j int) bool { return spots[i].Count > spots[j].Count })
	radius := func(n int) float64 { return 2.5 + 9.5*math.Sqrt(float64(n)/float64(maxSpot)) }
	b.WriteString(`<g class="cities">`)
	for _, s := range spots {
		x, y := project(s.Lon, s.Lat)
		name := s.Name
		if s.Country != "" {
			name += ", " + s.Country
		}
		dot := fmt.Sprintf(`<circle cx="%s" cy="%s" r="%s"><title>%s</title></circle>`,
			num(x), num(y), num(radius(s.Count)), esc(name+": "+countText(s.Count, m.Unit)))
		wrapLink(&b, s.Link, dot)
	}
	b.WriteString(`</g>`)
	mapLegend(&b, breaks, maxArea, maxSpot, radius, m.Unit, h)
	b.WriteString(`</svg>`)
	return b.Bytes()
}

// mapLegend writes the scale's swatches and ranges and, with cities, the
// circle of the largest count, in the South Pacific corner of the map.
func mapLegend(b *bytes.Buffer, breaks []int, maxArea, maxSpot int, radius func(int) float64, unit string, h float64) {
	if unit == "" {
		unit = "events"
	}
	rows := len(breaks) + 1
	if maxSpot > 0 {
		rows++
	}
	y := h - mapPad - 16*float64(rows) - 16
	b.WriteString(`<g class="legend">`)
	fmt.Fprintf(b, `<text x="12" y="%s">%s</text>`, num(y+11), esc(unit+" per country"))
	y += 16
	for i, lo := range breaks {
		hi := maxArea
		if i+1 < len(breaks) {
			hi = breaks[i+1] - 1
		}
		label := strconv.Itoa(lo)
		if hi > lo {
			label += "–" + strconv.Itoa(hi)
		}
		fmt.Fprintf(b, `<rect class="m%d" x="12" y="%s" width="14" height="11"/><text x="32" y="%s">%s</text>`, i+1, num(y), num(y+10), label)
		y += 16
	}
	fmt.Fprintf(b, `<rect class="m0" x="12" y="%s" width="14" height="11"/><text x="32" y="%s">none</text>`, num(y), num(y+10))
	y += 16
	if maxSpot > 0 {
		r := radius(maxSpot)
		fmt.Fprintf(b, `<circle class="key" cx="19" cy="%s" r="%s"/><text x="%s" y="%s">%s</text>`,
			num(y+6), num(math.Min(r, 7)), num(32), num(y+10), esc("city, up to "+countText(maxSpot, unit)))
	}
	b.WriteString(`</g>`)
}

// wrapLink writes markup, inside a link to href when href is not empty.
func wrapLink(b *bytes.Buffer, href, markup string) {
	if href != "" {
		fmt.Fprintf(b, `<a href="%s">%s</a>`, esc(href), markup)
		return
	}
	b.WriteString(markup)
}
