package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/store"
)

// The filter bar is one form on every page that counts events (overview,
// events, actor, dyad, map, network), drawn by the "filterbar" template
// of filterbar.html. Its state is the page's URL, in the one filter
// grammar of query.ParseEventFilter: the page reads its filter from the
// URL (Server.filter), counts every number under it, and the bar shows
// the same URL as a form and as a list of the filters in force, each with
// a link to the URL without it.

// FilterBar is what the filter bar shows.
type FilterBar struct {
	Action   string     // the page's path, where the form is sent
	Form     url.Values // the filter as the URL gives it, actor names resolved to codes
	Actors   bool       // the form has actor, source and target fields (not on an actor's or a dyad's page, whose path names them)
	Hidden   []Param    // the URL's other parameters, sent again with the form
	Active   []Active   // the filters in force, each removable
	Presets  []Preset   // date ranges ending on the latest event day
	Roots    []Option   // CAMEO roots by name
	Plovers  []Option   // PLOVER types by name
	Quads    []Option   // quad classes by name
	Statuses []Option   // statuses; none chosen counts asserted and reported events
	Counts   []Option   // happenings or mentions
	More     bool       // a field of the folded part of the form holds a value
	Clear    string     // the page without any filter, "" when none is in force
	Last     string     // the latest event day in the store, "" when there is none
}

// Param is one URL parameter.
type Param struct{ Name, Value string }

// Active is a filter in force, as the bar lists it.
type Active struct {
	Name, Value string // "Actor", "Turkey (TUR)"
	Remove      string // the page's URL without this filter
}

// Preset is a date range the bar offers as a link.
type Preset struct {
	Label    string // "Last 30 days"
	From, To string // "" for all dates
	URL      string
	Current  bool // the page shows this range
}

// Option is a choice of a <select>.
type Option struct {
	Value, Label string
	Selected     bool
}

// barFields are the parameters the bar's form has fields for; other
// parameters of the URL are sent again as hidden fields, except the
// cursor (a changed filter starts at the first page).
var barFields = []string{"from", "to", "actor", "source", "target", "country", "root", "plover", "quad", "status", "outlet", "count", "code", "city", "q"}

// foldedFields are the fields of the form's folded part.
var foldedFields = []string{"code", "city", "q"}

// filterLabels name the filter parameters in the list of active filters.
var filterLabels = map[string]string{
	"actor": "Actor", "source": "Source", "target": "Target", "dyad": "Dyad", "code": "CAMEO code", "root": "Event type",
	"quad": "Quad class", "plover": "PLOVER type", "status": "Status", "from": "From", "to": "To", "country": "Country",
	"city": "City", "outlet": "Outlet", "q": "Text", "count": "Counting",
}

// choices are the bar's fixed lists, made once from the codebook.
type choices struct {
	roots, plovers []Option
	rootNames      map[string]string
}

func newChoices(cb *cameo.Codebook) choices {
	c := choices{rootNames: map[string]string{}}
	seen := map[string]bool{}
	for _, code := range cb.Codes() {
		if len(code.Code) == 2 {
			name := sentenceCase(code.Name)
			c.roots = append(c.roots, Option{Value: code.Code, Label: name})
			c.rootNames[code.Code] = name
		}
		if t := code.PloverType; t != "" && !seen[t] {
			seen[t] = true
			c.plovers = append(c.plovers, Option{Value: t, Label: sentenceCase(t)})
		}
	}
	slices.SortFunc(c.plovers, func(a, b Option) int { return strings.Compare(a.Label, b.Label) })
	return c
}

// sentenceCase writes "MAKE PUBLIC STATEMENT" as "Make public statement".
func sentenceCase(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "_", " "))
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// selected marks the option whose value is v, in a copy of os.
func selected(os []Option, v string) []Option {
	out := slices.Clone(os)
	for i := range out {
		out[i].Selected = out[i].Value == v
	}
	return out
}

// filterBar returns the bar of the page r asks for, whose filter its URL
// holds with actor names already resolved (Server.filter has answered any
// other request). actors says whether the form has actor fields.
func (s *Server) filterBar(r *http.Request, actors bool) (*FilterBar, error) {
	v := r.URL.Query()
	v.Del("cursor")
	last, err := s.lastDay(r.Context())
	if err != nil {
		return nil, err
	}
	path := r.URL.Path
	b := &FilterBar{Action: path, Form: v, Actors: actors, Last: last,
		Roots: selected(s.choices.roots, v.Get("root")), Plovers: selected(s.choices.plovers, strings.ToUpper(v.Get("plover")))}
	for q := 1; q <= 4; q++ {
		b.Quads = append(b.Quads, Option{Value: strconv.Itoa(q), Label: quadName(q), Selected: v.Get("quad") == strconv.Itoa(q)})
	}
	b.Statuses = append(b.Statuses, Option{Value: "all", Label: "all", Selected: v.Get("status") == "all"})
	for _, st := range query.AllStatuses() {
		b.Statuses = append(b.Statuses, Option{Value: string(st), Label: string(st), Selected: strings.EqualFold(v.Get("status"), string(st))})
	}
	if st := v.Get("status"); st != "" && !slices.ContainsFunc(b.Statuses, func(o Option) bool { return o.Selected }) {
		b.Statuses = append(b.Statuses, Option{Value: st, Label: st, Selected: true}) // a list of statuses
	}
	b.Counts = []Option{{Value: "mentions", Label: "mentions (every report)", Selected: v.Get("count") == "mentions"}}
	for _, k := range sortedKeys(v) {
		if !slices.Contains(barFields, k) {
			for _, val := range v[k] {
				b.Hidden = append(b.Hidden, Param{Name: k, Value: val})
			}
		}
	}
	for _, k := range foldedFields {
		b.More = b.More || v.Get(k) != ""
	}
	filters := url.Values{}
	for _, k := range query.FilterParams() {
		val := v.Get(k)
		if val == "" || filterLabels[k] == "" { // not a filter: cursor, limit, sort
			continue
		}
		filters[k] = v[k]
		rest := cloneValues(v)
		rest.Del(k)
		b.Active = append(b.Active, Active{Name: filterLabels[k], Value: s.filterValue(k, val), Remove: withQuery(path, rest)})
	}
	if len(filters) > 0 {
		rest := cloneValues(v)
		for k := range filters {
			rest.Del(k)
		}
		b.Clear = withQuery(path, rest)
	}
	b.Presets = presets(path, v, last)
	return b, nil
}

// filterValue writes a filter's value as the bar lists it: an actor with
// its name, an event type or quad class by name.
func (s *Server) filterValue(k, val string) string {
	switch k {
	case "actor", "source", "target":
		if n := s.q.ActorName(val); n != "" {
			return n + " (" + val + ")"
		}
	case "root":
		if n := s.choices.rootNames[val]; n != "" {
			return n + " (" + val + ")"
		}
	case "plover":
		return sentenceCase(val)
	case "quad":
		if q, err := strconv.Atoi(val); err == nil {
			return quadName(q)
		}
	}
	return val
}

// presets are the bar's date ranges: the last 7, 30 and 365 days up to
// last, the latest event day in the store (not today: an archive's last
// week is the week of its latest events), and all dates. Without a last
// day only "all" is offered.
func presets(path string, v url.Values, last string) []Preset {
	var out []Preset
	if end, err := time.Parse(time.DateOnly, last); err == nil {
		for _, n := range []int{7, 30, 365} {
			out = append(out, Preset{Label: fmt.Sprintf("Last %d days", n), From: end.AddDate(0, 0, 1-n).Format(time.DateOnly), To: last})
		}
	}
	out = append(out, Preset{Label: "All dates"})
	for i, p := range out {
		w := cloneValues(v)
		w.Del("from")
		w.Del("to")
		if p.From != "" {
			w.Set("from", p.From)
			w.Set("to", p.To)
		}
		out[i].URL = withQuery(path, w)
		out[i].Current = v.Get("from") == p.From && v.Get("to") == p.To
	}
	return out
}

// lastDay returns the latest day with an event in the store, "" when it
// has none.
func (s *Server) lastDay(ctx context.Context) (string, error) {
	// The newest listed event, not the day counts: one step down the date
	// index instead of a pass over every summary row, on every page.
	page, err := s.q.Store().Events(ctx, store.EventFilter{Desc: true, Limit: 1})
	if err != nil {
		return "", fmt.Errorf("web: latest event day: %w", err)
	}
	if len(page.Events) == 0 {
		return "", nil
	}
	return page.Events[0].Date, nil
}

func sortedKeys(v url.Values) []string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
