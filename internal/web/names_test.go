package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	actorsdata "github.com/dyad-project/dyad/data/actors"
	"github.com/dyad-project/dyad/internal/actor"
	"github.com/dyad-project/dyad/internal/api"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/query/querytest"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/sqlite"
	"github.com/dyad-project/dyad/internal/web"
)

// loadDict loads the embedded actor dictionaries once per test binary.
var loadDict = sync.OnceValues(func() (*actor.Dictionary, error) { return actorsdata.Load() })

// namedServer serves the fixture with the embedded actor dictionaries and
// one more document: a person (Trump) coded as USA and Erdogan as TUR, as
// the coder names the actor of a role by the person, and two reports of
// one happening, to tell happenings from events.
func namedServer(t *testing.T) *httptest.Server {
	t.Helper()
	dict, err := loadDict()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "names.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	querytest.Fixture(t, db)
	docs := []doc.Document{
		{Title: "Trump calls Erdogan", Outlet: "Wire C", URL: "https://c.example/1", Lang: "en", Published: time.Date(2018, 3, 2, 9, 0, 0, 0, time.UTC),
			Text: "Donald Trump telephoned Recep Tayyip Erdogan on 1 March 2018."},
		{Title: "Trump and Erdogan spoke", Outlet: "Wire D", URL: "https://d.example/1", Lang: "en", Published: time.Date(2018, 3, 2, 10, 0, 0, 0, time.UTC),
			Text: "Donald Trump telephoned Recep Tayyip Erdogan on 1 March 2018, officials said."},
	}
	res, err := db.PutDocuments(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	var as []store.Analysis
	for i, r := range res {
		text := docs[i].Text
		at := func(s string) doc.Span { j := strings.Index(text, s); return doc.Span{Start: j, End: j + len(s)} }
		src, tgt := at("Donald Trump"), at("Recep Tayyip Erdogan")
		as = append(as, store.Analysis{DocID: r.ID, Events: []event.Event{{ID: r.ID[:8] + "-0", DocID: r.ID,
			Source: event.Actor{Code: "USA", Name: "Donald Trump", Text: "Donald Trump", Span: &src, Country: "USA"},
			Target: event.Actor{Code: "TUR", Name: "Recep Tayyip Erdogan", Text: "Recep Tayyip Erdogan", Span: &tgt, Country: "TUR"},
			Code:   "040", Root: "04", Name: "Consult", Goldstein: 1, Quad: 1, Status: event.Asserted,
			Date: "2018-03-01", DateValue: "2018-03-01", Precision: "day", Confidence: 0.9,
			Trigger: at("telephoned"), TriggerText: "telephoned", Sentence: doc.Span{Start: 0, End: len(text)}, Rule: "test/consult"}}})
	}
	if err := db.PutAnalyses(ctx, as); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h, err := web.App(api.Config{Query: query.New(db, query.WithDictionary(dict)), Log: log, Metrics: api.NewMetrics(time.Now())}, 1<<20, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// get fetches path without following redirects.
func get(t *testing.T, srv *httptest.Server, path string) (int, string, string) {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// TestActorNames: actor pages and filters take a name, an alias or a code
// in any letter case, and redirect to the URL with the code.
func TestActorNames(t *testing.T) {
	srv := namedServer(t)
	for _, tc := range []struct {
		path     string
		status   int
		location string
		want     []string
	}{
		{"/actors/Turkey", 302, "/actors/TUR", nil},
		{"/actors/t%C3%BCrkiye", 302, "/actors/TUR", nil},
		{"/actors/tur", 302, "/actors/TUR", nil},
		{"/actors/TURKEY", 302, "/actors/TUR", nil},
		{"/actors/Russia?from=2024-01-01", 302, "/actors/RUS?from=2024-01-01", nil},
		{"/actors/the%20United%20States", 302, "/actors/USA", nil},
		{"/actors/TUR", 200, "", []string{"<h1>Turkey <small>TUR</small></h1>"}},
		{"/events?actor=Turkey", 302, "/events?actor=TUR", nil},
		{"/events?actor=t%C3%BCrkiye&status=all", 302, "/events?actor=TUR&status=all", nil},
		{"/events?source=usa&target=Turkey", 302, "/events?source=USA&target=TUR", nil},
		{"/events?dyad=Russia,ukraine", 302, "/events?dyad=RUS%2CUKR", nil},
		{"/map?actor=Ukraine", 302, "/map?actor=UKR", nil},
		{"/network?source=Russia", 302, "/network?source=RUS", nil},
		{"/?actor=Russia", 302, "/?actor=RUS", nil},
		{"/dyads/United%20States/Turkey", 302, "/dyads/USA/TUR", nil},
		{"/events?actor=TUR", 200, "", []string{"Recep Tayyip Erdogan"}},
		// unknown: a 404 that says how actors are found
		{"/actors/Nowhereland", 404, "", []string{"No actor has the name, alias or code &#34;Nowhereland&#34;", "a country’s name or code", `href="/search?q=Nowhereland"`}},
		{"/actors/ZZZ", 404, "", []string{"No event names an actor with the code ZZZ", "a country’s name or code"}},
		{"/events?actor=Nowhereland", 404, "", []string{"No actor has the name", "(in the filter’s actor)"}},
		// ambiguous: the candidates, each linking to its page
		{"/actors/Congo", 300, "", []string{"Which “Congo”?", `<a href="/actors/COD">Democratic Republic of the Congo</a>`, `<a href="/actors/COG">Republic of the Congo</a>`}},
		{"/events?actor=korea&from=2024-01-01", 300, "", []string{`href="/events?actor=KOR&amp;from=2024-01-01"`, `href="/events?actor=PRK&amp;from=2024-01-01"`, "(in actor)"}},
	} {
		status, loc, body := get(t, srv, tc.path)
		if status != tc.status || loc != tc.location {
			t.Errorf("%s: %d %q, want %d %q", tc.path, status, loc, tc.status, tc.location)
		}
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: body lacks %q", tc.path, w)
			}
		}
	}
}

// TestActorHeadings: a page is headed by the actor's own name, never by a
// person coded as the actor; a code prefix says what it groups.
func TestActorHeadings(t *testing.T) {
	srv := namedServer(t)
	for _, tc := range []struct {
		path      string
		want, not []string
	}{
		{"/actors/USA", []string{"<title>United States (USA) · dyad</title>", "<h1>United States <small>USA</small></h1>"}, []string{"<h1>USA", "Trump</small>"}},
		{"/actors/TUR", []string{"<h1>Turkey <small>TUR</small></h1>"}, []string{"Erdogan</small>", "Türkiye</small>"}},
		{"/dyads/USA/TUR", []string{"<title>United States – Turkey · dyad</title>",
			`<h1><a href="/actors/USA">United States</a> <small>USA</small> ⇄ <a href="/actors/TUR">Turkey</a> <small>TUR</small></h1>`}, []string{"Donald Trump</small>"}},
		{"/actors/U?status=all", []string{"<h1>Codes starting with U</h1>", "Codes starting with U: UKR, UKRMIL, USA, USAGOV</p>"}, []string{"<small>"}},
		{"/actors/RUS", []string{"<h1>Russia <small>RUS</small></h1>"}, nil},
	} {
		status, _, body := get(t, srv, tc.path)
		if status != 200 {
			t.Fatalf("%s: status %d", tc.path, status)
		}
		h1 := body[strings.Index(body, "<h1>"):]
		h1 = h1[:strings.Index(h1, "</h1>")+5]
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: lacks %q; heading %s", tc.path, w, h1)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(h1, n) || strings.Contains(body[:strings.Index(body, "</title>")], n) {
				t.Errorf("%s: heading %s holds %q", tc.path, h1, n)
			}
		}
	}
}

// TestCountedStatements: every total says what it counts, and the
// overview's total agrees with its lists.
func TestCountedStatements(t *testing.T) {
	srv := namedServer(t)
	const def = "(asserted and reported; each occurrence counted once, however many reports it has)"
	for _, tc := range []struct {
		path string
		want []string
	}{
		// the fixture's 3 counted events, each its own happening, and the
		// Trump–Erdogan call reported twice; 7 events in all (the fixture
		// has a negated and a future one).
		{"/", []string{"<strong>4 happenings</strong> " + def + ", reported by 5 events · in all, 7 events of every status in 5 documents from 4 outlets"}},
		{"/?count=mentions", []string{"<strong>5 events</strong> (asserted and reported; every report counted) · in all"}},
		{"/?status=all", []string{"happenings</strong> (of every status;"}},
		{"/actors/USA", []string{"2 happenings " + def + " (<a"}},
		{"/actors/USA?count=mentions", []string{"3 events (asserted and reported; every report counted) (<a"}},
		{"/dyads/USA/TUR", []string{"1 happening USA → TUR", "0 happenings TUR → USA", "Counting happenings " + def + "."}},
		{"/events?status=asserted,negated", []string{"Listing happenings (asserted and negated;"}},
		{"/events?count=mentions", []string{"Listing events (asserted and reported; every report counted), newest first:"}},
		{"/map", []string{"Counting happenings " + def + "."}},
	} {
		status, _, body := get(t, srv, tc.path)
		if status != 200 {
			t.Fatalf("%s: status %d", tc.path, status)
		}
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				i := strings.Index(body, `class="stats`)
				t.Errorf("%s: lacks %q; stats: %.400s", tc.path, w, body[max(i, 0):])
			}
		}
	}
	// The overview's totals are the lists' lengths.
	for q, want := range map[string]int{"": 4, "?count=mentions": 5, "?status=all&count=mentions": 7} {
		_, _, body := get(t, srv, "/events"+q)
		if n := strings.Count(body, `<tr class="quad`); n != want {
			t.Errorf("/events%s lists %d rows, want %d as the overview counts", q, n, want)
		}
	}
	if _, _, body := get(t, srv, "/?status=all&count=mentions"); !strings.Contains(body, "<strong>7 events</strong> (of every status; every report counted)") {
		t.Error("the overview of every event does not count 7")
	}
}
