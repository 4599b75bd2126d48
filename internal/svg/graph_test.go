package svg_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/svg"
)

// ring is a graph of n actors, each tied to the next two, both ways for
// the even ones, with a self-loop and an edge to an unknown node.
func ring(n int) svg.Graph {
	g := svg.Graph{Title: "ties <&> \"all\""}
	for i := range n {
		id := fmt.Sprintf("A%02d", i)
		g.Nodes = append(g.Nodes, svg.GraphNode{ID: id, Name: fmt.Sprintf("Actor <%d> & Co", i), Link: "/actors/" + id, Size: float64(n - i)})
	}
	for i := range n {
		for _, k := range []int{1, 2} {
			a, b := g.Nodes[i].ID, g.Nodes[(i+k)%n].ID
			g.Edges = append(g.Edges, svg.GraphEdge{From: a, To: b, Weight: float64(1 + i%5), Goldstein: float64(i%21 - 10), Link: "/dyads/" + a + "/" + b})
			if i%2 == 0 {
				g.Edges = append(g.Edges, svg.GraphEdge{From: b, To: a, Weight: 1, Goldstein: math.NaN(), Link: "/dyads/" + b + "/" + a})
			}
		}
	}
	g.Edges = append(g.Edges, svg.GraphEdge{From: "A00", To: "A00", Weight: 99, Link: "/dyads/A00/A00"},
		svg.GraphEdge{From: "A00", To: "ZZZ", Weight: 1, Link: "/dyads/A00/ZZZ"}, svg.GraphEdge{From: "A01", To: "A02", Weight: math.Inf(1)})
	return g
}

func TestDrawGraph(t *testing.T) {
	g := ring(40)
	out := svg.DrawGraph(g)
	if !bytes.Equal(out, svg.DrawGraph(ring(40))) {
		t.Error("the same graph drew different SVG")
	}
	s := string(out)
	if strings.Contains(s, "NaN") || strings.Contains(s, "Inf") {
		t.Error("the SVG holds NaN or Inf")
	}
	if strings.Contains(s, "<&>") || strings.Contains(s, "Actor <") || !strings.Contains(s, "Actor &lt;1&gt; &amp; Co") {
		t.Error("a label or title is not escaped")
	}
	if strings.Contains(s, "/dyads/A00/A00") || strings.Contains(s, "ZZZ") {
		t.Error("a self-loop or an edge to an unknown node is drawn")
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
	}
	// every drawn edge links to its dyad, every node to its actor
	edges := regexp.MustCompile(`<a href="/dyads/(\w+)/(\w+)"><path class="gs-?\d" d="M`).FindAllStringSubmatch(s, -1)
	if want := 40*2 + 40 + 1 - 1; len(edges) != want { // the A01→A02 edge without a link is drawn bare
		t.Errorf("%d edges link to their dyad, want %d", len(edges), want)
	}
	if n := len(regexp.MustCompile(`<a href="/actors/A\d\d"><circle`).FindAllString(s, -1)); n != 40 {
		t.Errorf("%d nodes link to their actor, want 40", n)
	}
	if n := len(regexp.MustCompile(`<a href="/actors/A\d\d"><text`).FindAllString(s, -1)); n != 40 {
		t.Errorf("%d labels link to their actor, want 40", n)
	}
	// labels: readable, mostly apart
	type rect struct{ x, y, w float64 }
	var rs []rect
	for _, m := range regexp.MustCompile(`<text x="([-\d.]+)" y="([-\d.]+)">([^<]*)<tspan class="code">(\w+)</tspan></text>`).FindAllStringSubmatch(s, -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		y, _ := strconv.ParseFloat(m[2], 64)
		text := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(m[3]) + m[4]
		rs = append(rs, rect{x, y, 6.2 * float64(len([]rune(text)))})
		if x < 0 || x+rs[len(rs)-1].w > 960+1 || y < 10 || y > 640 {
			t.Errorf("label %q at %v,%v leaves the drawing", text, x, y)
		}
	}
	if len(rs) != 40 {
		t.Fatalf("%d labels, want 40", len(rs))
	}
	overlaps := 0
	for i := range rs {
		for j := i + 1; j < len(rs); j++ {
			if math.Abs(rs[i].y-rs[j].y) < 12 && rs[i].x < rs[j].x+rs[j].w && rs[j].x < rs[i].x+rs[i].w {
				overlaps++
			}
		}
	}
	if overlaps > 2 {
		t.Errorf("%d pairs of labels overlap", overlaps)
	}
}

func TestToneClass(t *testing.T) {
	for _, c := range []struct {
		g    float64
		want string
	}{{-10, "gs-2"}, {-5, "gs-2"}, {-4.9, "gs-1"}, {-1, "gs-1"}, {0, "gs0"}, {0.99, "gs0"}, {1, "gs1"}, {5, "gs2"}, {10, "gs2"}} {
		if got := svg.ToneClass(c.g); got != c.want {
			t.Errorf("ToneClass(%v) = %s, want %s", c.g, got, c.want)
		}
	}
}
