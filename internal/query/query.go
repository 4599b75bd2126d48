package query

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/actor"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// Service answers queries over one store. It is safe for concurrent use.
type Service struct {
	st    store.Store
	roles []Role            // sorted by code
	dict  *actor.Dictionary // nil: names come from the events
}

// New returns a Service reading st.
func New(st store.Store, opts ...Option) *Service {
	s := &Service{st: st}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Store returns the store the service reads.
func (s *Service) Store() store.Store { return s.st }

// Events returns one page of events matching f, oldest first (newest
// first when f.Desc; by Goldstein value when f.ByGoldstein). When f
// lists happenings, each event is the first report of its happening and
// carries how many events, documents and outlets report it.
func (s *Service) Events(ctx context.Context, f store.EventFilter) (store.EventPage, error) {
	p, err := s.st.EventList(ctx, f)
	if err != nil {
		return p, err
	}
	return p, s.countMentions(ctx, p.Events)
}

// Count returns how many events match f, as Events lists them (happenings
// unless f.Mentions), from the store's day counts; events without a date,
// which no count holds, are left out. f's cursor, limit and order do not
// change it.
func (s *Service) Count(ctx context.Context, f store.EventFilter) (int, error) {
	f.Cursor, f.Limit, f.Desc, f.ByGoldstein = "", 0, false, false
	days, err := s.st.EventCounts(ctx, f)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, d := range days {
		n += d.Events
	}
	return n, nil
}

// EachEvent calls fn for each event matching f, oldest first, as Events
// lists them (happenings with their mention counts unless f.Mentions),
// starting after f.Cursor, reading store.MaxLimit events at a time, and
// stops after limit events (0: no limit). It returns how many events fn
// was given and, when it stopped at the limit with events left, the cursor
// that continues after the last one; next is "" when every matching event
// was given. f.Limit is ignored. An error of fn or of the store ends the
// walk and is returned as is.
func (s *Service) EachEvent(ctx context.Context, f store.EventFilter, limit int, fn func(event.Event) error) (n int, next string, err error) {
	for {
		f.Limit = store.MaxLimit
		if limit > 0 {
			f.Limit = min(f.Limit, limit-n)
		}
		page, err := s.Events(ctx, f)
		if err != nil {
			return n, "", err
		}
		for _, e := range page.Events {
			if err := fn(e); err != nil {
				return n, "", err
			}
			n++
		}
		if page.Next == "" || len(page.Events) == 0 || limit > 0 && n >= limit {
			return n, page.Next, nil
		}
		f.Cursor = page.Next
	}
}

// countMentions fills the mention counts of events that anchor their
// happening.
func (s *Service) countMentions(ctx context.Context, es []event.Event) error {
	var ids []string
	for _, e := range es {
		if e.Happening != "" {
			ids = append(ids, e.Happening)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	cs, err := s.st.HappeningCounts(ctx, ids)
	if err != nil {
		return err
	}
	for i := range es {
		if c, ok := cs[es[i].Happening]; ok {
			es[i].Mentions, es[i].Documents, es[i].Outlets = c.Mentions, c.Documents, c.Outlets
			es[i].FirstSeen, es[i].LastSeen = c.First, c.Last
		}
	}
	return nil
}

// Interval is the length of a period of a time series.
type Interval string

const (
	Day   Interval = "day"
	Week  Interval = "week" // ISO weeks, Monday to Sunday
	Month Interval = "month"
	// Auto lets the series choose from the span of its data (see
	// autoInterval): days for a few weeks, weeks for up to two years,
	// months beyond.
	Auto Interval = ""
)

// ParseInterval reads day, week or month; empty means dflt (which may be
// Auto).
func ParseInterval(s string, dflt Interval) (Interval, error) {
	switch Interval(s) {
	case "":
		return dflt, nil
	case Day, Week, Month:
		return Interval(s), nil
	}
	return "", badf("interval", "%q is not day, week or month", s)
}

// MaxPeriods bounds the number of periods of one series.
const MaxPeriods = 5000

// Period is one point of a time series.
type Period struct {
	Label         string  `json:"label"` // 2024-03-04 (day or week start) or 2024-03
	From          string  `json:"from"`  // first day, YYYY-MM-DD
	To            string  `json:"to"`    // last day, inclusive
	Events        int     `json:"events"`
	Quad          [4]int  `json:"quad"` // events of quad classes 1..4
	GoldsteinSum  float64 `json:"goldstein_sum"`
	GoldsteinMean float64 `json:"goldstein_mean"` // 0 when the period has no event
	// Documents counts the documents published in the period, when
	// asked for (see CountDocuments).
	Documents int `json:"documents,omitempty"`
}

// PerDocuments returns n events per 100 documents published in the
// period, and false when none was.
func (p Period) PerDocuments(n int) (float64, bool) {
	if p.Documents <= 0 {
		return 0, false
	}
	return 100 * float64(n) / float64(p.Documents), true
}

// Series is a time series of event counts.
type Series struct {
	Interval Interval `json:"interval"`
	Events   int      `json:"events"` // every event of the filter, plotted or not
	Periods  []Period `json:"periods"`
	// Omitted counts the events outside the plotted range (stray dates far
	// from the bulk when no range was asked for); OmittedDays lists their
	// days, at most twenty.
	Omitted     int      `json:"omitted,omitempty"`
	OmittedDays []string `json:"omitted_days,omitempty"`
	// Outside are the omitted events by day (by period when the store
	// counted them per period), earliest first, at most twenty: From and
	// To bound each, so that a list of the events of each can be linked.
	Outside []Period `json:"outside,omitempty"`
}

// periodStart returns the first day of the period that holds day t.
func periodStart(t time.Time, iv Interval) time.Time {
	switch iv {
	case Week:
		wd := (int(t.Weekday()) + 6) % 7 // Monday = 0
		return t.AddDate(0, 0, -wd)
	case Month:
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

func nextPeriod(t time.Time, iv Interval) time.Time {
	switch iv {
	case Week:
		return t.AddDate(0, 0, 7)
	case Month:
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(0, 0, 1)
}

// prevPeriod returns the start of the period before the one starting at t.
func prevPeriod(t time.Time, iv Interval) time.Time {
	switch iv {
	case Week:
		return t.AddDate(0, 0, -7)
	case Month:
		return t.AddDate(0, -1, 0)
	}
	return t.AddDate(0, 0, -1)
}

func label(t time.Time, iv Interval) string {
	if iv == Month {
		return t.Format("2006-01")
	}
	return t.Format(time.DateOnly)
}

// Series counts the events matching f per period of iv, with every period
// from the first to the last event of the bulk (or from f.From to f.To
// when set), empty ones included. With iv Auto the interval suits the
// range plotted.
func (s *Service) Series(ctx context.Context, f store.EventFilter, iv Interval) (Series, error) {
	days, grouped, err := s.counts(ctx, f, iv)
	if err != nil {
		return Series{}, err
	}
	if iv == Auto {
		iv = autoInterval(days, f.From, f.To, time.Time{}, time.Time{})
	}
	return rollUp(days, iv, f.From, f.To, time.Time{}, time.Time{}, grouped)
}

// autoInterval chooses the interval for the range a series of days would
// plot (see rollUp): day up to 92 days, week up to two years, else month.
func autoInterval(days []store.DayCount, from, to string, lo, hi time.Time) Interval {
	if lo.IsZero() || hi.IsZero() {
		lo, hi = bulk(days)
	}
	if t, err := time.Parse(time.DateOnly, from); err == nil {
		lo = t
	}
	if t, err := time.Parse(time.DateOnly, to); err == nil {
		hi = t
	}
	switch span := hi.Sub(lo); {
	case lo.IsZero() || hi.IsZero():
		return Month
	case span <= 92*24*time.Hour:
		return Day
	case span <= 2*366*24*time.Hour:
		return Week
	}
	return Month
}

// counts returns the counts of f that rollUp groups into periods of iv:
// per period from a backend that keeps them (grouped is then true, and
// each Date is a period's first day), else per day. Auto asks for days.
func (s *Service) counts(ctx context.Context, f store.EventFilter, iv Interval) (c []store.DayCount, grouped bool, err error) {
	if pc, ok := s.st.(store.PeriodCounter); ok && iv != Day && iv != Auto {
		c, ok, err := pc.PeriodCounts(ctx, f, string(iv))
		if err != nil || ok {
			return c, ok, err
		}
	}
	c, err = s.st.EventCounts(ctx, f)
	return c, false, err
}

// bulkShare is the share of events at each end that may lie outside the
// default range of a series; outlierReach is how far beyond the bulk a
// stray date may be and still be plotted.
const (
	bulkShare    = 0.01
	outlierReach = 365 * 24 * time.Hour
)

// bulk returns the default range of a series over days: from the first day
// by which more than 1 % of the events happened to the last day after which
// more than 1 % happen, widened to the earliest and latest days that lie
// within a year of it. One event misdated 1953 among thousands of 2018 no
// longer squeezes the chart into its last pixels; it is counted as omitted.
func bulk(days []store.DayCount) (lo, hi time.Time) {
	type day struct {
		t time.Time
		n int
	}
	var ds []day
	total := 0
	for _, d := range days {
		t, err := time.Parse(time.DateOnly, d.Date)
		if err != nil || d.Events <= 0 {
			continue
		}
		ds = append(ds, day{t, d.Events})
		total += d.Events
	}
	if len(ds) == 0 {
		return
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].t.Before(ds[j].t) })
	cut := bulkShare * float64(total)
	cum := 0
	for _, d := range ds {
		if cum += d.n; float64(cum) > cut {
			lo = d.t
			break
		}
	}
	cum = 0
	for i := len(ds) - 1; i >= 0; i-- {
		if cum += ds[i].n; float64(cum) > cut {
			hi = ds[i].t
			break
		}
	}
	for _, d := range ds {
		if d.t.Before(lo) && lo.Sub(d.t) <= outlierReach {
			lo = d.t
			break
		}
	}
	for i := len(ds) - 1; i >= 0; i-- {
		if ds[i].t.After(hi) && ds[i].t.Sub(hi) <= outlierReach {
			hi = ds[i].t
			break
		}
	}
	return lo, hi
}

// rollUp groups day counts into periods. from and to, when set, are the
// range asked for; an unset end takes the data's bulk (see bulk), and a
// range of more than MaxPeriods periods is an error only when both ends
// were asked for — otherwise the unset end is moved in. Events outside the
// range are counted in Omitted, never dropped silently.
//
// bulkLo and bulkHi, when set, are the default range to use instead of the
// bulk of days (a dyad's two directions share the bulk of both). grouped
// says each day count is a whole period of iv starting on its Date.
func rollUp(days []store.DayCount, iv Interval, from, to string, bulkLo, bulkHi time.Time, grouped bool) (Series, error) {
	out := Series{Interval: iv, Periods: []Period{}}
	parse := func(s string) (time.Time, bool) {
		t, err := time.Parse(time.DateOnly, s)
		return t, err == nil
	}
	lo, hi := bulkLo, bulkHi
	if lo.IsZero() || hi.IsZero() {
		lo, hi = bulk(days)
	}
	userLo, userHi := false, false
	if t, ok := parse(from); ok {
		lo, userLo = t, true
	}
	if t, ok := parse(to); ok {
		hi, userHi = t, true
	}
	if lo.IsZero() || hi.IsZero() || hi.Before(lo) {
		for _, d := range days {
			out.Events += d.Events
		}
		return out, nil
	}
	first := periodStart(lo, iv)
	n := 0
	for p := first; !p.After(hi); p = nextPeriod(p, iv) {
		if n++; n > MaxPeriods {
			break
		}
	}
	if n > MaxPeriods {
		switch {
		case userLo && userHi:
			return Series{}, badf("interval", "more than %d periods from %s to %s; choose a longer interval or a shorter range",
				MaxPeriods, lo.Format(time.DateOnly), hi.Format(time.DateOnly))
		case userLo:
			p := first
			for range MaxPeriods - 1 {
				p = nextPeriod(p, iv)
			}
			hi = nextPeriod(p, iv).AddDate(0, 0, -1)
		default: // keep the latest periods
			p := periodStart(hi, iv)
			for range MaxPeriods - 1 {
				p = prevPeriod(p, iv)
			}
			lo, first = p, p
		}
	}
	type acc struct {
		quad   [4]int
		events int
		sum    float64
	}
	byStart := map[time.Time]*acc{}
	omitted := map[string]int{}
	for _, d := range days {
		t, ok := parse(d.Date)
		if !ok {
			continue // stored dates are checked on the way in; a bad one has no period
		}
		out.Events += d.Events
		if periodStart(t, iv).Before(first) || t.After(hi) {
			out.Omitted += d.Events
			omitted[d.Date] += d.Events
			continue
		}
		p := periodStart(t, iv)
		a := byStart[p]
		if a == nil {
			a = &acc{}
			byStart[p] = a
		}
		if d.Quad >= 1 && d.Quad <= 4 {
			a.quad[d.Quad-1] += d.Events
		}
		a.events += d.Events
		a.sum += d.Goldstein
	}
	for d := range omitted {
		out.OmittedDays = append(out.OmittedDays, d)
	}
	sort.Strings(out.OmittedDays)
	if len(out.OmittedDays) > maxOmittedDays {
		out.OmittedDays = out.OmittedDays[:maxOmittedDays]
	}
	for _, d := range out.OmittedDays {
		t, _ := parse(d)
		p := Period{Label: d, From: d, To: d, Events: omitted[d]}
		if grouped {
			p.Label, p.To = label(t, iv), nextPeriod(t, iv).AddDate(0, 0, -1).Format(time.DateOnly)
		}
		out.Outside = append(out.Outside, p)
	}
	for p := first; !p.After(hi); p = nextPeriod(p, iv) {
		per := Period{Label: label(p, iv), From: p.Format(time.DateOnly), To: nextPeriod(p, iv).AddDate(0, 0, -1).Format(time.DateOnly)}
		if a := byStart[p]; a != nil {
			per.Events, per.Quad, per.GoldsteinSum = a.events, a.quad, a.sum
			if a.events > 0 {
				per.GoldsteinMean = a.sum / float64(a.events)
			}
		}
		out.Periods = append(out.Periods, per)
	}
	return out, nil
}

// CountDocuments sets Documents in each period of each series: how many
// documents (current versions, of f.Outlet when set) were published in
// it, to normalise the volume of events by the volume of news.
func (s *Service) CountDocuments(ctx context.Context, f store.EventFilter, ss ...*Series) error {
	lo, hi := "", ""
	for _, se := range ss {
		if n := len(se.Periods); n > 0 {
			if lo == "" || se.Periods[0].From < lo {
				lo = se.Periods[0].From
			}
			if se.Periods[n-1].To > hi {
				hi = se.Periods[n-1].To
			}
		}
	}
	if f.From > lo {
		lo = f.From
	}
	if f.To != "" && f.To < hi {
		hi = f.To
	}
	if lo == "" || hi < lo {
		return nil
	}
	from, err := time.Parse(time.DateOnly, lo)
	if err != nil {
		return fmt.Errorf("count documents: %w", err)
	}
	to, err := time.Parse(time.DateOnly, hi)
	if err != nil {
		return fmt.Errorf("count documents: %w", err)
	}
	days, err := s.st.DocumentCounts(ctx, store.DocFilter{Outlet: f.Outlet, From: from, To: to.AddDate(0, 0, 1)})
	if err != nil {
		return err
	}
	for _, se := range ss {
		i := 0
		for _, d := range days {
			for i < len(se.Periods) && se.Periods[i].To < d.Date {
				i++
			}
			if i < len(se.Periods) && se.Periods[i].From <= d.Date {
				se.Periods[i].Documents += d.Documents
			}
		}
	}
	return nil
}

// maxOmittedDays bounds the list of days a series leaves out.
const maxOmittedDays = 20

// DyadSeries is the time series of the events from A to B and from B to A.
type DyadSeries struct {
	A       string `json:"a"`
	B       string `json:"b"`
	AToB    Series `json:"a_to_b"`
	BToA    Series `json:"b_to_a"`
	NameA   string `json:"name_a,omitempty"`
	NameB   string `json:"name_b,omitempty"`
	Total   int    `json:"events"`
	Filters string `json:"filters,omitempty"` // the other filters, as URL parameters
}

// Dyad returns the series of both directions of the dyad a, b (code
// prefixes) under the other filters of f, over the same periods.
func (s *Service) Dyad(ctx context.Context, a, b string, f store.EventFilter, iv Interval) (DyadSeries, error) {
	var err error
	if a, err = actorCode("a", a); err != nil {
		return DyadSeries{}, err
	}
	if b, err = actorCode("b", b); err != nil {
		return DyadSeries{}, err
	}
	f.Actor, f.Cursor = "", ""
	fab, fba := f, f
	fab.Source, fab.Target = a, b
	fba.Source, fba.Target = b, a
	ab, grouped, err := s.counts(ctx, fab, iv)
	if err != nil {
		return DyadSeries{}, err
	}
	ba, groupedBA, err := s.counts(ctx, fba, iv)
	if err != nil {
		return DyadSeries{}, err
	}
	if grouped != groupedBA { // the store answered one direction per day: both so
		if ab, err = s.st.EventCounts(ctx, fab); err != nil {
			return DyadSeries{}, err
		}
		if ba, err = s.st.EventCounts(ctx, fba); err != nil {
			return DyadSeries{}, err
		}
		grouped = false
	}
	// Both directions share one range: the one asked for, else the bulk of
	// all their events.
	lo, hi := bulk(append(append([]store.DayCount{}, ab...), ba...))
	if iv == Auto {
		iv = autoInterval(nil, f.From, f.To, lo, hi)
	}
	out := DyadSeries{A: a, B: b}
	if out.AToB, err = rollUp(ab, iv, f.From, f.To, lo, hi, grouped); err != nil {
		return DyadSeries{}, err
	}
	if out.BToA, err = rollUp(ba, iv, f.From, f.To, lo, hi, grouped); err != nil {
		return DyadSeries{}, err
	}
	out.Total = out.AToB.Events + out.BToA.Events
	f.Limit = 0
	out.Filters = Values(f).Encode()
	return out, nil
}

// Names sets d.NameA and d.NameB: each code's own name (ActorName) when
// the service has a dictionary, else the names of one event of the dyad,
// when there is one. Dyad leaves them empty: the series do not need them.
func (s *Service) Names(ctx context.Context, d *DyadSeries) error {
	if s.dict != nil {
		d.NameA, d.NameB = s.dict.Name(d.A), s.dict.Name(d.B)
		return nil
	}
	for _, dir := range []struct {
		src, tgt   string
		nsrc, ntgt *string
	}{{d.A, d.B, &d.NameA, &d.NameB}, {d.B, d.A, &d.NameB, &d.NameA}} {
		ds, err := s.st.Dyads(ctx, store.EventFilter{Source: dir.src, Target: dir.tgt, Statuses: AllStatuses()}, 1)
		if err != nil {
			return err
		}
		if len(ds) > 0 {
			*dir.nsrc, *dir.ntgt = ds[0].SourceName, ds[0].TargetName
			return nil
		}
	}
	return nil
}

// Node is an actor in a network.
type Node struct {
	Code   string `json:"code"`
	Name   string `json:"name,omitempty"`
	Events int    `json:"events"` // events the actor takes part in, within the network's edges
}

// Edge is the directed tie from one actor to another.
type Edge struct {
	Source      string  `json:"source"`
	Target      string  `json:"target"`
	Events      int     `json:"events"`
	Cooperation int     `json:"cooperation"` // quad classes 1 and 2
	Conflict    int     `json:"conflict"`    // quad classes 3 and 4
	Goldstein   float64 `json:"goldstein_sum"`
}

// Network is actors as nodes and directed, weighted edges.
type Network struct {
	Nodes []Node `json:"nodes"`
	Edges []Edge `json:"edges"`
}

// MaxEdges bounds the edges of a network.
const MaxEdges = 500

// Network returns the strongest edges (at most max, at most MaxEdges) among
// the events matching f and the actors they join. Events with an empty
// source or target code are left out.
func (s *Service) Network(ctx context.Context, f store.EventFilter, max int) (Network, error) {
	if max <= 0 || max > MaxEdges {
		max = MaxEdges
	}
	ds, err := s.st.Dyads(ctx, f, max)
	if err != nil {
		return Network{}, err
	}
	return network(ds), nil
}

func network(ds []store.DyadCount) Network {
	n := Network{Nodes: []Node{}, Edges: []Edge{}}
	idx := map[string]int{}
	node := func(code, name string, events int) {
		i, ok := idx[code]
		if !ok {
			i = len(n.Nodes)
			idx[code] = i
			n.Nodes = append(n.Nodes, Node{Code: code, Name: name})
		}
		n.Nodes[i].Events += events
	}
	for _, d := range ds {
		if d.Source == "" || d.Target == "" {
			continue
		}
		node(d.Source, d.SourceName, d.Events)
		if d.Target != d.Source {
			node(d.Target, d.TargetName, d.Events)
		}
		n.Edges = append(n.Edges, Edge{Source: d.Source, Target: d.Target, Events: d.Events,
			Cooperation: d.Cooperation, Conflict: d.Conflict, Goldstein: d.Goldstein})
	}
	sort.SliceStable(n.Nodes, func(i, j int) bool {
		if n.Nodes[i].Events != n.Nodes[j].Events {
			return n.Nodes[i].Events > n.Nodes[j].Events
		}
		return n.Nodes[i].Code < n.Nodes[j].Code
	})
	return n
}

// Partner is an actor the profiled actor has events with.
type Partner struct {
	Code        string `json:"code"`
	Name        string `json:"name,omitempty"`
	Out         int    `json:"out"` // events from the profiled actor to the partner
	In          int    `json:"in"`  // events from the partner to the profiled actor
	Cooperation int    `json:"cooperation"`
	Conflict    int    `json:"conflict"`
}

// Profile is what the store knows of one actor.
type Profile struct {
	Code     string            `json:"code"`
	Name     string            `json:"name,omitempty"` // the code's own name (ActorName); without a dictionary the most frequent name
	Events   int               `json:"events"`
	Names    []store.ActorName `json:"names"` // codes and names over time: first and last day of each
	Roles    []Role            `json:"roles"` // who held the code, from the actor dictionary (when the service has one)
	Partners []Partner         `json:"partners"`
	Network  Network           `json:"network"` // the actor and its top partners
	Series   Series            `json:"series"`  // by day, week or month, as suits its range
	Recent   []event.Event     `json:"recent"`  // newest first
}

// ProfileOptions bound a profile.
const (
	MaxPartners  = 50
	EgoPartners  = 12
	RecentEvents = 20
)

// Profile returns the profile of the actors whose code starts with code,
// under the other filters of f, or an error wrapping store.ErrNotFound
// when no event names such an actor.
func (s *Service) Profile(ctx context.Context, code string, f store.EventFilter) (Profile, error) {
	code, err := actorCode("code", code)
	if err != nil {
		return Profile{}, err
	}
	f.Actor, f.Source, f.Target, f.Cursor = "", "", "", ""
	names, err := s.st.ActorNames(ctx, code, f)
	if err != nil {
		return Profile{}, err
	}
	if len(names) == 0 {
		return Profile{}, fmt.Errorf("actor %s: %w", code, store.ErrNotFound)
	}
	p := Profile{Code: code, Names: names, Partners: []Partner{}, Roles: s.rolesOf(code)}
	best := 0
	for _, n := range names {
		if c := n.AsSource + n.AsTarget; c > best && n.Name != "" && n.Code == code {
			best, p.Name = c, n.Name
		}
	}
	if s.dict != nil {
		p.Name = s.dict.Name(code)
	}
	fa := f
	fa.Actor = code
	if p.Series, err = s.Series(ctx, fa, Auto); err != nil {
		return Profile{}, err
	}
	p.Events = p.Series.Events
	ds, err := s.st.Dyads(ctx, fa, store.MaxLimit)
	if err != nil {
		return Profile{}, err
	}
	byCode := map[string]*Partner{}
	var order []string
	var ego []store.DyadCount
	for _, d := range ds {
		self := func(c string) bool { return strings.HasPrefix(c, code) }
		var other, name string
		out := self(d.Source)
		if out {
			other, name = d.Target, d.TargetName
		} else {
			other, name = d.Source, d.SourceName
		}
		if other == "" {
			continue
		}
		pt := byCode[other]
		if pt == nil {
			pt = &Partner{Code: other, Name: name}
			byCode[other] = pt
			order = append(order, other)
		}
		if out {
			pt.Out += d.Events
		} else {
			pt.In += d.Events
		}
		pt.Cooperation += d.Cooperation
		pt.Conflict += d.Conflict
	}
	for _, c := range order {
		p.Partners = append(p.Partners, *byCode[c])
	}
	sort.SliceStable(p.Partners, func(i, j int) bool {
		a, b := p.Partners[i], p.Partners[j]
		if a.In+a.Out != b.In+b.Out {
			return a.In+a.Out > b.In+b.Out
		}
		return a.Code < b.Code
	})
	if len(p.Partners) > MaxPartners {
		p.Partners = p.Partners[:MaxPartners]
	}
	top := map[string]bool{}
	for i, pt := range p.Partners {
		if i < EgoPartners {
			top[pt.Code] = true
		}
	}
	for _, d := range ds {
		if strings.HasPrefix(d.Source, code) && top[d.Target] || strings.HasPrefix(d.Target, code) && top[d.Source] {
			ego = append(ego, d)
		}
	}
	p.Network = network(ego)
	last := ""
	if n := len(p.Series.Periods); n > 0 {
		last = p.Series.Periods[n-1].To
	}
	if p.Recent, err = s.Latest(ctx, fa, last, RecentEvents); err != nil {
		return Profile{}, err
	}
	return p, nil
}

// Latest returns the newest n events matching f, newest first. last is the
// latest day that has such an event, when the caller knows it ("" when
// not); events without a date are not found. It reads one page of the
// store's newest-first order, so its cost does not grow with the events
// of the last days.
func (s *Service) Latest(ctx context.Context, f store.EventFilter, last string, n int) ([]event.Event, error) {
	g := f
	g.Cursor, g.Limit, g.Desc, g.ByGoldstein = "", min(n, store.MaxLimit), true, false
	if last != "" && (g.To == "" || last < g.To) {
		g.To = last
	}
	if g.From == "" {
		g.From = "0" // every date sorts after "0", an empty one before it
	}
	page, err := s.st.EventList(ctx, g)
	if err != nil {
		return nil, err
	}
	es := page.Events
	if es == nil {
		es = []event.Event{}
	}
	return es, s.countMentions(ctx, es)
}

// DocumentView is a document with everything the store holds about it.
type DocumentView struct {
	Document    *doc.Document    `json:"document"`
	Status      string           `json:"status"` // pending, coded, skipped
	Skipped     string           `json:"skipped,omitempty"`
	Superseded  string           `json:"superseded_by,omitempty"`
	Annotations []doc.Annotation `json:"annotations"`
	Events      []event.Event    `json:"events"` // every status, in text order
	Diagnostics []doc.Diagnostic `json:"diagnostics"`
}

// MaxDocEvents bounds the events a document view lists.
const MaxDocEvents = store.MaxLimit

// Document returns the document id with its annotations, events of every
// status and diagnostics, or an error wrapping store.ErrNotFound.
func (s *Service) Document(ctx context.Context, id string) (DocumentView, error) {
	if len(id) > 64 || strings.Trim(strings.ToLower(id), "0123456789abcdef") != "" || id == "" {
		return DocumentView{}, fmt.Errorf("document %q: %w", truncate(id, 64), store.ErrNotFound)
	}
	d, err := s.st.Document(ctx, id)
	if err != nil {
		return DocumentView{}, err
	}
	info, err := s.st.DocumentInfo(ctx, id)
	if err != nil {
		return DocumentView{}, err
	}
	v := DocumentView{Document: d, Status: string(info.Status), Skipped: info.Skipped, Superseded: info.SupersededBy,
		Annotations: []doc.Annotation{}, Events: []event.Event{}, Diagnostics: info.Diagnostics}
	a, err := s.st.Analysis(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return DocumentView{}, err
	default:
		v.Annotations = a.Annotations
		v.Events = a.Events
		v.Diagnostics = append(v.Diagnostics, a.Diagnostics...)
	}
	if v.Annotations == nil {
		v.Annotations = []doc.Annotation{}
	}
	if v.Events == nil {
		v.Events = []event.Event{}
	}
	for i := range v.Events {
		v.Events[i].Outlet, v.Events[i].URL = d.Outlet, d.URL
	}
	sort.SliceStable(v.Events, func(i, j int) bool { return v.Events[i].Trigger.Start < v.Events[j].Trigger.Start })
	if v.Diagnostics == nil {
		v.Diagnostics = []doc.Diagnostic{}
	}
	return v, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Overview is the front page: volume over time, top dyads, latest events.
type Overview struct {
	Stats  store.Stats       `json:"stats"`
	Volume Series            `json:"volume"`
	Dyads  []store.DyadCount `json:"top_dyads"`
	Latest []event.Event     `json:"latest"`
}

// Overview returns the front page's data for the events matching f.
func (s *Service) Overview(ctx context.Context, f store.EventFilter, iv Interval, dyads, latest int) (Overview, error) {
	var o Overview
	var err error
	if o.Stats, err = s.st.Stats(ctx); err != nil {
		return o, err
	}
	if o.Volume, err = s.Series(ctx, f, iv); err != nil {
		return o, err
	}
	if o.Dyads, err = s.st.Dyads(ctx, f, dyads); err != nil {
		return o, err
	}
	if o.Dyads == nil {
		o.Dyads = []store.DyadCount{}
	}
	last := ""
	if n := len(o.Volume.Periods); n > 0 {
		last = o.Volume.Periods[n-1].To
	}
	if last == "" {
		o.Latest = []event.Event{}
		return o, nil
	}
	o.Latest, err = s.Latest(ctx, f, last, latest)
	return o, err
}
