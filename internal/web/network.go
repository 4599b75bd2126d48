package web

import (
	"cmp"
	"html/template"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/svg"
)

// networkNodes is how many actors, the busiest, the network page draws.
const networkNodes = 40

// NetworkPage draws the ties between the actors of a filter's events.
type NetworkPage struct {
	Page
	Form      url.Values // the filter as given, to refill the form
	Filtered  bool
	Filter    string // the active filter, as parameters
	Count     string // "happenings" or "mentions"
	SVG       template.HTML
	Ties      []Tie // the drawn edges, strongest first
	Nodes     int   // actors drawn
	NodesLeft int   // actors of the strongest ties not drawn
	TiesLeft  int   // ties not drawn: to an actor left out
	Loops     int   // ties of an actor to itself, never drawn
	Capped    bool  // the network holds query.MaxEdges ties: weaker ones exist
	MaxEdges  int
	Events    string // URL of the filter's event list
}

// Tie is a drawn edge, as the table under the drawing lists it.
type Tie struct {
	Source, Target             query.Node
	Events                     int
	Cooperation, Conflict      int
	Goldstein                  string // the mean, formatted
	Tone                       string // svg.ToneClass of the mean
	Dyad, SourceURL, TargetURL string
}

// networkGraph keeps the n busiest actors of net and the ties among them,
// self-loops left out, and counts what it leaves out. links is the filter
// the dyad and actor links carry.
func networkGraph(net query.Network, n int, links url.Values, title string) (svg.Graph, NetworkPage) {
	var p NetworkPage
	activity := map[string]int{}
	names := map[string]string{}
	for _, nd := range net.Nodes {
		names[nd.Code] = nd.Name
	}
	for _, e := range net.Edges {
		if e.Source == e.Target {
			p.Loops++
			continue
		}
		activity[e.Source] += e.Events
		activity[e.Target] += e.Events
	}
	codes := make([]string, 0, len(activity))
	for c := range activity {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, func(a, b string) int {
		return cmp.Or(cmp.Compare(activity[b], activity[a]), cmp.Compare(a, b))
	})
	if len(codes) > n {
		p.NodesLeft = len(codes) - n
		codes = codes[:n]
	}
	p.Nodes = len(codes)
	kept := make(map[string]bool, len(codes))
	g := svg.Graph{Title: title, Seed: 1}
	for _, c := range codes {
		kept[c] = true
	}
	edges := slices.Clone(net.Edges)
	slices.SortStableFunc(edges, func(a, b query.Edge) int {
		return cmp.Or(cmp.Compare(b.Events, a.Events), cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target))
	})
	for _, e := range edges {
		if e.Source == e.Target {
			continue
		}
		if !kept[e.Source] || !kept[e.Target] {
			p.TiesLeft++
			continue
		}
		mean := 0.0
		if e.Events > 0 {
			mean = e.Goldstein / float64(e.Events)
		}
		t := Tie{Source: query.Node{Code: e.Source, Name: names[e.Source]}, Target: query.Node{Code: e.Target, Name: names[e.Target]},
			Events: e.Events, Cooperation: e.Cooperation, Conflict: e.Conflict, Goldstein: strconv.FormatFloat(mean, 'f', 1, 64),
			Tone: svg.ToneClass(mean), Dyad: withQuery(dyadURL(e.Source, e.Target), links),
			SourceURL: withQuery(actorURL(e.Source), links), TargetURL: withQuery(actorURL(e.Target), links)}
		p.Ties = append(p.Ties, t)
		g.Edges = append(g.Edges, svg.GraphEdge{From: e.Source, To: e.Target, Weight: float64(e.Events), Goldstein: mean, Link: t.Dyad,
			Title: label(t.Source) + " → " + label(t.Target) + ": " + strconv.Itoa(e.Events) + " (" + strconv.Itoa(e.Cooperation) +
				" cooperation, " + strconv.Itoa(e.Conflict) + " conflict), mean Goldstein " + t.Goldstein})
	}
	for _, c := range codes {
		g.Nodes = append(g.Nodes, svg.GraphNode{ID: c, Name: names[c], Link: withQuery(actorURL(c), links), Size: float64(activity[c]),
			Title: label(query.Node{Code: c, Name: names[c]}) + ": " + strconv.Itoa(activity[c]) + " in the strongest ties"})
	}
	return g, p
}

// label is "Name (CODE)", or the code of an actor without a name.
func label(n query.Node) string {
	if n.Name == "" || n.Name == n.Code {
		return n.Code
	}
	return n.Name + " (" + n.Code + ")"
}

func (s *Server) network(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	f, ok := s.filter(w, r)
	if !ok {
		return
	}
	net, err := s.q.Network(r.Context(), f, query.MaxEdges)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	base := query.Values(f)
	base.Del("limit")
	links := url.Values{}
	for k, vs := range base {
		if k != "actor" && k != "source" && k != "target" {
			links[k] = vs
		}
	}
	title := "Who did what to whom: " + countName(f)
	if len(base) > 0 {
		title += " (" + filterText(base, ", ") + ")"
	}
	g, p := networkGraph(net, networkNodes, links, title)
	p.Page = Page{Title: "Network", Nav: "network"}
	if p.Bar, err = s.filterBar(r, true); err != nil {
		s.fail(w, r, err)
		return
	}
	p.Form, p.Filtered, p.Filter = v, len(base) > 0, filterText(base, " · ")
	p.Count, p.Capped, p.MaxEdges, p.Events = countName(f), len(net.Edges) >= query.MaxEdges, query.MaxEdges, withQuery("/events", base)
	if len(g.Nodes) > 0 {
		p.SVG = chart(svg.DrawGraph(g))
	}
	s.render(w, r, http.StatusOK, "network", p)
}

// filterText writes the parameters of v as "key=value", sorted by key,
// unescaped (the page escapes them), separated by sep.
func filterText(v url.Values, sep string) string {
	keys := slices.Sorted(maps.Keys(v))
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+"="+strings.Join(v[k], ","))
	}
	return strings.Join(parts, sep)
}
