// Command worldmap writes data/worldmap/countries.txt, the country outlines
// the UI's map draws, from world-atlas 2.0.2's countries-110m.json
// (TopoJSON of Natural Earth's 1:110m admin-0 countries, public domain;
// world-atlas is ISC). TopoJSON ids are ISO 3166 numeric codes; they are
// mapped to ISO alpha-3 with world-countries' countries.json (ccn3 → cca3,
// ODbL 1.0: only the code mapping is used). The three outlines without a
// numeric code are named by hand (see unnumbered); Antarctica is left out.
//
//	cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
//	go run ./tools/worldmap -in /tmp/package/countries-110m.json \
//		-codes ../shared/data/geo/world-countries/countries.json -out data/worldmap/countries.txt
//
// The output is deterministic: one country a line, sorted by code.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

// unnumbered names the outlines of countries-110m.json that have no ISO
// numeric id, by their Natural Earth name. Northern Cyprus and Somaliland
// are drawn as part of Cyprus and Somalia, where dyad's gazetteer puts
// their places; Kosovo is UNK, world-countries' and the gazetteer's code.
var unnumbered = map[string]string{
	"Kosovo":     "UNK",
	"N. Cyprus":  "CYP",
	"Somaliland": "SOM",
}

// dropped are the countries the map leaves out.
var dropped = map[string]bool{"ATA": true}

func main() {
	in := flag.String("in", "/tmp/package/countries-110m.json", "world-atlas countries-110m.json")
	codes := flag.String("codes", "../shared/data/geo/world-countries/countries.json", "world-countries countries.json (ccn3 → cca3)")
	out := flag.String("out", "data/worldmap/countries.txt", "output file")
	flag.Parse()
	if err := run(*in, *codes, *out); err != nil {
		fmt.Fprintln(os.Stderr, "worldmap:", err)
		os.Exit(1)
	}
}

func run(in, codesPath, out string) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var topo Topology
	if err := json.Unmarshal(b, &topo); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	cb, err := os.ReadFile(codesPath)
	if err != nil {
		return err
	}
	codes, err := numericCodes(cb)
	if err != nil {
		return fmt.Errorf("%s: %w", codesPath, err)
	}
	cs, err := countries(topo, codes)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	return os.WriteFile(out, []byte(format(cs)), 0o644)
}

// Topology is the part of a TopoJSON topology this tool reads.
type Topology struct {
	Type      string `json:"type"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects map[string]struct {
		Geometries []Geometry `json:"geometries"`
	} `json:"objects"`
}

// Geometry is a Polygon (Arcs: rings of arc indexes) or a MultiPolygon
// (polygons of rings of arc indexes).
type Geometry struct {
	Type       string          `json:"type"`
	ID         string          `json:"id"`
	Arcs       json.RawMessage `json:"arcs"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
}

// Point is a longitude and latitude in degrees.
type Point [2]float64

// decodeArcs returns the arcs in degrees. With a transform, positions are
// quantized and delta-encoded: each is the sum of the ones before it,
// then scaled and translated.
func decodeArcs(t Topology) [][]Point {
	out := make([][]Point, len(t.Arcs))
	for i, arc := range t.Arcs {
		pts := make([]Point, len(arc))
		var x, y float64
		for k, p := range arc {
			if t.Transform == nil {
				pts[k] = Point(p)
				continue
			}
			x, y = x+p[0], y+p[1]
			pts[k] = Point{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
		}
		out[i] = pts
	}
	return out
}

// ring stitches arcs into a closed ring: index i is arc i, and ^i (a
// negative index) is arc i reversed; consecutive arcs share their end
// point, which is kept once.
func ring(arcs [][]Point, idx []int) ([]Point, error) {
	var out []Point
	for _, i := range idx {
		j := i
		if i < 0 {
			j = ^i
		}
		if j >= len(arcs) {
			return nil, fmt.Errorf("arc %d of %d", j, len(arcs))
		}
		a := arcs[j]
		if len(out) > 0 {
			out = out[:len(out)-1]
		}
		start := len(out)
		out = append(out, a...)
		if i < 0 {
			for l, r := start, len(out)-1; l < r; l, r = l+1, r-1 {
				out[l], out[r] = out[r], out[l]
			}
		}
	}
	return out, nil
}

// rings returns the rings of a Polygon or MultiPolygon, polygon after
// polygon, each ring's first point repeated at its end.
func rings(arcs [][]Point, g Geometry) ([][]Point, error) {
	var polys [][][]int
	switch g.Type {
	case "Polygon":
		var p [][]int
		if err := json.Unmarshal(g.Arcs, &p); err != nil {
			return nil, err
		}
		polys = [][][]int{p}
	case "MultiPolygon":
		if err := json.Unmarshal(g.Arcs, &polys); err != nil {
			return nil, err
		}
	case "":
		return nil, nil // a null geometry
	default:
		return nil, fmt.Errorf("geometry type %q", g.Type)
	}
	var out [][]Point
	for _, p := range polys {
		for _, idx := range p {
			r, err := ring(arcs, idx)
			if err != nil {
				return nil, err
			}
			out = append(out, splitAntimeridian(r)...)
		}
	}
	return out, nil
}

// splitAntimeridian returns r as one or two rings within longitudes
// -180..180: a ring that crosses the antimeridian (a step of more than
// 180° of longitude, as in Fiji and Chukotka) is unwrapped into one
// continuous ring and cut at ±180°, the far part moved back by 360°.
func splitAntimeridian(r []Point) [][]Point {
	crosses := false
	for k := 1; k < len(r); k++ {
		if math.Abs(r[k][0]-r[k-1][0]) > 180 {
			crosses = true
			break
		}
	}
	if !crosses {
		return [][]Point{r}
	}
	u := make([]Point, len(r))
	shift := 0.0
	for k, p := range r {
		if k > 0 {
			switch d := p[0] + shift - u[k-1][0]; {
			case d > 180:
				shift -= 360
			case d < -180:
				shift += 360
			}
		}
		u[k] = Point{p[0] + shift, p[1]}
	}
	lo, hi := u[0][0], u[0][0]
	for _, p := range u {
		lo, hi = math.Min(lo, p[0]), math.Max(hi, p[0])
	}
	edge := 180.0
	if hi <= 180 {
		edge = -180 // the ring runs west past -180
	}
	var out [][]Point
	if in := clip(u, edge, edge > 0); len(in) >= 3 {
		out = append(out, in)
	}
	if far := clip(u, edge, edge < 0); len(far) >= 3 {
		for k := range far {
			far[k][0] -= math.Copysign(360, edge)
		}
		out = append(out, far)
	}
	return out
}

// clip returns the part of the closed ring r with longitude at most x
// (below true) or at least x (below false), closed, by Sutherland–Hodgman
// clipping against the meridian.
func clip(r []Point, x float64, below bool) []Point {
	inside := func(p Point) bool {
		if below {
			return p[0] <= x
		}
		return p[0] >= x
	}
	cross := func(p, q Point) Point {
		t := (x - p[0]) / (q[0] - p[0])
		return Point{x, p[1] + t*(q[1]-p[1])}
	}
	var out []Point
	for k := range r {
		p, q := r[(k+len(r)-1)%len(r)], r[k]
		switch {
		case inside(p) && inside(q):
			out = append(out, q)
		case inside(p):
			out = append(out, cross(p, q))
		case inside(q):
			out = append(out, cross(p, q), q)
		}
	}
	if len(out) > 0 && out[0] != out[len(out)-1] {
		out = append(out, out[0])
	}
	return out
}

// numericCodes reads world-countries' countries.json into ccn3 → cca3.
func numericCodes(b []byte) (map[string]string, error) {
	var cs []struct {
		CCA3 string `json:"cca3"`
		CCN3 string `json:"ccn3"`
	}
	if err := json.Unmarshal(b, &cs); err != nil {
		return nil, err
	}
	m := make(map[string]string, len(cs))
	for _, c := range cs {
		if c.CCN3 != "" {
			m[c.CCN3] = c.CCA3
		}
	}
	return m, nil
}

// Country is one line of the output.
type Country struct {
	Code, Name string
	Rings      [][]Point
}

// countries returns the countries of topo's "countries" object, sorted by
// code, with the outlines that share a code merged (the first name
// stands).
func countries(topo Topology, codes map[string]string) ([]Country, error) {
	obj, ok := topo.Objects["countries"]
	if !ok {
		return nil, errors.New(`no object "countries"`)
	}
	arcs := decodeArcs(topo)
	byCode := map[string]*Country{}
	var order []string
	for _, g := range obj.Geometries {
		code := codes[g.ID]
		if g.ID == "" {
			code = unnumbered[g.Properties.Name]
		}
		if code == "" {
			return nil, fmt.Errorf("%s (id %q): no ISO alpha-3 code", g.Properties.Name, g.ID)
		}
		if dropped[code] {
			continue
		}
		rs, err := rings(arcs, g)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", g.Properties.Name, err)
		}
		c := byCode[code]
		if c == nil {
			c = &Country{Code: code, Name: g.Properties.Name}
			byCode[code] = c
			order = append(order, code)
		}
		// the numbered outline names the country whichever comes first
		if g.ID != "" && unnumbered[c.Name] == code {
			c.Name = g.Properties.Name
		}
		c.Rings = append(c.Rings, rs...)
	}
	sort.Strings(order)
	out := make([]Country, 0, len(order))
	for _, code := range order {
		out = append(out, *byCode[code])
	}
	return out, nil
}

// hundredths rounds degrees to whole hundredths.
func hundredths(v float64) int { return int(math.Round(v * 100)) }

// encodeRing writes a ring in hundredths of a degree: the first point
// whole, each next one as its difference from the one before. Points that
// round onto the one before are dropped, and so is the closing point.
// It returns "" for a ring of fewer than three points.
func encodeRing(r []Point) string {
	type ip struct{ x, y int }
	var pts []ip
	for _, p := range r {
		q := ip{hundredths(p[0]), hundredths(p[1])}
		if len(pts) > 0 && pts[len(pts)-1] == q {
			continue
		}
		pts = append(pts, q)
	}
	if len(pts) > 1 && pts[0] == pts[len(pts)-1] {
		pts = pts[:len(pts)-1]
	}
	if len(pts) < 3 {
		return ""
	}
	var b strings.Builder
	prev := ip{}
	for i, p := range pts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(p.x - prev.x))
		b.WriteByte(',')
		b.WriteString(strconv.Itoa(p.y - prev.y))
		prev = p
	}
	return b.String()
}

// format writes the file: a header, then per country its code, name and
// rings, tab-separated, rings separated by ";".
func format(cs []Country) string {
	var b strings.Builder
	b.WriteString("# dyad world map: Natural Earth 1:110m admin-0 countries (public domain) from world-atlas 2.0.2\n")
	b.WriteString("# (ISC), written by tools/worldmap; see SOURCE.md. One country a line: ISO alpha-3 code, name,\n")
	b.WriteString("# rings separated by \";\". A ring is lon,lat pairs in hundredths of a degree, the first whole and\n")
	b.WriteString("# each next the difference from the one before; rings close on their first point. Holes are\n")
	b.WriteString("# rings too: fill with the even-odd rule.\n")
	for _, c := range cs {
		var rs []string
		for _, r := range c.Rings {
			if s := encodeRing(r); s != "" {
				rs = append(rs, s)
			}
		}
		if len(rs) == 0 {
			continue
		}
		b.WriteString(c.Code + "\t" + c.Name + "\t" + strings.Join(rs, ";") + "\n")
	}
	return b.String()
}
