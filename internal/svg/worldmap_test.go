package svg

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/data/worldmap"
)

func TestNaturalEarth(t *testing.T) {
	tests := []struct {
		lon, lat, x, y float64
	}{
		{0, 0, 0, 0},
		{180, 0, 2.735385, 0},
		{-180, 0, -2.735385, 0},
		{0, 90, 0, 1.422391},
		{180, 90, 1.505556, 1.422391}, // the pole is a line 0.55 of the equator long
		{-180, -90, -1.505556, -1.422391},
		{90, 45, 1.231994, 0.793051},
		{-74, 40.7, -1.034135, 0.718022}, // New York
	}
	for _, tc := range tests {
		x, y := NaturalEarth(tc.lon, tc.lat)
		if math.Abs(x-tc.x) > 1e-6 || math.Abs(y-tc.y) > 1e-6 {
			t.Errorf("NaturalEarth(%g, %g) = %.6f, %.6f; want %.6f, %.6f", tc.lon, tc.lat, x, y, tc.x, tc.y)
		}
	}
	// the projection's width is 1.923 times its height
	xm, _ := NaturalEarth(180, 0)
	_, ym := NaturalEarth(0, 90)
	if r := xm / ym; math.Abs(r-1.923) > 0.001 {
		t.Errorf("aspect ratio %.4f, want 1.923", r)
	}
}

func TestMapProjection(t *testing.T) {
	project, h := mapProjection(960)
	tests := []struct {
		name     string
		lon, lat float64
		x, y     float64 // pixels, within a pixel
	}{
		{"west end of the equator", -180, 0, 4, -1},
		{"east end of the equator", 180, 0, 956, -1},
		{"top edge", 0, mapTop, 480, 4},
		{"bottom edge", 0, mapBottom, 480, h - 4},
	}
	for _, tc := range tests {
		x, y := project(tc.lon, tc.lat)
		if math.Abs(x-tc.x) > 1 || (tc.y >= 0 && math.Abs(y-tc.y) > 1) {
			t.Errorf("%s: (%.1f, %.1f), want (%.0f, %.0f)", tc.name, x, y, tc.x, tc.y)
		}
	}
	if h < 400 || h > 500 {
		t.Errorf("height %v for 960 wide", h)
	}
}

func TestMapBreaks(t *testing.T) {
	tests := []struct {
		max  int
		want []int
	}{
		{0, nil},
		{1, []int{1}},
		{4, []int{1, 2, 3, 4}},
		{37, []int{1, 2, 5, 10, 20}},
		{1000, []int{1, 5, 20, 50, 300}},
		{12, []int{1, 2, 3, 5, 10}},
		{6, []int{1, 2, 3, 5}},
	}
	for _, tc := range tests {
		got := MapBreaks(tc.max)
		if !slicesEqual(got, tc.want) {
			t.Errorf("MapBreaks(%d) = %v, want %v", tc.max, got, tc.want)
		}
	}
}

func slicesEqual(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParseWorld(t *testing.T) {
	w, err := ParseWorld("# comment\nAAA\tA & <b>\t100,200 100,0 0,100;0,0 -100,0 0,-100\n")
	if err != nil {
		t.Fatal(err)
	}
	want := [][][2]float64{{{1, 2}, {2, 2}, {2, 3}}, {{0, 0}, {-1, 0}, {-1, -1}}}
	if len(w.Countries) != 1 || w.Countries[0].Code != "AAA" || w.Countries[0].Name != "A & <b>" {
		t.Fatalf("ParseWorld = %+v", w)
	}
	for i, r := range want {
		for j, p := range r {
			if w.Countries[0].Rings[i][j] != p {
				t.Errorf("ring %d point %d = %v, want %v", i, j, w.Countries[0].Rings[i][j], p)
			}
		}
	}
	for _, bad := range []string{"", "AAA\tx\n", "AAA\tx\t1,2 3\n", "AAA\tx\t1,2 3,4\n", "AAA\tx\t18100,0 0,1 1,0\n"} {
		if _, err := ParseWorld(bad); err == nil {
			t.Errorf("ParseWorld(%q): no error", bad)
		}
	}
}

func embeddedWorld(t testing.TB) *World {
	t.Helper()
	w, err := ParseWorld(worldmap.Countries)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestEmbeddedWorld(t *testing.T) {
	w := embeddedWorld(t)
	codes := map[string]string{}
	for _, c := range w.Countries {
		codes[c.Code] = c.Name
	}
	for code, name := range map[string]string{"USA": "United States of America", "TUR": "Turkey", "UNK": "Kosovo", "CYP": "Cyprus", "SOM": "Somalia", "FJI": "Fiji"} {
		if codes[code] != name {
			t.Errorf("%s is %q, want %q", code, codes[code], name)
		}
	}
	if _, ok := codes["ATA"]; ok {
		t.Error("Antarctica is on the map")
	}
	if len(w.Countries) < 170 {
		t.Errorf("%d countries", len(w.Countries))
	}
}

// mapChart is a map of a few places, with hostile names and links.
func mapChart() MapChart {
	return MapChart{
		Title: `Events by place <script>`,
		Unit:  "happenings",
		Areas: []Area{
			{Code: "UKR", Count: 12, Link: "/events?country=UKR&x=<1>"},
			{Code: "RUS", Count: 3, Link: "/events?country=RUS"},
			{Code: "USA", Count: 1},
			{Code: "ZZZ", Count: 5, Link: "/events?country=ZZZ"}, // not on the map
		},
		Spots: []Spot{
			{Name: `Kyiv "<img src=x>"`, Country: "UKR", Lat: 50.45, Lon: 30.52, Count: 7, Link: "/events?country=UKR&place=Kyiv"},
			{Name: "Geneva", Country: "CHE", Lat: 46.2, Lon: 6.15, Count: 1},
			{Name: "Nowhere", Lat: math.NaN(), Lon: 0, Count: 3},
			{Name: "Zero", Lat: 1, Lon: 1, Count: 0},
		},
	}
}

func TestMapStructure(t *testing.T) {
	w := embeddedWorld(t)
	out := Map(w, mapChart())
	wellFormed(t, out)
	s := string(out)
	for _, bad := range []string{"NaN", "Inf", "<script", "<img", "Nowhere", "Zero", "ZZZ"} {
		if strings.Contains(s, bad) {
			t.Errorf("map contains %q", bad)
		}
	}
	for _, want := range []string{
		`<a href="/events?country=UKR&amp;x=&lt;1&gt;"><path class="m5" d="M`,
		`<title>Ukraine: 12 happenings</title>`,
		`<a href="/events?country=RUS"><path class="m3"`,
		`<path class="m1" d="M`, // USA: no link
		`<title>United States of America: 1 happening</title>`,
		`<path class="m0" d="M`, `<title>France</title>`,
		`<a href="/events?country=UKR&amp;place=Kyiv"><circle`,
		`<title>Kyiv &#34;&lt;img src=x&gt;&#34;, UKR: 7 happenings</title>`,
		`<title>Geneva, CHE: 1 happening</title>`,
		`happenings per country`, `>none</text>`, "city, up to 7 happenings",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("map lacks %q", want)
		}
	}
	// every country of the world is drawn, once
	if n, want := strings.Count(s, "<path "), len(w.Countries); n != want {
		t.Errorf("%d paths, want %d", n, want)
	}
	// the larger city is drawn first, below the smaller one
	if strings.Index(s, "Kyiv") > strings.Index(s, "Geneva") {
		t.Error("Geneva drawn before Kyiv")
	}
	if len(out) > 60000 {
		t.Errorf("map is %d bytes", len(out))
	}
	// every number in the paths is finite and on the canvas
	d := xml.NewDecoder(bytes.NewReader(out))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "circle" {
			for _, a := range se.Attr {
				if v := a.Value; strings.HasPrefix(v, "-") {
					t.Errorf("circle %s=%s off the canvas", a.Name.Local, v)
				}
			}
		}
	}
}

func TestMapGolden(t *testing.T) {
	w, err := ParseWorld("FRA\tFrance\t-500,4300 1300,0 0,800 -1300,0\nCHE\tSwitzerland\t600,4600 400,0 0,200 -400,0;700,4650 10,0 0,10\nXXX\tSpeck\t0,0 1,0 0,1\n")
	if err != nil {
		t.Fatal(err)
	}
	out := Map(w, MapChart{Title: "Places", Areas: []Area{{Code: "FRA", Count: 4, Link: "/events?country=FRA"}},
		Spots: []Spot{{Name: "Paris", Country: "FRA", Lat: 48.86, Lon: 2.35, Count: 3, Link: "/events?country=FRA"}}, Width: 480})
	wellFormed(t, out)
	golden(t, "map.svg", out)
}

func TestMapEmpty(t *testing.T) {
	wellFormed(t, Map(nil, MapChart{}))
	out := Map(embeddedWorld(t), MapChart{Title: "nothing"})
	wellFormed(t, out)
	if strings.Contains(string(out), `class="m1"`) || strings.Contains(string(out), "<circle") {
		t.Error("an empty map shades a country or draws a city")
	}
}

func BenchmarkMap(b *testing.B) {
	w := embeddedWorld(b)
	m := mapChart()
	var n int
	for b.Loop() {
		n = len(Map(w, m))
	}
	b.SetBytes(int64(n))
}
