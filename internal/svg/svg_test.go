package svg

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test ./internal/svg -update and review the diff", name)
	}
}

// wellFormed fails when b is not well-formed XML.
func wellFormed(t *testing.T, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, b)
		}
	}
}

func quadChart() Chart {
	return Chart{
		Title: "Events by quad class, RUS–UKR",
		X:     []string{"2024-01", "2024-02", "2024-03", "2024-04"},
		Series: []Series{
			{Name: "verbal cooperation", Class: "q1", Values: []float64{3, 1, 0, 2}},
			{Name: "material cooperation", Class: "q2", Values: []float64{1, 0, 0, 1}},
			{Name: "verbal conflict", Class: "q3", Values: []float64{4, 6, 2, 5}},
			{Name: "material conflict", Class: "q4", Values: []float64{7, 9, 12, 3}},
		},
		Links: []string{"/events?month=2024-01", "", "/events?month=2024-03", ""},
	}
}

func TestStackedBarsGolden(t *testing.T) {
	got := StackedBars(quadChart())
	wellFormed(t, got)
	golden(t, "quad.svg", got)
}

func TestLinesGolden(t *testing.T) {
	c := Chart{
		Title:  "Goldstein mean",
		X:      []string{"W01", "W02", "W03", "W04", "W05"},
		Series: []Series{{Name: "mean", Class: "goldstein", Values: []float64{-2.5, math.NaN(), 1.5, 3.4, -10}}},
	}
	got := Lines(c)
	wellFormed(t, got)
	golden(t, "goldstein.svg", got)
}

func TestNetworkGolden(t *testing.T) {
	nodes := []Node{{ID: "RUS", Label: "Russia", Size: 10, Link: "/actors/RUS"}, {ID: "UKR", Label: "Ukraine", Size: 8}, {ID: "USA", Label: "United States", Size: 5}, {ID: "IRN", Label: "Iran", Size: 3}}
	edges := []Edge{{"RUS", "UKR", 9, "conflict"}, {"UKR", "RUS", 4, "conflict"}, {"USA", "UKR", 5, "coop"}, {"IRN", "RUS", 3, "coop"}}
	pos := Layout(nodes, edges, 1, 200)
	got := Network("network", nodes, edges, pos, 0, 0)
	wellFormed(t, got)
	golden(t, "network.svg", got)
}

func TestEscapesText(t *testing.T) {
	c := quadChart()
	c.Title = `<script>alert(1)</script>`
	c.X[0] = `"><img src=x onerror=alert(1)>`
	for _, out := range [][]byte{StackedBars(c), Lines(c), Network(c.Title, []Node{{ID: c.X[0], Label: c.Title}}, nil, map[string]Point{c.X[0]: {0.5, 0.5}}, 0, 0)} {
		wellFormed(t, out)
		if strings.Contains(string(out), "<script") || strings.Contains(string(out), "<img") {
			t.Errorf("unescaped markup in %s", out)
		}
	}
}

func TestLayoutDeterministicAndBounded(t *testing.T) {
	nodes := []Node{{ID: "A"}, {ID: "B"}, {ID: "C"}, {ID: "D"}, {ID: "E"}}
	edges := []Edge{{"A", "B", 1, ""}, {"B", "C", 2, ""}, {"C", "A", 1, ""}, {"D", "E", 5, ""}}
	p1, p2 := Layout(nodes, edges, 7, 150), Layout(nodes, edges, 7, 150)
	for id, p := range p1 {
		if p != p2[id] {
			t.Errorf("%s: %v then %v", id, p, p2[id])
		}
		if p.X < 0 || p.X > 1 || p.Y < 0 || p.Y > 1 {
			t.Errorf("%s outside the unit square: %v", id, p)
		}
	}
	// linked nodes end nearer each other than the unlinked pair A–D on average
	d := func(a, b string) float64 { return math.Hypot(p1[a].X-p1[b].X, p1[a].Y-p1[b].Y) }
	if d("D", "E") >= d("A", "D") {
		t.Errorf("D–E %.2f not closer than A–D %.2f", d("D", "E"), d("A", "D"))
	}
}

func TestEmptyInputs(t *testing.T) {
	wellFormed(t, StackedBars(Chart{}))
	wellFormed(t, Lines(Chart{}))
	if got := Layout(nil, nil, 1, 10); len(got) != 0 {
		t.Errorf("Layout(nil) = %v", got)
	}
}

// TestIntegerTicks: a count chart labels whole numbers only, however few
// the events.
func TestIntegerTicks(t *testing.T) {
	tick := regexp.MustCompile(`text-anchor="end">([^<]*)<`)
	for _, max := range []float64{0, 1, 2, 3, 7, 11, 23, 1234} {
		c := Chart{Title: "t", X: []string{"a", "b"}, Integer: true, Series: []Series{{Name: "n", Class: "q1", Values: []float64{0, max}}}}
		for _, b := range [][]byte{StackedBars(c), Lines(c)} {
			ticks := tick.FindAllSubmatch(b, -1)
			if len(ticks) < 2 {
				t.Errorf("max %v: %d ticks", max, len(ticks))
			}
			for _, m := range ticks {
				if strings.ContainsAny(string(m[1]), ".e") {
					t.Errorf("max %v: tick %q is not a whole number", max, m[1])
				}
			}
		}
	}
	c := Chart{Title: "t", X: []string{"a", "b"}, Series: []Series{{Name: "n", Class: "q1", Values: []float64{0, 1}}}}
	if !strings.Contains(string(Lines(c)), ">0.25<") {
		t.Error("a chart of means lost its fractional ticks")
	}
}

// TestSeriesLinks: each line's dots link to that series' own links.
func TestSeriesLinks(t *testing.T) {
	c := Chart{Title: "t", X: []string{"a", "b"}, Links: []string{"/x0", "/x1"}, Series: []Series{
		{Name: "ab", Class: "ab", Values: []float64{1, 2}, Links: []string{"/ab0", "/ab1"}},
		{Name: "ba", Class: "ba", Values: []float64{1, 2}},
	}}
	got := string(Lines(c))
	for _, w := range []string{`href="/ab0"`, `href="/ab1"`, `href="/x0"`, `href="/x1"`} {
		if strings.Count(got, w) != 1 {
			t.Errorf("%s appears %d times, want once", w, strings.Count(got, w))
		}
	}
}
