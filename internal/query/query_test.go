package query_test

import (
	"context"
	"errors"
	"fmt"
	"github.com/dyad-project/dyad/internal/doc"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	cmpor "cmp"
	actorsdata "github.com/dyad-project/dyad/data/actors"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/query/querytest"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/sqlite"
	"github.com/google/go-cmp/cmp"
)

func open(t *testing.T) (*query.Service, []string) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "q.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return query.New(db), querytest.Fixture(t, db)
}

func TestParseEventFilter(t *testing.T) {
	tests := []struct {
		in   string
		want store.EventFilter
		bad  bool
	}{
		{"", store.EventFilter{Limit: 50}, false},
		{"dyad=rus,ukr&quad=3&from=2024-01-01&to=2024-02-01&status=asserted,negated&limit=10",
			store.EventFilter{Source: "RUS", Target: "UKR", Quad: 3, From: "2024-01-01", To: "2024-02-01",
				Statuses: []event.Status{event.Asserted, event.Negated}, Limit: 10}, false},
		{"actor=USA&code=042&root=04&q=talks&outlet=Wire+A", store.EventFilter{Actor: "USA", Code: "042", Root: "04", Text: "talks", Outlet: "Wire A", Limit: 50}, false},
		{"status=all", store.EventFilter{Statuses: query.AllStatuses(), Limit: 50}, false},
		{"quad=5", store.EventFilter{}, true},
		{"from=2024-13-01", store.EventFilter{}, true},
		{"from=2024-02-01&to=2024-01-01", store.EventFilter{}, true},
		{"actor=US'--", store.EventFilter{}, true},
		{"dyad=RUS", store.EventFilter{}, true},
		{"code=abc", store.EventFilter{}, true},
		{"limit=0", store.EventFilter{}, true},
		{"limit=100000", store.EventFilter{}, true},
		{"status=rumoured", store.EventFilter{}, true},
		{"count=mentions", store.EventFilter{Mentions: true, Limit: 50}, false},
		{"count=happenings", store.EventFilter{Limit: 50}, false},
		{"count=all", store.EventFilter{}, true},
		{"sort=newest", store.EventFilter{Desc: true, Limit: 50}, false},
		{"sort=oldest", store.EventFilter{Limit: 50}, false},
		{"sort=conflict", store.EventFilter{ByGoldstein: true, Limit: 50}, false},
		{"sort=Cooperation", store.EventFilter{ByGoldstein: true, Desc: true, Limit: 50}, false},
		{"sort=goldstein", store.EventFilter{}, true},
	}
	for _, tc := range tests {
		v, _ := url.ParseQuery(tc.in)
		got, err := query.ParseEventFilter(v)
		if tc.bad {
			if !errors.Is(err, query.ErrBadFilter) {
				t.Errorf("%q: error %v, want ErrBadFilter", tc.in, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tc.in, diff)
		}
		// The order survives the way back to URL parameters.
		back, err := query.ParseEventFilter(query.Values(got))
		if err != nil || back.Desc != got.Desc || back.ByGoldstein != got.ByGoldstein {
			t.Errorf("%q: Values round trip = %+v, %v; want the order of %+v", tc.in, back, err, got)
		}
	}
}

func TestSeriesPeriods(t *testing.T) {
	s, _ := open(t)
	ctx := context.Background()
	got, err := s.Series(ctx, store.EventFilter{Statuses: query.AllStatuses()}, query.Month)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	var counts []int
	for _, p := range got.Periods {
		labels = append(labels, p.Label)
		counts = append(counts, p.Events)
	}
	if diff := cmp.Diff([]string{"2024-01", "2024-02", "2024-03"}, labels); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{2, 1, 2}, counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	w, err := s.Series(ctx, store.EventFilter{From: "2024-01-01", To: "2024-01-31"}, query.Week)
	if err != nil {
		t.Fatal(err)
	}
	// 2024-01-01 is a Monday: five weeks start in January.
	if len(w.Periods) != 5 || w.Periods[0].From != "2024-01-01" || w.Periods[0].To != "2024-01-07" || w.Periods[0].Events != 1 {
		t.Errorf("weekly periods = %+v", w.Periods)
	}
	if w.Periods[0].Quad[2] != 1 || w.Periods[0].GoldsteinMean != -2 {
		t.Errorf("first week quad/goldstein = %v %v", w.Periods[0].Quad, w.Periods[0].GoldsteinMean)
	}
	if _, err := s.Series(ctx, store.EventFilter{From: "1900-01-01", To: "2024-01-01"}, query.Day); !errors.Is(err, query.ErrBadFilter) {
		t.Errorf("too many periods: error %v, want ErrBadFilter", err)
	}
}

func TestDyadNetworkProfile(t *testing.T) {
	s, ids := open(t)
	ctx := context.Background()
	d, err := s.Dyad(ctx, "RUS", "UKR", store.EventFilter{}, query.Month)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Names(ctx, &d); err != nil {
		t.Fatal(err)
	}
	if d.AToB.Events != 2 || d.BToA.Events != 0 || d.NameA != "Russia" || d.NameB != "Ukraine" || len(d.AToB.Periods) != len(d.BToA.Periods) {
		t.Errorf("dyad RUS,UKR = %+v", d)
	}
	n, err := s.Network(ctx, store.EventFilter{Statuses: query.AllStatuses()}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Edges) != 4 || len(n.Nodes) != 5 {
		t.Errorf("network = %+v", n)
	}
	for _, e := range n.Edges {
		if e.Source == "USAGOV" && (e.Cooperation != 1 || e.Conflict != 0) {
			t.Errorf("USAGOV edge = %+v", e)
		}
	}
	p, err := s.Profile(ctx, "RUS", store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Russia" || p.Events != 2 || len(p.Partners) != 1 || p.Partners[0].Code != "UKR" || p.Partners[0].Out != 2 {
		t.Errorf("profile = %+v", p)
	}
	if len(p.Recent) != 2 || p.Recent[0].Date != "2024-03-03" {
		t.Errorf("recent = %+v, want newest first", p.Recent)
	}
	if _, err := s.Profile(ctx, "ZZZ", store.EventFilter{}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown actor: error %v, want ErrNotFound", err)
	}
	v, err := s.Document(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Events) != 2 || v.Events[1].Status != event.Negated || len(v.Annotations) == 0 || v.Status != "coded" {
		t.Errorf("document view = %+v", v)
	}
	if _, err := s.Document(ctx, "nothex!"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("bad id: error %v, want ErrNotFound", err)
	}
	res, err := s.Search(ctx, "Geneva", 10, "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].ID != ids[1] || res.Next != "" {
		t.Errorf("search Geneva = %+v", res)
	}
	o, err := s.Overview(ctx, store.EventFilter{}, query.Month, 10, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Latest) != 2 || o.Latest[0].Date != "2024-03-03" || len(o.Dyads) == 0 || o.Volume.Events != 3 {
		t.Errorf("overview = %+v", o)
	}
}

func TestSnippet(t *testing.T) {
	text := "Αθήνα: the ministers met in Geneva to talk about the ceasefire and prisoners."
	got := query.Snippet(text, "ceasefire", 30)
	if !strings.Contains(got, "ceasefire") || len(got) > 40 {
		t.Errorf("Snippet = %q", got)
	}
	for n := 1; n < len(text)+3; n++ {
		if s := query.Snippet(text, "ceasefire OR Αθήνα", n); !utf8Valid(s) {
			t.Fatalf("Snippet(%d) = %q is not UTF-8", n, s)
		}
	}
}

func utf8Valid(s string) bool {
	for _, r := range s {
		if r == 0xFFFD {
			return false
		}
	}
	return true
}

func TestProfileRolesFromDictionary(t *testing.T) {
	d, err := actorsdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "r.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	querytest.Fixture(t, db)
	p, err := query.New(db, query.WithDictionary(d)).Profile(context.Background(), "USAGOV", store.EventFilter{Statuses: query.AllStatuses()})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Roles) == 0 {
		t.Fatal("no dictionary roles for USAGOV")
	}
	for i, r := range p.Roles {
		if !strings.HasPrefix(r.Code, "USAGOV") || r.Name == "" || r.Source == "" {
			t.Errorf("role %+v", r)
		}
		// Source is the dictionary file and the role's line: "file:123".
		if _, line, ok := strings.Cut(r.Source, ":"); !ok || line == "" || strings.Trim(line, "0123456789") != "" || line[0] == '0' {
			t.Errorf("role source %q is not file:line", r.Source)
		}
		if i > 0 && r.From > p.Roles[i-1].From {
			t.Errorf("roles not newest first at %d: %s after %s", i, r.From, p.Roles[i-1].From)
		}
	}
	if p0, _ := query.New(db).Profile(context.Background(), "USAGOV", store.EventFilter{}); len(p0.Roles) != 0 {
		t.Errorf("roles without a dictionary: %+v", p0.Roles)
	}
}

// Listed happenings carry how often and where they were reported; counted
// as mentions every report is listed.
func TestEventsCountReports(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "h.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	var items []store.Item
	for i, outlet := range []string{"Wire A", "Wire B", "Wire B"} {
		d := doc.Document{Text: fmt.Sprintf("Report %d of the call.", i), Outlet: outlet, Lang: "en",
			Published: time.Date(2024, 3, 5+i, 9, 0, 0, 0, time.UTC)}
		d.ID = doc.ContentID(d.Text)
		e := event.Event{ID: fmt.Sprintf("e%d", i), DocID: d.ID, Code: "041", Root: "04", Status: event.Reported,
			Source: event.Actor{Code: "USAGOV", Country: "USA", Sector: "GOV"}, Target: event.Actor{Code: "TURGOV", Country: "TUR", Sector: "GOV"},
			Date: "2024-03-05", Precision: "day"}
		items = append(items, store.Item{Doc: d, Analysis: &store.Analysis{DocID: d.ID, Events: []event.Event{e}}})
	}
	if _, err := db.Put(ctx, items); err != nil {
		t.Fatal(err)
	}
	q := query.New(db)
	p, err := q.Events(ctx, store.EventFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Events) != 1 {
		t.Fatalf("%d happenings listed, want 1", len(p.Events))
	}
	e := p.Events[0]
	if e.Mentions != 3 || e.Documents != 3 || e.Outlets != 2 || e.FirstSeen != "2024-03-05" || e.LastSeen != "2024-03-07" {
		t.Errorf("happening counts %d events, %d documents, %d outlets, %s–%s; want 3, 3, 2, 2024-03-05–2024-03-07",
			e.Mentions, e.Documents, e.Outlets, e.FirstSeen, e.LastSeen)
	}
	p, err = q.Events(ctx, store.EventFilter{Limit: 10, Mentions: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Events) != 3 {
		t.Errorf("%d events listed as mentions, want 3", len(p.Events))
	}
}

// EachEvent gives the events Events lists, page after page, stops at its
// limit with the cursor that continues, and goes on from that cursor.
func TestEachEvent(t *testing.T) {
	ctx := context.Background()
	q, _ := open(t)
	f := store.EventFilter{Statuses: query.AllStatuses(), Limit: store.MaxLimit}
	p, err := q.Events(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, e := range p.Events {
		want = append(want, e.ID)
	}
	var got []string
	collect := func(e event.Event) error { got = append(got, e.ID); return nil }
	n, next, err := q.EachEvent(ctx, f, 0, collect)
	if err != nil || n != len(want) || next != "" || !cmp.Equal(got, want) {
		t.Errorf("all: %d %q %v: %v, want %v", n, next, err, got, want)
	}
	got = nil
	n, next, err = q.EachEvent(ctx, f, 2, collect)
	if err != nil || n != 2 || next == "" {
		t.Fatalf("limit 2: %d %q %v", n, next, err)
	}
	f.Cursor = next
	n, next, err = q.EachEvent(ctx, f, 0, collect)
	if err != nil || n != len(want)-2 || next != "" || !cmp.Equal(got, want) {
		t.Errorf("limit 2, then on from its cursor: %d %q %v: %v, want %v", n, next, err, got, want)
	}
	stop := errors.New("stop")
	if n, _, err := q.EachEvent(ctx, f, 0, func(event.Event) error { return stop }); n != 0 || !errors.Is(err, stop) {
		t.Errorf("fn's error: %d %v", n, err)
	}
}

// EachEvent reads past one page of the store.
func TestEachEventPages(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	const docs, per = 30, 40 // 1,200 events: two pages and a bit
	var items []store.Item
	for i := range docs {
		d := doc.Document{Text: fmt.Sprintf("Report %d.", i), Outlet: "Wire", Lang: "en", Published: time.Date(2024, 1, 1+i, 9, 0, 0, 0, time.UTC)}
		d.ID = doc.ContentID(d.Text)
		a := &store.Analysis{DocID: d.ID}
		for k := range per {
			a.Events = append(a.Events, event.Event{ID: fmt.Sprintf("e%02d-%02d", i, k), DocID: d.ID, Code: "041", Root: "04", Status: event.Asserted,
				Source: event.Actor{Code: "USA"}, Target: event.Actor{Code: "TUR"}, Date: d.Published.Format(time.DateOnly), Precision: "day"})
		}
		items = append(items, store.Item{Doc: d, Analysis: a})
	}
	if _, err := db.Put(ctx, items); err != nil {
		t.Fatal(err)
	}
	var ids []string
	n, next, err := query.New(db).EachEvent(ctx, store.EventFilter{Mentions: true}, 0, func(e event.Event) error { ids = append(ids, e.ID); return nil })
	if err != nil || n != docs*per || next != "" || len(ids) != docs*per || ids[0] != "e00-00" || ids[len(ids)-1] != "e29-39" {
		t.Fatalf("%d events, next %q, %v; %d given", n, next, err, len(ids))
	}
	n, next, err = query.New(db).EachEvent(ctx, store.EventFilter{Mentions: true}, 1001, func(event.Event) error { return nil })
	if err != nil || n != 1001 || next == "" {
		t.Errorf("limit 1001: %d events, next %q, %v", n, next, err)
	}
}

// TestCountDocuments: each period knows how many documents were published
// in it (the fixture publishes one a month: 3 January, 2 February, 4
// March), within the filter's own range and outlet.
func TestCountDocuments(t *testing.T) {
	s, _ := open(t)
	ctx := context.Background()
	tests := []struct {
		f    store.EventFilter
		iv   query.Interval
		want []int
	}{
		{store.EventFilter{Statuses: query.AllStatuses()}, query.Month, []int{1, 1, 1}},
		{store.EventFilter{Statuses: query.AllStatuses(), Outlet: "Wire A"}, query.Month, []int{1, 0, 1}},
		{store.EventFilter{From: "2024-01-04", To: "2024-03-31"}, query.Month, []int{0, 1, 1}},
		{store.EventFilter{From: "2024-01-01", To: "2024-01-31"}, query.Week, []int{1, 0, 0, 0, 0}},
	}
	for _, tt := range tests {
		se, err := s.Series(ctx, tt.f, tt.iv)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.CountDocuments(ctx, tt.f, &se); err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, p := range se.Periods {
			got = append(got, p.Documents)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%+v %s (-want +got):\n%s", tt.f, tt.iv, diff)
		}
	}
	if v, ok := (query.Period{Documents: 8}).PerDocuments(2); !ok || v != 25 {
		t.Errorf("2 events in 8 documents: %v %v, want 25 per 100", v, ok)
	}
	if _, ok := (query.Period{}).PerDocuments(2); ok {
		t.Error("a period without documents has a rate")
	}
}

// TestLatest: the newest events, newest first, as the tail of the
// store's oldest-first list reversed; bounded by last and by the
// filter's To; never an undated event.
func TestLatest(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "l.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	text := "Talks, talks and more talks."
	id := doc.ContentID(text)
	a := &store.Analysis{DocID: id}
	for i := range 40 {
		day := time.Date(2024, 5, 1+i%12, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		if i%13 == 0 {
			day = "" // undated
		}
		a.Events = append(a.Events, event.Event{ID: fmt.Sprintf("e%02d", i), DocID: id, Code: "042", Root: "04", Quad: 1,
			Status: event.Asserted, Date: day, Source: event.Actor{Code: "FRA"}, Target: event.Actor{Code: "DEU"}})
	}
	if _, err := db.Put(ctx, []store.Item{{Doc: doc.Document{Text: text}, Analysis: a}}); err != nil {
		t.Fatal(err)
	}
	q := query.New(db)
	all, err := q.Events(ctx, store.EventFilter{Mentions: true, Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		f    store.EventFilter
		last string
		n    int
	}{
		{store.EventFilter{Mentions: true}, "", 10},
		{store.EventFilter{Mentions: true}, "2024-05-09", 5},
		{store.EventFilter{Mentions: true, To: "2024-05-03"}, "2024-05-09", 50},
		{store.EventFilter{Mentions: true, From: "2024-05-11"}, "", 50},
	} {
		var want []string
		for _, e := range all.Events {
			to := tc.last
			if to == "" || tc.f.To != "" && tc.f.To < to {
				to = cmpor.Or(tc.f.To, to)
			}
			if e.Date != "" && (to == "" || e.Date <= to) && e.Date >= tc.f.From {
				want = append(want, e.ID)
			}
		}
		want = want[max(0, len(want)-tc.n):]
		slices.Reverse(want)
		got, err := q.Latest(ctx, tc.f, tc.last, tc.n)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range got {
			ids = append(ids, e.ID)
		}
		if !slices.Equal(ids, want) {
			t.Errorf("Latest(%+v, %q, %d) = %v, want %v", tc.f, tc.last, tc.n, ids, want)
		}
	}
}
