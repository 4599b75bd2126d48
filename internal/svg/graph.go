package svg

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strconv"
	"unicode/utf8"
)

// GraphNode is an actor of a Graph.
type GraphNode struct {
	ID    string // the actor's code, shown after its name
	Name  string // the actor's name; "" shows the code alone
	Link  string // optional URL of the actor's page
	Size  float64
	Title string // optional tooltip; "" writes name, code and size
}

// GraphEdge is a directed, weighted tie of a Graph.
type GraphEdge struct {
	From, To  string
	Weight    float64 // drawn as the width
	Goldstein float64 // the mean Goldstein score, drawn as the colour
	Link      string  // optional URL, e.g. the dyad's page
	Title     string  // optional tooltip; "" writes the codes and weight
}

// Graph is a directed network to draw with DrawGraph.
type Graph struct {
	Title  string
	Nodes  []GraphNode
	Edges  []GraphEdge
	Width  int    // pixels; 0 means 960
	Height int    // pixels; 0 means 640
	Seed   uint64 // the layout's seed
}

// ToneClass is the CSS class of an edge by its mean Goldstein score g:
// "gs-2" (g ≤ −5, strong conflict), "gs-1" (−5 < g ≤ −1), "gs0" (−1 < g < 1),
// "gs1" (1 ≤ g < 5) and "gs2" (g ≥ 5, strong cooperation).
func ToneClass(g float64) string {
	switch {
	case g <= -5:
		return "gs-2"
	case g <= -1:
		return "gs-1"
	case g < 1:
		return "gs0"
	case g < 5:
		return "gs1"
	}
	return "gs2"
}

// toneClasses are the classes ToneClass returns, one arrow marker each.
var toneClasses = [...]string{"gs-2", "gs-1", "gs0", "gs1", "gs2"}

// box is a rectangle of the drawing.
type box struct{ x, y, w, h float64 }

func (a box) overlap(b box) float64 {
	dx := math.Min(a.x+a.w, b.x+b.w) - math.Max(a.x, b.x)
	dy := math.Min(a.y+a.h, b.y+b.h) - math.Max(a.y, b.y)
	if dx <= 0 || dy <= 0 {
		return 0
	}
	return dx * dy
}

// label sizes: an estimate of the width of a character at 11px.
const (
	labelChar = 6.2
	labelH    = 13.0
	labelGap  = 3.0
	maxName   = 28 // runes of a name shown before an ellipsis
)

// DrawGraph lays the nodes out with Layout (deterministic for the seed and
// the order of nodes and edges) and draws them: circles sized by Size,
// curved edges (so A→B and B→A part) with an arrow, a width by Weight and
// a colour class by ToneClass(Goldstein). Self-loops and edges to nodes
// not in g.Nodes are left out. Labels ("name code") sit outside their
// circle, placed greedily, busiest node first, where they overlap least
// with other labels and circles; a label that would still overlap is
// shortened to the code. Every text is escaped; no number is NaN.
func DrawGraph(g Graph) []byte {
	W, H := float64(g.Width), float64(g.Height)
	if W <= 0 {
		W = 960
	}
	if H <= 0 {
		H = 640
	}
	index := make(map[string]int, len(g.Nodes))
	layoutNodes := make([]Node, len(g.Nodes))
	for i, n := range g.Nodes {
		index[n.ID] = i
		layoutNodes[i] = Node{ID: n.ID, Size: finite(n.Size)}
	}
	var edges []GraphEdge
	var layoutEdges []Edge
	for _, e := range g.Edges {
		_, ok1 := index[e.From]
		_, ok2 := index[e.To]
		if !ok1 || !ok2 || e.From == e.To {
			continue
		}
		e.Weight, e.Goldstein = math.Max(finite(e.Weight), 0), finite(e.Goldstein)
		edges = append(edges, e)
		layoutEdges = append(layoutEdges, Edge{From: e.From, To: e.To, Weight: e.Weight})
	}
	pos := Layout(layoutNodes, layoutEdges, g.Seed, 400)
	// the nodes fill the inner area; the margins are for labels
	const padX, padY = 100.0, 28.0
	xy := make([]Point, len(g.Nodes))
	radius := make([]float64, len(g.Nodes))
	maxS := 1.0
	for _, n := range layoutNodes {
		maxS = math.Max(maxS, n.Size)
	}
	// half of each coordinate is its rank, which spreads a dense core
	// that a few far nodes would squeeze into the middle
	xs, ys := make([]float64, len(g.Nodes)), make([]float64, len(g.Nodes))
	for i, n := range layoutNodes {
		xs[i], ys[i] = (pos[n.ID].X-0.05)/0.9, (pos[n.ID].Y-0.05)/0.9
	}
	rx, ry := ranks(xs), ranks(ys)
	for i, n := range layoutNodes {
		xy[i] = Point{padX + (W-2*padX)*(xs[i]+rx[i])/2, padY + (H-2*padY)*(ys[i]+ry[i])/2}
		radius[i] = 4 + 14*math.Sqrt(math.Max(n.Size, 0)/maxS)
	}
	separate(xy, radius, 26, box{padX, padY, W - 2*padX, H - 2*padY})

	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="network graph" viewBox="0 0 %s %s" role="img" aria-label="%s"><title>%s</title>`,
		num(W), num(H), esc(g.Title), esc(g.Title))
	b.WriteString(`<defs>`)
	for _, c := range toneClasses {
		fmt.Fprintf(&b, `<marker id="arrow%s" class="%s" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto"><path d="M0,0L10,5L0,10z"/></marker>`, c, c)
	}
	b.WriteString(`</defs>`)

	maxW := 1.0
	for _, e := range edges {
		maxW = math.Max(maxW, e.Weight)
	}
	// thin edges first, so that strong ones are drawn on top
	sort.SliceStable(edges, func(i, j int) bool { return edges[i].Weight < edges[j].Weight })
	b.WriteString(`<g class="edges">`)
	for _, e := range edges {
		i, j := index[e.From], index[e.To]
		p, q := xy[i], xy[j]
		dx, dy := q.X-p.X, q.Y-p.Y
		d := math.Max(math.Hypot(dx, dy), 1e-9)
		ux, uy := dx/d, dy/d
		// the control point lies to the right of the direction of travel
		bend := math.Min(0.15*d, 40)
		cx, cy := (p.X+q.X)/2-uy*bend, (p.Y+q.Y)/2+ux*bend
		// start and end on the circles, along the tangent towards the control point
		sx, sy := towards(p, Point{cx, cy}, radius[i]+1)
		tx, ty := towards(q, Point{cx, cy}, radius[j]+2)
		title := e.Title
		if title == "" {
			title = e.From + " → " + e.To + ": " + strconv.FormatFloat(e.Weight, 'g', -1, 64)
		}
		c := ToneClass(e.Goldstein)
		path := fmt.Sprintf(`<path class="%s" d="M%s,%s Q%s,%s %s,%s" stroke-width="%s" marker-end="url(#arrow%s)"><title>%s</title></path>`,
			c, num(sx), num(sy), num(cx), num(cy), num(tx), num(ty), num(1+7*e.Weight/maxW), c, esc(title))
		if e.Link != "" {
			fmt.Fprintf(&b, `<a href="%s">%s</a>`, esc(e.Link), path)
		} else {
			b.WriteString(path)
		}
	}
	b.WriteString(`</g><g class="nodes">`)

	// place labels busiest first; circles are obstacles from the start
	order := make([]int, len(g.Nodes))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, c int) bool { return layoutNodes[order[a]].Size > layoutNodes[order[c]].Size })
	obstacles := make([]box, 0, 2*len(g.Nodes))
	for i, p := range xy {
		obstacles = append(obstacles, box{p.X - radius[i], p.Y - radius[i], 2 * radius[i], 2 * radius[i]})
	}
	type placed struct {
		at        box
		name, id  string
		shortened bool
	}
	labels := make([]placed, len(g.Nodes))
	for _, i := range order {
		n := g.Nodes[i]
		name := n.Name
		if utf8.RuneCountInString(name) > maxName {
			name = string([]rune(name)[:maxName-1]) + "…"
		}
		full := n.ID
		if name != "" && name != n.ID {
			full = name + " " + n.ID
		}
		at, cost := placeLabel(xy[i], radius[i], utf8.RuneCountInString(full), obstacles, i, W, H)
		l := placed{at: at, name: name, id: n.ID}
		if name == "" || name == n.ID {
			l.name = ""
		}
		if cost > 0 && l.name != "" {
			if at2, cost2 := placeLabel(xy[i], radius[i], utf8.RuneCountInString(n.ID), obstacles, i, W, H); cost2 < cost {
				l = placed{at: at2, id: n.ID, shortened: true}
			}
		}
		labels[i] = l
		obstacles = append(obstacles, l.at)
	}
	for i, n := range g.Nodes {
		p, r := xy[i], radius[i]
		title := n.Title
		if title == "" {
			title = n.ID + ": " + strconv.FormatFloat(layoutNodes[i].Size, 'g', -1, 64)
			if n.Name != "" && n.Name != n.ID {
				title = n.Name + " (" + title + ")"
			}
		}
		node := fmt.Sprintf(`<circle cx="%s" cy="%s" r="%s"><title>%s</title></circle>`, num(p.X), num(p.Y), num(r), esc(title))
		if n.Link != "" {
			fmt.Fprintf(&b, `<a href="%s">%s</a>`, esc(n.Link), node)
		} else {
			b.WriteString(node)
		}
	}
	// labels over every circle and edge
	b.WriteString(`</g><g class="labels">`)
	for i, n := range g.Nodes {
		l := labels[i]
		text := `<tspan class="code">` + esc(l.id) + `</tspan>`
		if l.name != "" {
			text = esc(l.name) + " " + text
		}
		label := fmt.Sprintf(`<text x="%s" y="%s">%s</text>`, num(l.at.x), num(l.at.y+l.at.h-3), text)
		if n.Link != "" {
			fmt.Fprintf(&b, `<a href="%s">%s</a>`, esc(n.Link), label)
		} else {
			b.WriteString(label)
		}
	}
	b.WriteString(`</g></svg>`)
	return b.Bytes()
}

// placeLabel returns the box of a label of n characters beside the circle
// at p with radius r where it overlaps the obstacles (but its own circle,
// self) the least, and that overlap; leaving the W×H drawing costs as much
// as the part outside.
func placeLabel(p Point, r float64, n int, obstacles []box, self int, W, H float64) (box, float64) {
	w, h := float64(n)*labelChar, labelH
	g := labelGap
	d := (r + g) * math.Sqrt2 / 2 // the diagonal offsets
	candidates := []box{
		{p.X + r + g, p.Y - h/2, w, h},     // right
		{p.X - r - g - w, p.Y - h/2, w, h}, // left
		{p.X - w/2, p.Y - r - g - h, w, h}, // above
		{p.X - w/2, p.Y + r + g, w, h},     // below
		{p.X + d, p.Y - d - h, w, h},       // above right
		{p.X - d - w, p.Y - d - h, w, h},   // above left
		{p.X + d, p.Y + d, w, h},           // below right
		{p.X - d - w, p.Y + d, w, h},       // below left
		{p.X + r + g, p.Y - h - 2, w, h},   // right, raised
		{p.X - r - g - w, p.Y + 2, w, h},   // left, lowered
	}
	best, bestCost := candidates[0], math.Inf(1)
	for _, c := range candidates {
		cost := 0.0
		for k, o := range obstacles {
			if k != self {
				cost += c.overlap(o)
			}
		}
		inside := c.overlap(box{0, 0, W, H})
		cost += c.w*c.h - inside
		if cost < bestCost-1e-9 {
			best, bestCost = c, cost
		}
	}
	return best, bestCost
}

// towards returns the point at distance d from p in the direction of q.
func towards(p, q Point, d float64) (float64, float64) {
	dx, dy := q.X-p.X, q.Y-p.Y
	l := math.Hypot(dx, dy)
	if l < 1e-9 {
		return p.X, p.Y
	}
	return p.X + dx/l*d, p.Y + dy/l*d
}

// finite returns f, or 0 when f is NaN or infinite.
func finite(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// ranks returns the rank of each value among vs in [0,1] (ties by index).
func ranks(vs []float64) []float64 {
	idx := make([]int, len(vs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return vs[idx[a]] < vs[idx[b]] })
	out := make([]float64, len(vs))
	for r, i := range idx {
		if len(vs) > 1 {
			out[i] = float64(r) / float64(len(vs)-1)
		} else {
			out[i] = 0.5
		}
	}
	return out
}

// separate pushes apart circles closer than their radii and gap, within
// the area, in a fixed number of rounds.
func separate(p []Point, r []float64, gap float64, area box) {
	for range 60 {
		moved := false
		for i := range p {
			for j := i + 1; j < len(p); j++ {
				dx, dy := p[j].X-p[i].X, p[j].Y-p[i].Y
				d := math.Hypot(dx, dy)
				want := r[i] + r[j] + gap
				if d >= want {
					continue
				}
				if d < 1e-6 { // on top of each other: part them sideways
					dx, dy, d = 1, float64(j-i)*1e-3, 1
				}
				push := (want - d) / 2
				p[i].X -= dx / d * push
				p[i].Y -= dy / d * push
				p[j].X += dx / d * push
				p[j].Y += dy / d * push
				moved = true
			}
		}
		for i := range p {
			p[i].X = math.Min(math.Max(p[i].X, area.x), area.x+area.w)
			p[i].Y = math.Min(math.Max(p[i].Y, area.y), area.y+area.h)
		}
		if !moved {
			return
		}
	}
}
