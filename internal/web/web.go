// Package web serves dyad's user interface: server-rendered pages from
// html/template, one typed struct per page, with embedded CSS, SVG charts
// drawn by package svg, and a few lines of JavaScript that the pages do
// not need to be read. Every piece of document text reaches the page
// through the template's escaping.
package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/api"
	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/export"
	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/svg"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Server renders the UI's pages.
type Server struct {
	q       *query.Service
	log     *slog.Logger
	pages   map[string]*template.Template
	world   world   // the map's outlines
	choices choices // the filter bar's lists
}

// pageNames are the page templates; each is parsed with layout.html.
var pageNames = []string{"overview", "events", "dyad", "actor", "document", "search", "map", "network", "lookup", "error"}

// New parses the embedded templates.
func New(q *query.Service, log *slog.Logger) (*Server, error) {
	s := &Server{q: q, log: log, pages: map[string]*template.Template{}}
	var err error
	if s.world, err = loadWorld(); err != nil {
		return nil, err
	}
	cb, err := cameo.DefaultCodebook()
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	s.choices = newChoices(cb)
	funcs := template.FuncMap{
		"actorURL":  actorURL,
		"dyadURL":   dyadURL,
		"eventURL":  eventURL,
		"docURL":    func(id string) string { return "/documents/" + url.PathEscape(id) },
		"statusOK":  func(s event.Status) bool { return s.Counted() },
		"quadName":  quadName,
		"fmtFloat":  func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) },
		"fmtDate":   fmtDate,
		"eventDate": eventDate,
		"join":      strings.Join,
		"filterURL": func(path string, v url.Values) string { return withQuery(path, v) },
		"exportCap": func() string { return thousands(api.DefaultMaxExport) + " events" },
	}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/filterbar.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		s.pages[name] = t
	}
	return s, nil
}

// Register adds the UI's routes to mux.
func (s *Server) Register(mux *http.ServeMux) {
	static, _ := fs.Sub(staticFiles, "static")
	files := http.FileServer(http.FS(static))
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheFor(time.Hour, files)))
	mux.HandleFunc("GET /{$}", s.overview)
	mux.HandleFunc("GET /events", s.events)
	mux.HandleFunc("GET /map", s.mapPage)
	mux.HandleFunc("GET /network", s.network)
	mux.HandleFunc("GET /dyads/{a}/{b}", s.dyad)
	mux.HandleFunc("GET /actors/{code}", s.actor)
	mux.HandleFunc("GET /documents/{id}", s.document)
	mux.HandleFunc("GET /search", s.search)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, fmt.Errorf("%w: no page at %s", store.ErrNotFound, r.URL.Path))
	})
}

// cacheFor serves files with a cache lifetime, and no directory listings.
func cacheFor(d time.Duration, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(int(d.Seconds())))
		h.ServeHTTP(w, r)
	})
}

// Page holds what the layout shows on every page.
type Page struct {
	Title string
	Nav   string // overview, events, search: the active tab
	Q     string // the search box
	// Counted says what the page's totals count (counting), stated
	// wherever a total appears.
	Counted Counted
	// Bar is the filter bar of a page that counts events, nil on others.
	Bar *FilterBar
}

// render executes a page into a buffer first, so that a template error
// becomes a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	var b bytes.Buffer
	if err := s.pages[name].Execute(&b, data); err != nil {
		s.log.Error("render", "page", name, "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

// ErrorPage is the page of a failed request.
type ErrorPage struct {
	Page
	Status  int
	Message string
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := api.Status(err)
	if status >= 500 {
		s.log.Error("page failed", "path", r.URL.Path, "err", err)
	}
	s.render(w, r, status, "error", ErrorPage{Page: Page{Title: http.StatusText(status)}, Status: status, Message: api.Message(err, status)})
}

func actorURL(code string) string { return "/actors/" + url.PathEscape(code) }

func dyadURL(a, b string) string { return "/dyads/" + url.PathEscape(a) + "/" + url.PathEscape(b) }

// eventURL links an event to its trigger in its document, selected there
// (?event=) so that the page highlights its sentence and shows its why.
func eventURL(e event.Event) string {
	q := ""
	if e.ID != "" {
		q = "?event=" + url.QueryEscape(e.ID)
	}
	return "/documents/" + url.PathEscape(e.DocID) + q + "#" + Anchor("trigger", e.Trigger.Start)
}

func withQuery(path string, v url.Values) string {
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Export is a link to one of the API's export routes.
type Export struct {
	Name, URL string
}

// exports links the API's export routes (served beside the UI by App)
// for the filter v, as query.Values writes it: every event it matches,
// not a page of them, so any limit or cursor is left out.
func exports(v url.Values) []Export {
	ev := url.Values{}
	for k, vs := range v {
		if k != "limit" && k != "cursor" {
			ev[k] = vs
		}
	}
	var out []Export
	for _, f := range []struct{ format, name string }{{export.CSV, "CSV"}, {export.JSONL, "JSON Lines"}, {export.GDELT, "GDELT"}, {export.PLOVER, "PLOVER"}} {
		out = append(out, Export{Name: f.name, URL: withQuery(api.ExportPath(f.format), ev)})
	}
	return out
}

func quadName(q int) string {
	switch q {
	case 1:
		return "verbal cooperation"
	case 2:
		return "material cooperation"
	case 3:
		return "verbal conflict"
	case 4:
		return "material conflict"
	}
	return "unknown"
}

func fmtDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

// eventDate writes an event's date with no more precision than it has:
// 2018-01 for a month, 2018 for a year, 2018-Q1 or 2018-W04 for a quarter
// or a week (their TimeML value), the day otherwise.
func eventDate(e event.Event) string {
	switch e.Precision {
	case "month":
		if len(e.Date) >= 7 {
			return e.Date[:7]
		}
	case "year":
		if len(e.Date) >= 4 {
			return e.Date[:4]
		}
	case "quarter", "week":
		if e.DateValue != "" && len(e.DateValue) <= 8 {
			return e.DateValue
		}
	}
	return e.Date
}

// quadSeries returns the four quad-class layers of a series.
func quadSeries(s query.Series) []svg.Series {
	out := make([]svg.Series, 4)
	for q := range 4 {
		out[q] = svg.Series{Name: quadName(q + 1), Class: "q" + strconv.Itoa(q+1), Values: make([]float64, len(s.Periods))}
		for i, p := range s.Periods {
			out[q].Values[i] = float64(p.Quad[q])
		}
	}
	return out
}

// periodLinks links each period of s to the event list under base: the
// events of the page's filter within the period (and within the filter's
// own from and to, which may cut the first and last periods), exactly the
// ones the period counts.
func periodLinks(s query.Series, base url.Values) []string {
	links := make([]string, len(s.Periods))
	for i, p := range s.Periods {
		links[i] = rangeLink(base, p.From, p.To)
	}
	return links
}

// rangeLink links the events of base from from to to, within base's own
// from and to.
func rangeLink(base url.Values, from, to string) string {
	v := url.Values{}
	for k, vs := range base {
		if k != "limit" && k != "cursor" {
			v[k] = vs
		}
	}
	if f := base.Get("from"); f > from {
		from = f
	}
	if t := base.Get("to"); t != "" && t < to {
		to = t
	}
	v.Set("from", from)
	v.Set("to", to)
	return withQuery("/events", v)
}

// Outside is a note under a chart: the events its range leaves out.
type Outside struct {
	Events int
	Spans  []OutsideSpan // the first of them, by day or period
	More   bool          // more spans than listed
}

// OutsideSpan is one day or period with events outside a chart's range.
type OutsideSpan struct {
	Label, Link string
	Events      int
}

// outside lists the events each series leaves out, linked under the
// filter of each (bases[i] for ss[i]); nil when none is left out.
func outside(ss []query.Series, bases []url.Values) *Outside {
	var o Outside
	for i, s := range ss {
		o.Events += s.Omitted
		listed := 0
		for _, p := range s.Outside {
			o.Spans = append(o.Spans, OutsideSpan{Label: p.Label, Link: rangeLink(bases[i], p.From, p.To), Events: p.Events})
			listed += p.Events
		}
		o.More = o.More || listed < s.Omitted
	}
	if o.Events == 0 {
		return nil
	}
	return &o
}

func labels(s query.Series) []string {
	out := make([]string, len(s.Periods))
	for i, p := range s.Periods {
		out[i] = p.Label
	}
	return out
}

// chart turns svg output (our own markup, with every text escaped by
// package svg) into HTML for the template.
func chart(b []byte) template.HTML { return template.HTML(b) } // #nosec: svg escapes all text it writes

// Overview is the front page.
type Overview struct {
	Page
	Stats   store.Stats
	Volume  template.HTML
	Dyads   []store.DyadCount
	Latest  []event.Event
	Export  []Export // the events of the page's filter
	Outside *Outside // the events the chart leaves out, nil when none
	Norm    Norm     // the chart's scale
	Totals  Totals   // the filter's total and the store's, each saying what it counts
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	f, ok := s.filter(w, r)
	if !ok {
		return
	}
	iv, err := query.ParseInterval(r.URL.Query().Get("interval"), query.Auto)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	o, err := s.q.Overview(r.Context(), f, iv, 15, 15)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	base := query.Values(f)
	p := Overview{Page: Page{Title: "Overview", Nav: "overview", Counted: counting(f)}, Stats: o.Stats, Dyads: o.Dyads, Latest: o.Latest, Export: exports(base)}
	if p.Bar, err = s.filterBar(r, true); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Totals, err = s.totals(r.Context(), f, o.Volume.Events, o.Stats); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Norm, err = s.normalise(r, f, &o.Volume); err != nil {
		s.fail(w, r, err)
		return
	}
	p.Volume = volumeChart("Events per "+string(o.Volume.Interval)+" by quad class", o.Volume, periodLinks(o.Volume, base), p.Norm, 900, 260)
	p.Outside = outside([]query.Series{o.Volume}, []url.Values{base})
	s.render(w, r, http.StatusOK, "overview", p)
}

// EventsPage is the filterable event list.
type EventsPage struct {
	Page
	Form     url.Values // the filter as given, to refill the form
	Statuses []event.Status
	Events   []event.Event
	List     Listing // total, order, page size, previous and next
	Filtered bool
	Export   []Export // every event of the filter, not only this page
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	f, ok := s.filter(w, r)
	if !ok {
		return
	}
	lf := listOrder(f, v) // exports stay oldest first
	page, err := s.q.Events(r.Context(), lf)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	total, err := s.q.Count(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := EventsPage{Page: Page{Title: "Events", Nav: "events", Counted: counting(f)}, Form: v, Statuses: query.AllStatuses(), Events: page.Events, Export: exports(query.Values(f))}
	if p.Bar, err = s.filterBar(r, true); err != nil {
		s.fail(w, r, err)
		return
	}
	for _, k := range query.FilterParams() {
		if k != "limit" && k != "sort" && k != "cursor" && v.Get(k) != "" {
			p.Filtered = true
		}
	}
	p.List = listing("/events", v, lf, page, total)
	s.render(w, r, http.StatusOK, "events", p)
}

// DyadPage shows two actors' events over time.
type DyadPage struct {
	Page
	D         query.DyadSeries
	Goldstein template.HTML
	QuadAB    template.HTML
	QuadBA    template.HTML
	Rows      []DyadRow
	Recent    []event.Event
	EventsAB  string
	EventsBA  string
	ReverseTo string
	ExportAB  []Export // the events of each direction
	ExportBA  []Export
	MapAB     PlaceMap // where each direction's events happened
	MapBA     PlaceMap
	Outside   *Outside // the events the charts leave out, nil when none
	Norm      Norm     // the quad charts' scale
}

// DyadRow is one period of the dyad table, with links to its events.
type DyadRow struct {
	Label          string
	AB, BA         query.Period
	LinkAB, LinkBA string
}

func (s *Server) dyad(w http.ResponseWriter, r *http.Request) {
	f, ok := s.filter(w, r)
	if !ok {
		return
	}
	a, b, ok := s.dyadCodes(w, r)
	if !ok {
		return
	}
	iv, err := query.ParseInterval(r.URL.Query().Get("interval"), query.Auto)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.q.Dyad(r.Context(), a, b, f, iv)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Total == 0 {
		s.fail(w, r, fmt.Errorf("%w: no events between %s and %s", store.ErrNotFound, d.A, d.B))
		return
	}
	if err := s.q.Names(r.Context(), &d); err != nil {
		s.fail(w, r, err)
		return
	}
	other := query.Values(f)
	other.Del("source")
	other.Del("target")
	other.Del("actor")
	ab, ba := url.Values{}, url.Values{}
	for k, vs := range other {
		ab[k], ba[k] = vs, vs
	}
	ab.Set("source", d.A)
	ab.Set("target", d.B)
	ba.Set("source", d.B)
	ba.Set("target", d.A)
	p := DyadPage{Page: Page{Title: dyadTitle(d), Counted: counting(f)}, D: d, EventsAB: withQuery("/events", ab), EventsBA: withQuery("/events", ba),
		ReverseTo: withQuery(dyadURL(d.B, d.A), other), ExportAB: exports(ab), ExportBA: exports(ba)}
	if p.Bar, err = s.filterBar(r, false); err != nil {
		s.fail(w, r, err)
		return
	}
	mean := func(s query.Series) []float64 {
		out := make([]float64, len(s.Periods))
		for i, p := range s.Periods {
			out[i] = math.NaN()
			if p.Events > 0 {
				out[i] = p.GoldsteinMean
			}
		}
		return out
	}
	x := labels(d.AToB)
	lab, lba := periodLinks(d.AToB, ab), periodLinks(d.BToA, ba)
	p.Goldstein = chart(svg.Lines(svg.Chart{Title: "Mean Goldstein per " + string(d.AToB.Interval), X: x, Width: 900, Height: 260,
		Series: []svg.Series{{Name: d.A + " → " + d.B, Class: "ab", Values: mean(d.AToB), Links: lab}, {Name: d.B + " → " + d.A, Class: "ba", Values: mean(d.BToA), Links: lba}}}))
	if p.Norm, err = s.normalise(r, f, &d.AToB, &d.BToA); err != nil {
		s.fail(w, r, err)
		return
	}
	p.QuadAB = volumeChart(d.A+" → "+d.B+" by quad class", d.AToB, lab, p.Norm, 900, 220)
	p.QuadBA = volumeChart(d.B+" → "+d.A+" by quad class", d.BToA, lba, p.Norm, 900, 220)
	p.Outside = outside([]query.Series{d.AToB, d.BToA}, []url.Values{ab, ba})
	for i := range d.AToB.Periods {
		if d.AToB.Periods[i].Events+d.BToA.Periods[i].Events == 0 {
			continue
		}
		p.Rows = append(p.Rows, DyadRow{Label: d.AToB.Periods[i].Label, AB: d.AToB.Periods[i], BA: d.BToA.Periods[i], LinkAB: lab[i], LinkBA: lba[i]})
	}
	fb := f
	fb.Actor, fb.Source, fb.Target = "", d.A, d.B
	recentAB, err := s.q.Latest(r.Context(), fb, "", 10)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	fb.Source, fb.Target = d.B, d.A
	recentBA, err := s.q.Latest(r.Context(), fb, "", 10)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Recent = mergeNewest(recentAB, recentBA, 15)
	fb.Source, fb.Target = d.A, d.B
	if p.MapAB, err = s.placesMap(r.Context(), fb, ab, "Where "+d.A+" → "+d.B+" happened", 480); err != nil {
		s.fail(w, r, err)
		return
	}
	fb.Source, fb.Target = d.B, d.A
	if p.MapBA, err = s.placesMap(r.Context(), fb, ba, "Where "+d.B+" → "+d.A+" happened", 480); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "dyad", p)
}

// mergeNewest merges two newest-first lists into one of at most n.
func mergeNewest(a, b []event.Event, n int) []event.Event {
	out := make([]event.Event, 0, min(n, len(a)+len(b)))
	for len(out) < n && (len(a) > 0 || len(b) > 0) {
		if len(b) == 0 || len(a) > 0 && (a[0].Date > b[0].Date || a[0].Date == b[0].Date && a[0].ID > b[0].ID) {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return out
}

// ActorPage is an actor's profile.
type ActorPage struct {
	Page
	P         query.Profile
	H         ActorHeading // the code's own name, or the codes a prefix groups
	RolesTop  []query.Role // the newest roles, shown
	RolesRest []query.Role // the others, folded
	Network   template.HTML
	Volume    template.HTML
	Events    string   // URL of the actor's events
	Export    []Export // the actor's events
	Map       PlaceMap // where the actor's events happened
	Outside   *Outside // the events the chart leaves out, nil when none
	Norm      Norm     // the chart's scale
}

func (s *Server) actor(w http.ResponseWriter, r *http.Request) {
	f, ok := s.filter(w, r)
	if !ok {
		return
	}
	code, ok := s.actorCode(w, r)
	if !ok {
		return
	}
	prof, err := s.q.Profile(r.Context(), code, f)
	if err != nil {
		s.actorMissing(w, r, code, err)
		return
	}
	base := query.Values(f)
	base.Del("source")
	base.Del("target")
	base.Set("actor", prof.Code)
	h := s.actorHeading(prof.Code, prof.Names)
	p := ActorPage{Page: Page{Title: h.Title(), Counted: counting(f)}, H: h, P: prof, Events: withQuery("/events", base), Export: exports(base)}
	if p.Bar, err = s.filterBar(r, false); err != nil {
		s.fail(w, r, err)
		return
	}
	const shownRoles = 12
	p.RolesTop = prof.Roles[:min(shownRoles, len(prof.Roles))]
	if len(prof.Roles) > shownRoles {
		p.RolesRest = prof.Roles[shownRoles:]
	}
	nodes := make([]svg.Node, 0, len(prof.Network.Nodes))
	for _, n := range prof.Network.Nodes {
		nodes = append(nodes, svg.Node{ID: n.Code, Label: n.Code + " " + n.Name, Link: actorURL(n.Code), Size: float64(n.Events)})
	}
	var edges []svg.Edge
	for _, e := range prof.Network.Edges {
		if e.Cooperation > 0 {
			edges = append(edges, svg.Edge{From: e.Source, To: e.Target, Weight: float64(e.Cooperation), Class: "coop"})
		}
		if e.Conflict > 0 {
			edges = append(edges, svg.Edge{From: e.Source, To: e.Target, Weight: float64(e.Conflict), Class: "conflict"})
		}
	}
	pos := svg.Layout(nodes, edges, 1, 300)
	p.Network = chart(svg.Network("Ego network of "+prof.Code, nodes, edges, pos, 640, 420))
	if p.Norm, err = s.normalise(r, f, &p.P.Series); err != nil {
		s.fail(w, r, err)
		return
	}
	p.Volume = volumeChart("Events per "+string(prof.Series.Interval)+" by quad class", p.P.Series, periodLinks(prof.Series, base), p.Norm, 900, 220)
	p.Outside = outside([]query.Series{prof.Series}, []url.Values{base})
	fa := f
	fa.Actor, fa.Source, fa.Target = prof.Code, "", ""
	if p.Map, err = s.placesMap(r.Context(), fa, base, "Where the events of "+prof.Code+" happened", 900); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "actor", p)
}

// DocumentPage is a document's text with its annotated spans and events.
type DocumentPage struct {
	Page
	V        query.DocumentView
	Segments []Segment
	Events   []DocEvent
	Counts   map[string]int // annotations per kind
	// Selected is the ID of the event named by ?event=, whose sentence,
	// trigger and actors are highlighted; NotFound is that ID when the
	// document has no such event.
	Selected, NotFound string
}

// DocEvent is an event with the anchor of its trigger in the text and
// its explanation as the page shows it.
type DocEvent struct {
	event.Event
	Anchor   string
	Link     string       // this page with the event selected, at its trigger
	Selected bool         // the event named by ?event=
	Explain  *Explanation // nil when the event has no explanation
}

// Explanation is the part of an event's explanation (event.Why) and of
// how its actors' countries were inferred that the document page shows,
// formatted: enough to check a claim without reading the model.
type Explanation struct {
	Score          string   // the score as a percentage; "" when the event has no Why
	Features       []Weight // the strongest features for the root, at most maxFeatures
	MoreFeatures   int      // features stored but not shown
	Code           []Weight // the strongest features for the code within the root
	Patterns       []string
	Source, Target string // how each was chosen
	SourceInferred string // how a generic actor's country was inferred
	TargetInferred string
	Status, Date   string // the status cue and rule, the date rule
	Place          string // how the place was chosen
}

// Weight is one feature and its signed weight, formatted.
type Weight struct {
	Feature string
	Weight  string // "+1.25", "-0.50"
	Against bool   // the weight speaks against the decision
}

// maxFeatures is how many features of each list the document page shows.
const maxFeatures = 5

// explain returns what the page shows of why e was coded, or nil when
// there is nothing to show.
func explain(e event.Event) *Explanation {
	x := &Explanation{SourceInferred: e.Source.Inferred, TargetInferred: e.Target.Inferred}
	if w := e.Why; w != nil {
		x.Score = strconv.FormatFloat(100*w.Score, 'f', 0, 64) + "\u00a0%"
		x.Features, x.MoreFeatures = weights(w.Features)
		x.Code, _ = weights(w.Code)
		x.Patterns, x.Source, x.Target, x.Status, x.Date, x.Place = w.Patterns, w.Source, w.Target, w.Status, w.Date, w.Place
	} else if x.SourceInferred == "" && x.TargetInferred == "" {
		return nil
	}
	return x
}

// weights formats the first maxFeatures of ws and counts the rest.
func weights(ws []event.Weight) ([]Weight, int) {
	n := min(len(ws), maxFeatures)
	out := make([]Weight, n)
	for i, w := range ws[:n] {
		out[i] = Weight{Feature: w.Feature, Weight: strconv.FormatFloat(w.Weight, 'f', 2, 64), Against: w.Weight < 0}
		if w.Weight >= 0 {
			out[i].Weight = "+" + out[i].Weight
		}
	}
	return out, len(ws) - n
}

func (s *Server) document(w http.ResponseWriter, r *http.Request) {
	v, err := s.q.Document(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title := v.Document.Title
	if title == "" {
		title = "Document " + v.Document.ID[:min(8, len(v.Document.ID))]
	}
	p := DocumentPage{Page: Page{Title: title}, V: v, Segments: Highlight(v.Document.Text, v.Annotations), Counts: map[string]int{}}
	for _, a := range v.Annotations {
		p.Counts[a.Kind]++
	}
	sel := r.URL.Query().Get("event")
	for _, e := range v.Events {
		de := DocEvent{Event: e, Anchor: Anchor("trigger", e.Trigger.Start), Link: eventURL(e), Selected: sel != "" && e.ID == sel, Explain: explain(e)}
		if de.Selected {
			p.Selected = e.ID
			p.Segments = HighlightEvent(v.Document.Text, v.Annotations, e)
		}
		p.Events = append(p.Events, de)
	}
	if sel != "" && p.Selected == "" {
		p.NotFound = sel
	}
	s.render(w, r, http.StatusOK, "document", p)
}
