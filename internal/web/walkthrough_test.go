package web_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestWalkthrough walks, in Chromium on the example corpus, the question of
// issue 16: "what did the US and Turkey do to each other in 2018, where,
// how did it move, who said it, show me the sentence, give me the CSV",
// from the UI alone. The corpus's 2018 documents (examples/text/2018-*)
// are about the US–Turkey dispute over pastor Brunson. Screenshots
// walk-1-dyad.png … walk-4-document.png go to DYAD_SCREENSHOTS when set.
func TestWalkthrough(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chrome := chromiumPath(t)
	srv, _ := exampleServer(t, "")
	shots := os.Getenv("DYAD_SCREENSHOTS")
	if shots != "" {
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bctx := newBrowser(t, chrome, 90*time.Second)

	open := func(path string) {
		t.Helper()
		if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+path), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
			t.Fatalf("open %s: %v", path, err)
		}
	}
	shot := func(name string) {
		t.Helper()
		if shots == "" {
			return
		}
		png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100)) // 100 gives a PNG, less a JPEG
		if err != nil {
			t.Errorf("screenshot %s: %v", name, err)
			return
		}
		if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
			t.Error(err)
		}
	}
	strs := func(js string) []string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	num := func(js string) int {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	const year = "from=2018-01-01&to=2018-12-31"

	// 1. What, and how it moved: the dyad page for 2018, events both ways,
	// the Goldstein line and a quad chart for each direction.
	dyadPath := "/dyads/USA/TUR?" + year
	open(dyadPath)
	stats := strs(`[document.querySelector("p.stats").textContent]`)[0]
	m := regexp.MustCompile(`(\d+) happenings? USA → TUR .*· (\d+) happenings? TUR → USA`).FindStringSubmatch(stats)
	if m == nil {
		t.Fatalf("%s states %q, want counts both ways", dyadPath, stats)
	}
	ab, _ := strconv.Atoi(m[1])
	ba, _ := strconv.Atoi(m[2])
	if ab == 0 || ba == 0 {
		t.Errorf("%s: %d events USA → TUR and %d TUR → USA, want some each way", dyadPath, ab, ba)
	}
	if n := num(`document.querySelectorAll("figure.goldstein svg a").length`); n == 0 {
		t.Errorf("%s: the Goldstein chart has no point", dyadPath)
	}
	if caps := strs(`Array.from(document.querySelectorAll("figure.chart > figcaption")).map(c => c.textContent)`); !slices.Equal(caps, []string{"USA → TUR", "TUR → USA"}) {
		t.Errorf("%s: quad charts captioned %q", dyadPath, caps)
	}
	t.Logf("1 dyad %s: %d events USA → TUR, %d TUR → USA", dyadPath, ab, ba)
	shot("walk-1-dyad.png")

	// 2. Where: the map of the US's 2018 events (all of them with Turkey in
	// this corpus) places them in Ankara, İzmir and Washington.
	mapPath := "/map?actor=USA&" + year
	open(mapPath)
	cities := strs(`Array.from(document.querySelectorAll("svg.map .cities a title")).map(t => t.textContent)`)
	for _, c := range []string{"Ankara, TUR", "İzmir, TUR", "Washington, USA"} {
		if !slices.ContainsFunc(cities, func(s string) bool { return strings.HasPrefix(s, c+":") }) {
			t.Errorf("%s: no circle for %s among %q", mapPath, c, cities)
		}
	}
	if stats := strs(`[document.querySelector("p.stats").textContent]`)[0]; !strings.HasPrefix(stats, fmt.Sprintf("%d happenings", ab+ba)) {
		t.Errorf("%s states %q, want the dyad's %d events", mapPath, stats, ab+ba)
	}
	t.Logf("2 map %s: %q", mapPath, cities)
	shot("walk-2-map.png")

	// 3. The events, with outlet and who is speaking: follow the dyad
	// page's list of USA → TUR.
	open(dyadPath)
	if err := chromedp.Do(bctx, chromedp.Click(chromedp.CSS(`p.stats a[href*="source=USA"]`)), chromedp.WaitReady(chromedp.CSS("table.events"))); err != nil {
		t.Fatalf("follow the dyad's list: %v", err)
	}
	rows := num(`document.querySelectorAll("table.events tbody tr:not(:has(td.empty))").length`)
	if rows != ab {
		t.Errorf("the USA → TUR list has %d rows, the dyad page counts %d", rows, ab)
	}
	outlets := strs(`Array.from(document.querySelectorAll("table.events tbody tr")).map(r => r.children[7].textContent.trim())`)
	said := strs(`Array.from(document.querySelectorAll("table.events tbody tr")).map(r => r.querySelector("a.actor").title)`)
	for i, o := range outlets {
		if !slices.Contains([]string{"Capital Observer", "The Dyad Wire", "Meridian Post"}, o) {
			t.Errorf("event row %d: outlet %q", i, o)
		}
		if i < len(said) && said[i] == "" {
			t.Errorf("event row %d names no source text", i)
		}
	}
	ids := strs(`Array.from(document.querySelectorAll("table.events a.source")).map(a => new URL(a.href).searchParams.get("event"))`)
	t.Logf("3 events: %d rows, outlets %q, sources %q", rows, outlets, said)
	shot("walk-3-events.png")

	// 5 (before leaving the list). The CSV export link downloads exactly
	// the listed events.
	href := strs(`[document.querySelector("p.exports a.export").href]`)[0]
	if !strings.Contains(href, ".csv") {
		t.Fatalf("the first export link is %s, want the CSV", href)
	}
	resp, err := http.Get(href)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(resp.Body).ReadAll()
	resp.Body.Close()
	if err != nil || len(recs) == 0 {
		t.Fatalf("the CSV export %s does not parse: %v", href, err)
	}
	col := func(name string) int {
		i := slices.Index(recs[0], name)
		if i < 0 {
			t.Fatalf("the CSV has no %s column: %q", name, recs[0])
		}
		return i
	}
	idc, said1, outc := col("id"), col("attributed_to"), col("outlet")
	var got []string
	for _, r := range recs[1:] {
		got = append(got, r[idc])
		if r[said1] == "" || r[outc] == "" {
			t.Errorf("CSV row %s: attributed_to %q, outlet %q", r[idc], r[said1], r[outc])
		}
	}
	slices.Sort(got)
	want := slices.Clone(ids)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("the CSV %s holds events %q, the list %q", href, got, want)
	}
	t.Logf("5 CSV %s: %d events, the list's", href, len(got))

	// 4. The sentence: the first event's source link opens its document
	// with the event selected, its sentence and trigger marked and who
	// said it in the event table.
	if err := chromedp.Do(bctx, chromedp.Click(chromedp.CSS("table.events a.source")), chromedp.WaitReady(chromedp.CSS("article.doctext"))); err != nil {
		t.Fatalf("open the first event's document: %v", err)
	}
	u, err := chromedp.Run(bctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if pu, _ := url.Parse(u); len(ids) == 0 || pu.Query().Get("event") != ids[0] {
		t.Errorf("the document %s does not select the first listed event", u)
	}
	sentence := strs(`[Array.from(document.querySelectorAll("article.doctext mark.sentence")).map(m => m.textContent).join("")]`)
	trigger := strs(`Array.from(document.querySelectorAll("article.doctext mark.selected.trigger")).map(m => m.textContent)`)
	if sentence[0] == "" || len(trigger) != 1 {
		t.Errorf("%s: sentence %q, trigger %q", u, sentence, trigger)
	}
	head := strs(`Array.from(document.querySelectorAll("table.docevents thead th")).map(t => t.textContent)`)
	attr := slices.Index(head, "Attributed to")
	if attr < 0 {
		t.Fatalf("%s: the event table has no Attributed to column: %q", u, head)
	}
	who := strs(fmt.Sprintf(`Array.from(document.querySelectorAll("table.docevents tr.selected")).map(r => r.children[%d].textContent.trim())`, attr))
	if len(who) != 1 || who[0] == "" {
		t.Errorf("%s: the selected event is attributed to %q", u, who)
	}
	t.Logf("4 document %s: sentence %q, trigger %q, attributed to %q", u, sentence, trigger, who)
	shot("walk-4-document.png")
}
