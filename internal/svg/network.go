package svg

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// Node is an actor in a network.
type Node struct {
	ID    string // actor code
	Label string
	Link  string  // optional URL of the actor's page
	Size  float64 // e.g. number of events; scales the circle
}

// Edge is a directed, weighted tie between two nodes.
type Edge struct {
	From, To string
	Weight   float64 // number of events
	Class    string  // "coop" or "conflict" (CSS class for colour)
}

// Point is a position in the unit square.
type Point struct{ X, Y float64 }

// Layout places nodes with a Fruchterman–Reingold force layout: edges pull
// their ends together, all nodes push each other apart, and the step shrinks
// as the layout cools. The result is deterministic for a given seed and input
// order, and lies within [0,1]².
func Layout(nodes []Node, edges []Edge, seed uint64, iterations int) map[string]Point {
	n := len(nodes)
	pos := make([]Point, n)
	index := make(map[string]int, n)
	rng := rand.New(rand.NewPCG(seed, 0x64796164))
	for i, nd := range nodes {
		index[nd.ID] = i
		// start on a circle with a little jitter so symmetric graphs unfold
		a := 2 * math.Pi * float64(i) / float64(max(n, 1))
		pos[i] = Point{0.5 + 0.35*math.Cos(a) + 0.01*rng.Float64(), 0.5 + 0.35*math.Sin(a) + 0.01*rng.Float64()}
	}
	if n < 2 {
		out := make(map[string]Point, n)
		for _, nd := range nodes {
			out[nd.ID] = Point{0.5, 0.5}
		}
		return out
	}
	k := math.Sqrt(1.0 / float64(n)) // ideal edge length in the unit square
	temp := 0.1
	disp := make([]Point, n)
	for it := 0; it < iterations; it++ {
		for i := range disp {
			disp[i] = Point{}
		}
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				dx, dy := pos[i].X-pos[j].X, pos[i].Y-pos[j].Y
				d := math.Max(math.Hypot(dx, dy), 1e-4)
				f := k * k / d
				disp[i].X += dx / d * f
				disp[i].Y += dy / d * f
				disp[j].X -= dx / d * f
				disp[j].Y -= dy / d * f
			}
		}
		for _, e := range edges {
			i, ok1 := index[e.From]
			j, ok2 := index[e.To]
			if !ok1 || !ok2 || i == j {
				continue
			}
			dx, dy := pos[i].X-pos[j].X, pos[i].Y-pos[j].Y
			d := math.Max(math.Hypot(dx, dy), 1e-4)
			f := d * d / k * (1 + math.Log1p(e.Weight)) / 2
			disp[i].X -= dx / d * f
			disp[i].Y -= dy / d * f
			disp[j].X += dx / d * f
			disp[j].Y += dy / d * f
		}
		for i := range pos {
			// a weak pull to the centre keeps disconnected parts on screen
			disp[i].X += (0.5 - pos[i].X) * k
			disp[i].Y += (0.5 - pos[i].Y) * k
			d := math.Max(math.Hypot(disp[i].X, disp[i].Y), 1e-9)
			step := math.Min(d, temp)
			pos[i].X += disp[i].X / d * step
			pos[i].Y += disp[i].Y / d * step
		}
		temp *= 0.95
	}
	// normalise into [0.05, 0.95]²
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pos {
		minX, minY = math.Min(minX, p.X), math.Min(minY, p.Y)
		maxX, maxY = math.Max(maxX, p.X), math.Max(maxY, p.Y)
	}
	sx, sy := math.Max(maxX-minX, 1e-9), math.Max(maxY-minY, 1e-9)
	out := make(map[string]Point, n)
	for i, nd := range nodes {
		out[nd.ID] = Point{0.05 + 0.9*(pos[i].X-minX)/sx, 0.05 + 0.9*(pos[i].Y-minY)/sy}
	}
	return out
}

// Network draws nodes at the given positions with directed edges whose
// width grows with weight. Nodes missing from pos are left out.
func Network(title string, nodes []Node, edges []Edge, pos map[string]Point, width, height int) []byte {
	if width <= 0 {
		width = 640
	}
	if height <= 0 {
		height = 480
	}
	w, h := float64(width), float64(height)
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="network" viewBox="0 0 %d %d" role="img" aria-label="%s"><title>%s</title>`, width, height, esc(title), esc(title))
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z"/></marker></defs>`)
	maxW := 1.0
	for _, e := range edges {
		maxW = math.Max(maxW, e.Weight)
	}
	sorted := append([]Edge(nil), edges...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Weight < sorted[j].Weight })
	b.WriteString(`<g class="edges">`)
	for _, e := range sorted {
		p, ok1 := pos[e.From]
		q, ok2 := pos[e.To]
		if !ok1 || !ok2 || e.From == e.To {
			continue
		}
		x1, y1, x2, y2 := p.X*w, p.Y*h, q.X*w, q.Y*h
		// stop short of the target circle and bend a little so A→B and B→A differ
		dx, dy := x2-x1, y2-y1
		d := math.Max(math.Hypot(dx, dy), 1e-9)
		x2, y2 = x2-dx/d*12, y2-dy/d*12
		cx, cy := (x1+x2)/2-dy/d*18, (y1+y2)/2+dx/d*18
		fmt.Fprintf(&b, `<path class="%s" d="M%s,%s Q%s,%s %s,%s" stroke-width="%s" marker-end="url(#arrow)"><title>%s → %s: %s</title></path>`,
			esc(e.Class), num(x1), num(y1), num(cx), num(cy), num(x2), num(y2), num(1+4*e.Weight/maxW),
			esc(e.From), esc(e.To), esc(fmt.Sprintf("%g", e.Weight)))
	}
	b.WriteString(`</g><g class="nodes">`)
	maxS := 1.0
	for _, n := range nodes {
		maxS = math.Max(maxS, n.Size)
	}
	for _, n := range nodes {
		p, ok := pos[n.ID]
		if !ok {
			continue
		}
		r := 5 + 7*math.Sqrt(n.Size/maxS)
		node := fmt.Sprintf(`<circle cx="%s" cy="%s" r="%s"><title>%s</title></circle><text x="%s" y="%s" text-anchor="middle">%s</text>`,
			num(p.X*w), num(p.Y*h), num(r), esc(n.Label), num(p.X*w), num(p.Y*h-r-3), esc(n.ID))
		if n.Link != "" {
			fmt.Fprintf(&b, `<a href="%s">%s</a>`, esc(n.Link), node)
		} else {
			b.WriteString(node)
		}
	}
	b.WriteString(`</g></svg>`)
	return b.Bytes()
}
