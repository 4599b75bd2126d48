package web_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/api"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/sqlite"
	"github.com/dyad-project/dyad/internal/web"
)

// chartServer serves a year of TUR–USA events, both ways: 2018, one
// document a month with events each way, one event misdated 1953, and
// events of month and year precision.
func chartServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "chart.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	const text = "Turkey criticised the United States, and the United States threatened Turkey."
	var docs []doc.Document
	for m := 1; m <= 12; m++ {
		docs = append(docs, doc.Document{Title: fmt.Sprintf("Month %d", m), Outlet: "Wire", URL: fmt.Sprintf("https://w.example/%d", m),
			Published: time.Date(2018, time.Month(m), 28, 9, 0, 0, 0, time.UTC), Lang: "en", Text: text + fmt.Sprintf(" (%d)", m)})
	}
	res, err := db.PutDocuments(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	tur := event.Actor{Code: "TUR", Name: "Turkey", Text: "Turkey", Country: "TUR"}
	usa := event.Actor{Code: "USA", Name: "United States", Text: "United States", Country: "USA"}
	var as []store.Analysis
	for i, r := range res {
		a := store.Analysis{DocID: r.ID}
		// TUR→USA on i+1 days of the month, USA→TUR on 12-i: every month
		// has both, in different numbers.
		add := func(k int, src, tgt event.Actor, day, prec, value string) {
			code, quad, gold, start := "111", 3, -2.0, 7
			if src.Code == "USA" {
				code, quad, gold, start = "138", 4, -7.0, 59
			}
			a.Events = append(a.Events, event.Event{ID: fmt.Sprintf("%s-%d", r.ID[:8], k), DocID: r.ID, Source: src, Target: tgt,
				Code: code, Root: code[:2], Name: "fixture", Goldstein: gold, Quad: quad, Status: event.Asserted,
				Date: day, DateValue: value, Precision: prec, Confidence: 0.8,
				Trigger: doc.Span{Start: start, End: start + 9}, TriggerText: text[start : start+9], Sentence: doc.Span{Start: 0, End: len(text)}, Rule: "fixture"})
		}
		k := 0
		for d := 1; d <= i+1; d++ {
			day := fmt.Sprintf("2018-%02d-%02d", i+1, d)
			add(k, tur, usa, day, "day", day)
			k++
		}
		for d := 1; d <= 12-i; d++ {
			day := fmt.Sprintf("2018-%02d-%02d", i+1, d+14)
			add(k, usa, tur, day, "day", day)
			k++
		}
		switch i {
		case 0:
			add(k, tur, usa, "1953-03-05", "day", "1953-03-05")
		case 4:
			add(k, tur, usa, "2018-05-01", "month", "2018-05")
		case 6:
			add(k, usa, tur, "2018-01-01", "year", "2018")
		}
		as = append(as, a)
	}
	if err := db.PutAnalyses(ctx, as); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h, err := web.App(api.Config{Query: query.New(db), Log: log, Metrics: api.NewMetrics(time.Now())}, 1<<20, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

var (
	rowRE   = regexp.MustCompile(`(?s)<tr class="quad\d">(.*?)</tr>`)
	actorRE = regexp.MustCompile(`href="/actors/([A-Z]+)"`)
	nextRE  = regexp.MustCompile(`rel="next" href="([^"]+)"`)
	dateRE  = regexp.MustCompile(`<td class="date"[^>]*>([^<]*)</td>`)
)

// eventRows follows an events link through its pages and returns each
// row's source and target codes and shown date.
func eventRows(t *testing.T, base, link string) (dyads, dates []string) {
	t.Helper()
	for link != "" {
		status, body, _ := fetch(t, base+link)
		if status != 200 {
			t.Fatalf("%s: status %d", link, status)
		}
		for _, row := range rowRE.FindAllStringSubmatch(body, -1) {
			codes := actorRE.FindAllStringSubmatch(row[1], 2)
			d := ""
			for _, c := range codes {
				d += c[1] + ">"
			}
			dyads = append(dyads, d)
			if m := dateRE.FindStringSubmatch(row[1]); m != nil {
				dates = append(dates, m[1])
			}
		}
		link = ""
		if m := nextRE.FindStringSubmatch(body); m != nil {
			link = html.UnescapeString(m[1])
		}
	}
	return dyads, dates
}

// TestDyadChartLinks: every point of each line of the dyad chart, and
// each count of its table, links to a list of exactly that direction's
// events of the period, as many as the point counts.
func TestDyadChartLinks(t *testing.T) {
	srv := chartServer(t)
	for _, path := range []string{"/dyads/TUR/USA", "/dyads/TUR/USA?interval=week", "/dyads/TUR/USA?interval=month&from=2018-03-10&to=2018-08-20"} {
		status, body, _ := fetch(t, srv.URL+path)
		if status != 200 {
			t.Fatalf("%s: status %d", path, status)
		}
		// The table: period link → count.
		counts := map[string]int{}
		for _, m := range regexp.MustCompile(`<td class="num"><a href="([^"]+)">(\d+)</a>`).FindAllStringSubmatch(body, -1) {
			n, _ := strconv.Atoi(m[2])
			counts[html.UnescapeString(m[1])] = n
		}
		for class, want := range map[string]string{"ab": "TUR>USA>", "ba": "USA>TUR>"} {
			g := regexp.MustCompile(`(?s)<g class="series ` + class + `">(.*?)</g>`).FindStringSubmatch(body)
			if g == nil {
				t.Fatalf("%s: no line %s", path, class)
			}
			links := regexp.MustCompile(`<a href="([^"]+)">`).FindAllStringSubmatch(g[1], -1)
			if len(links) == 0 {
				t.Fatalf("%s: line %s links nothing", path, class)
			}
			total := 0
			for _, l := range links {
				link := html.UnescapeString(l[1])
				dyads, _ := eventRows(t, srv.URL, link)
				for _, d := range dyads {
					if d != want {
						t.Errorf("%s: line %s links %s to a %s event", path, class, link, d)
						break
					}
				}
				n, ok := counts[link]
				if !ok {
					t.Errorf("%s: point link %s is not in the table", path, link)
				}
				if len(dyads) != n {
					t.Errorf("%s: %s lists %d events, the point counts %d", path, link, len(dyads), n)
				}
				total += len(dyads)
			}
			if path == "/dyads/TUR/USA" {
				// every 2018 event of the direction; the 1953 one is listed apart
				wantTotal := map[string]int{"ab": 78 + 1, "ba": 78 + 1}[class]
				if total != wantTotal {
					t.Errorf("%s: line %s links %d events, want %d", path, class, total, wantTotal)
				}
			}
		}
	}
}

// TestChartOutliers: one event misdated 1953 among a year of 2018 does
// not stretch the axis; it is listed under the chart, linked to itself.
func TestChartOutliers(t *testing.T) {
	srv := chartServer(t)
	for _, path := range []string{"/", "/dyads/TUR/USA", "/actors/TUR", "/?interval=month", "/dyads/USA/TUR?interval=week"} {
		status, body, _ := fetch(t, srv.URL+path)
		if status != 200 {
			t.Fatalf("%s: status %d", path, status)
		}
		// by day, or by period when the store counts per period
		m := regexp.MustCompile(`1 event outside the plotted range: <a href="([^"]+)">1953-03[-0-9]*</a> \(1\)`).FindStringSubmatch(body)
		if m == nil {
			t.Errorf("%s: the 1953 event is not listed under the chart", path)
			continue
		}
		for _, chart := range regexp.MustCompile(`(?s)<svg.*?</svg>`).FindAllString(body, -1) {
			if strings.Contains(chart, "1953") || strings.Contains(chart, "2017") {
				t.Errorf("%s: a chart reaches back to 1953", path)
			}
		}
		if dyads, _ := eventRows(t, srv.URL, html.UnescapeString(m[1])); len(dyads) != 1 || dyads[0] != "TUR>USA>" {
			t.Errorf("%s: the outlier's link lists %v", path, dyads)
		}
		for _, tick := range regexp.MustCompile(`text-anchor="end">([^<]*)<`).FindAllStringSubmatch(body, -1) {
			if strings.Contains(tick[1], ".") && !strings.Contains(path, "dyads") {
				t.Errorf("%s: tick %q on a count chart", path, tick[1])
			}
		}
	}
}

// TestEventDatesByPrecision: a list shows a date no more precisely than
// it is known.
func TestEventDatesByPrecision(t *testing.T) {
	srv := chartServer(t)
	_, dates := eventRows(t, srv.URL, "/events?dyad=TUR,USA&from=2018-05-01&to=2018-05-01")
	if len(dates) != 2 || dates[0] != "2018-05" && dates[1] != "2018-05" || dates[0] != "2018-05-01" && dates[1] != "2018-05-01" {
		t.Errorf("2018-05-01 of day and month precision: %q", dates)
	}
	_, dates = eventRows(t, srv.URL, "/events?dyad=USA,TUR&from=2018-01-01&to=2018-01-01")
	if len(dates) != 1 || dates[0] != "2018" {
		t.Errorf("a year: %q", dates)
	}
}

// TestChartPerDocuments: norm=docs scales a chart to events per 100
// documents published in each period (one a month here), on the overview,
// dyad and actor pages; the page links to the other scale.
func TestChartPerDocuments(t *testing.T) {
	srv := chartServer(t)
	for _, tt := range []struct {
		path string
		want []string
	}{
		{"/?interval=month&norm=docs", []string{"verbal conflict 2018-03: 300<", "material conflict 2018-03: 1000<", "per 100 documents published", `href="/?interval=month">show counts`}},
		{"/dyads/TUR/USA?interval=month&norm=docs", []string{"verbal conflict 2018-12: 1200<", "material conflict 2018-12: 100<"}},
		// weekly: the week of 28 January has its document and five USA→TUR events
		{"/actors/TUR?norm=docs&outlet=Wire", []string{"Events per week", "material conflict 2018-01-22: 500<"}},
		{"/?interval=month", []string{"verbal conflict 2018-03: 3<", `href="/?interval=month&amp;norm=docs">Per 100 documents published`}},
	} {
		status, body, _ := fetch(t, srv.URL+tt.path)
		if status != 200 {
			t.Fatalf("%s: status %d", tt.path, status)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: body lacks %q", tt.path, w)
			}
		}
	}
	// An outlet that published nothing: no rate, no bar.
	if _, body, _ := fetch(t, srv.URL+"/?interval=month&norm=docs&outlet=Nobody"); strings.Contains(body, "conflict 2018-") {
		t.Error("a rate drawn without documents")
	}
	if status, _, _ := fetch(t, srv.URL+"/?norm=words"); status != 400 {
		t.Errorf("norm=words: status %d, want 400", status)
	}
}
