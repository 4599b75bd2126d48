package web_test

import (
	"context"
	"encoding/csv"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/api"
	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/query/querytest"
	"github.com/dyad-project/dyad/internal/store/sqlite"
	"github.com/dyad-project/dyad/internal/web"
)

func fixtureServer(t *testing.T) (*httptest.Server, []string) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "web.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ids := querytest.Fixture(t, db)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h, err := web.App(api.Config{Query: query.New(db), Log: log, Metrics: api.NewMetrics(time.Now())}, 1<<20, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, ids
}

func fetch(t *testing.T, url string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func TestPages(t *testing.T) {
	srv, ids := fixtureServer(t)
	tests := []struct {
		path   string
		status int
		want   []string
	}{
		{"/", 200, []string{"Volume over time", `href="/dyads/RUS/UKR"`, "<svg"}},
		{"/events", 200, []string{`<form class="filters"`, `href="/actors/RUS"`, "#t-"}},
		{"/events?dyad=RUS,UKR&status=all", 200, []string{"negated"[:0], "Accuse"}},
		{"/events?quad=9", 400, []string{"quad"}},
		{"/dyads/RUS/UKR?interval=month", 200, []string{"Goldstein over time", `class="series ab"`, `/events?from=2024-01-01&amp;source=RUS&amp;target=UKR&amp;to=2024-01-31`}},
		{"/dyads/ZZZ/UKR", 404, nil},
		{"/actors/RUS", 200, []string{"Ego network", `class="network"`, "UKR", "Codes and names over time"}},
		{"/actors/ZZZ", 404, nil},
		{"/documents/" + ids[0], 200, []string{`<mark class="actor"`, `<mark class="trigger"`, `<mark class="timex"`, `<mark class="cue"`, `id="t-`, "negated", "fixture/Use conventional military force", "officials"}},
		{"/documents/" + ids[1], 200, []string{"future", "“will”"}},
		{"/documents/0123", 404, nil},
		{"/search?q=Geneva", 200, []string{"Talks in Geneva", "/documents/" + ids[1]}},
		{"/search", 200, []string{"Search"}},
		{"/map", 200, []string{`aria-current="page">Map`, `<svg xmlns="http://www.w3.org/2000/svg" class="map"`, `<a href="/events?country=UKR"><path class="m`,
			`<title>Ukraine: 2 happenings</title>`, `<a href="/events?city=Donetsk&amp;country=UKR"><circle`, "3 happenings counted"}},
		{"/map?actor=usa&status=all&count=mentions", 200, []string{`href="/events?actor=USA&amp;city=Geneva&amp;count=mentions&amp;country=CHE&amp;status=`,
			"2 mentions counted, 1 of them without a place"}},
		{"/map?country=Ukraine", 400, []string{"country"}},
		{"/events?country=UKR&city=Donetsk", 200, []string{"Donetsk", `value="UKR"`}},
		{"/actors/RUS?from=2024-01-01", 200, []string{`aria-label="Where the events of RUS happened"`, `<a href="/events?actor=RUS&amp;country=UKR&amp;from=2024-01-01"><path`}},
		{"/dyads/RUS/UKR", 200, []string{`aria-label="Where RUS → UKR happened"`, `aria-label="Where UKR → RUS happened"`,
			`<a href="/events?city=Donetsk&amp;country=UKR&amp;source=RUS&amp;target=UKR"><circle`}},
		{"/nowhere", 404, nil},
		{"/static/style.css", 200, []string{"mark.actor"}},
		{"/static/app.js", 200, []string{"filters"}},
		{"/static/", 404, nil},
	}
	for _, tc := range tests {
		status, body, hdr := fetch(t, srv.URL+tc.path)
		if status != tc.status {
			t.Errorf("%s: status %d, want %d", tc.path, status, tc.status)
		}
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: body lacks %q", tc.path, w)
			}
		}
		if hdr.Get("Content-Security-Policy") != api.CSP {
			t.Errorf("%s: CSP %q", tc.path, hdr.Get("Content-Security-Policy"))
		}
		if strings.HasPrefix(hdr.Get("Content-Type"), "text/html") && strings.Contains(body, "style=") {
			t.Errorf("%s: an inline style attribute would break the CSP", tc.path)
		}
	}
}

// TestDocumentWhy: each event with an explanation has a why block under
// its row: the score as a percentage, the five strongest features with
// signed weights, the patterns, how the source and target were chosen,
// the status cue and the date rule.
func TestDocumentWhy(t *testing.T) {
	srv, ids := fixtureServer(t)
	status, body, _ := fetch(t, srv.URL+"/documents/"+ids[0])
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	i, j := strings.Index(body, `<tr class="why">`), strings.Index(body, "</details>")
	if i < 0 || j < i {
		t.Fatal("no why block")
	}
	block := body[i:j]
	for _, want := range []string{
		"<details>", "<summary>Why: score 94\u00a0%</summary>",
		// html/template writes + as &#43;
		"<code>lemma=accuse</code> <span class=\"weight\">&#43;2.25</span>",
		"<code>bias</code> <span class=\"weight\">&#43;0.12</span>",
		"<small>and 1 more</small>",
		"<code>obj-of=shelling</code>",
		"<code>accuse/nsubj-obj</code>",
		"<dt>Source</dt><dd>nsubj of accused</dd>", "<dt>Target</dt><dd>obj of accused</dd>",
		"<dt>Status</dt><dd>no cue: asserted</dd>", "<dt>Date</dt><dd>timex 2 January 2024 in the sentence</dd>",
	} {
		if !strings.Contains(block, want) {
			t.Errorf("why block lacks %q:\n%s", want, block)
		}
	}
	if strings.Contains(block, "tense=past") {
		t.Error("why block shows a sixth feature")
	}
	// one block per event with an explanation: the negated event has none
	if n := strings.Count(body, `<tr class="why">`); n != 1 {
		t.Errorf("%d why blocks, want 1", n)
	}
}

func TestDocumentTextIsEscaped(t *testing.T) {
	srv, ids := fixtureServer(t)
	status, body, _ := fetch(t, srv.URL+"/documents/"+ids[2])
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	for _, bad := range []string{"<script>alert", "<img src=x", "<b>test</b>", "<i>Moscow", querytest.XSSFeature} {
		if strings.Contains(body, bad) {
			t.Errorf("document page contains raw %q", bad)
		}
	}
	for _, want := range []string{
		"Markup &lt;b&gt;test&lt;/b&gt; &amp; more",
		// the explanation of the event: a feature, a pattern, an inferred country
		`<code>word=&lt;script&gt;alert(&#34;why&#34;)&lt;/script&gt;</code> <span class="weight against">-1.50</span>`,
		`<code>&lt;img src=x onerror=alert(2)&gt;</code>`,
		`nsubj of accused; country inferred from sentence: &lt;i&gt;Moscow&lt;/i&gt;`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("document page lacks escaped %q", want)
		}
	}
	// Without its marks, the article is the escaped text, whole.
	i, j := strings.Index(body, `<article class="doctext"`), strings.Index(body, "</article>")
	if i < 0 || j < i {
		t.Fatal("no article")
	}
	text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(body[i:j], "")
	if want := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(querytest.XSS); text != want {
		t.Errorf("article text = %q, want %q", text, want)
	}
	// the overlapping spans over the payload give a mark of both kinds
	if !strings.Contains(body, `<mark class="actor trigger"`) {
		t.Errorf("no mark for the overlap of actor and trigger spans")
	}
}

// exportLinks returns the export links of a page, unescaped, in order.
func exportLinks(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<a class="export" href="([^"]*)" download>`).FindAllStringSubmatch(body, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// TestExportLinks: the events, overview, dyad and actor pages link the
// four API exports with the page's filter (never its page size or
// cursor), and the links download the events of that filter.
func TestExportLinks(t *testing.T) {
	srv, _ := fixtureServer(t)
	links := func(q string) []string {
		q = strings.ReplaceAll(q, "status=all", "status=asserted%2Creported%2Cnegated%2Chypothetical%2Cfuture%2Cdenied") // as query.Values writes it
		var out []string
		for _, f := range []string{"csv", "jsonl", "gdelt", "plover"} {
			out = append(out, "/api/events."+f+q)
		}
		return out
	}
	for _, tc := range []struct {
		page string
		want []string
	}{
		{"/events?actor=rus&status=all&limit=1", links("?actor=RUS&status=all")},
		{"/events", links("")},
		{"/?from=2024-02-01&count=mentions", links("?count=mentions&from=2024-02-01")},
		{"/dyads/RUS/UKR?status=all", append(links("?source=RUS&status=all&target=UKR"), links("?source=UKR&status=all&target=RUS")...)},
		{"/actors/USA?to=2024-06-30", links("?actor=USA&to=2024-06-30")},
	} {
		status, body, _ := fetch(t, srv.URL+tc.page)
		if status != 200 {
			t.Fatalf("%s: status %d", tc.page, status)
		}
		got := exportLinks(body)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: export links\n%q\nwant\n%q", tc.page, got, tc.want)
		}
		if !strings.Contains(body, "Export") || !strings.Contains(body, ">CSV</a> · <a") || !strings.Contains(body, "at most 100,000 events") {
			t.Errorf("%s: no export line", tc.page)
		}
	}
	// The events page's CSV holds the events the page lists, all of them.
	_, body, _ := fetch(t, srv.URL+"/events?actor=RUS&status=all")
	listed := regexp.MustCompile(`href="/documents/[0-9a-f]+(\?event=[^"#]+)?#t-`).FindAllString(body, -1)
	status, csvText, hdr := fetch(t, srv.URL+exportLinks(body)[0])
	rows, err := csv.NewReader(strings.NewReader(csvText)).ReadAll()
	if status != 200 || err != nil || hdr.Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Fatalf("the CSV link: %d %v %q", status, err, hdr.Get("Content-Type"))
	}
	if len(listed) == 0 || len(rows) != len(listed)+1 {
		t.Errorf("the CSV has %d rows for %d listed events", len(rows)-1, len(listed))
	}
	for _, r := range rows[1:] {
		if !strings.HasPrefix(r[5], "RUS") && !strings.HasPrefix(r[8], "RUS") {
			t.Errorf("the CSV holds an event without RUS: %q", r)
		}
	}
}

// TestMapEscapesPlaces: a place's name reaches the map, its tooltip, its
// link and the table as text.
func TestMapEscapesPlaces(t *testing.T) {
	srv, _ := fixtureServer(t)
	status, body, _ := fetch(t, srv.URL+"/map")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	if strings.Contains(body, "<svg onload") || strings.Contains(body, "NaN") {
		t.Error("the map page holds a raw place name or NaN")
	}
	for _, want := range []string{
		`<title>Kharkiv &lt;svg onload=alert(3)&gt;, UKR: 1 happening</title>`,
		`href="/events?city=Kharkiv&#43;%3Csvg&#43;onload%3Dalert%283%29%3E&amp;country=UKR"`,
		`Kharkiv &lt;svg onload=alert(3)&gt;</a>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("map page lacks %q", want)
		}
	}
}

// TestDocumentSelected: ?event= picks an event out: its sentence and words
// are marked, its row is selected and its why is open; an unknown ID says so.
func TestDocumentSelected(t *testing.T) {
	srv, ids := fixtureServer(t)
	_, body, _ := fetch(t, srv.URL+"/documents/"+ids[0])
	m := regexp.MustCompile(`href="(/documents/[0-9a-f]+\?event=[^"#]+)#t-`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no event link in the document's table")
	}
	status, body, _ := fetch(t, srv.URL+html.UnescapeString(m[1]))
	if status != 200 {
		t.Fatalf("%s: status %d", m[1], status)
	}
	for _, want := range []string{`sentence`, `selected`, ` selected" id="ev-`, `<details open>`, `<div class="docview">`} {
		if !strings.Contains(body, want) {
			t.Errorf("%s: no %q", m[1], want)
		}
	}
	if !regexp.MustCompile(`<mark class="[^"]*selected[^"]*trigger`).MatchString(body) || !regexp.MustCompile(`<mark class="[^"]*sentence`).MatchString(body) {
		t.Errorf("%s: the selected event's trigger or sentence is not marked", m[1])
	}
	_, body, _ = fetch(t, srv.URL+"/documents/"+ids[0]+"?event=nosuch")
	if !strings.Contains(body, "This document has no event nosuch.") || strings.Contains(body, "<details open>") {
		t.Error("an unknown ?event= is not reported")
	}
}
