package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	actorsdata "github.com/dyad-project/dyad/data/actors"
	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/api"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/pipeline"
	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/sqlite"
	"github.com/dyad-project/dyad/internal/testenv"
	"github.com/dyad-project/dyad/internal/web"
)

// need skips the test with why, or fails it under CI=true.
func need(t *testing.T, format string, args ...any) {
	t.Helper()
	testenv.Need(t, fmt.Sprintf(format, args...))
}

// chromiumPath returns DYAD_CHROMIUM, else chromium from PATH.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("DYAD_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("DYAD_CHROMIUM=%s: %v", p, err)
		}
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	need(t, "no Chromium: install chromium or set DYAD_CHROMIUM to run the browser tests")
	return ""
}

func repoRoot(t *testing.T) string {
	t.Helper()
	return testenv.RepoRoot(t)
}

func analyzer(a *analysis.Analyzer) pipeline.Analyzer {
	return func(d doc.Document) store.Analysis {
		r := a.Analyze(d)
		return store.Analysis{Annotations: r.Annotations, Events: r.Events, Diagnostics: r.Diagnostics, Skipped: r.Skipped}
	}
}

// exampleServer builds a database from the example corpus through the
// pipeline with the full analysis, and serves it with ingestion on.
func exampleServer(t *testing.T, token string) (*httptest.Server, store.Store) {
	t.Helper()
	ctx := context.Background()
	examples := filepath.Join(repoRoot(t), "examples")
	if _, err := os.Stat(examples); err != nil {
		t.Fatalf("example corpus: %v", err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "examples.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	a, err := analysis.New(analysis.Options{})
	if err != nil {
		t.Fatalf("analysis: %v", err)
	}
	start := time.Now()
	sum, err := pipeline.Run(ctx, db, []string{examples}, pipeline.Options{Analyze: analyzer(a)})
	if err != nil {
		t.Fatalf("ingesting the examples: %v", err)
	}
	stats, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("example corpus: %d documents, %d events, %d failures in %v", stats.Documents, stats.Events, sum.Failed, time.Since(start).Round(time.Millisecond))
	if stats.Events == 0 {
		t.Fatalf("the example corpus gave no events")
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	dict, err := actorsdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	h, err := web.App(api.Config{Query: query.New(db, query.WithDictionary(dict)), Log: logger, Metrics: api.NewMetrics(time.Now()),
		Token: token, Ingest: api.PipelineIngester(db, analyzer(a))}, 1<<20, 20*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, db
}

// problems collects what the browser reports that a page must not do.
type problems struct {
	mu   sync.Mutex
	list []string
}

func (p *problems) add(s string) {
	p.mu.Lock()
	p.list = append(p.list, s)
	p.mu.Unlock()
}

func (p *problems) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.list
	p.list = nil
	return out
}

// newBrowser starts a headless Chromium at chrome for one test, stopped
// when the test ends or after timeout, and returns its tab's context.
func newBrowser(t *testing.T, chrome string, timeout time.Duration) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	return bctx
}

func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chrome := chromiumPath(t)
	const token = "browser-test-token-0123456789"
	srv, db := exampleServer(t, token)

	// Screenshots go to DYAD_SCREENSHOTS, to keep them for review, else to
	// the test's temporary directory.
	shots := os.Getenv("DYAD_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
		t.Logf("screenshots in %s (removed after the test; set DYAD_SCREENSHOTS=dir to keep them)", shots)
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	} else {
		t.Logf("screenshots in %s", shots)
	}
	// The whole walk takes about 40 s on an idle 2-core machine; the bound
	// is for a hung browser, with room for a loaded machine (a CI run with
	// other work on the cores took over 100 s).
	bctx := newBrowser(t, chrome, 300*time.Second)

	var bad problems
	if err := chromedp.Listen(bctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				bad.add(fmt.Sprintf("console.%s", e.Type))
			}
		case *runtime.EventExceptionThrown:
			bad.add("exception: " + e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				bad.add("log error: " + e.Entry.Text + " " + e.Entry.URL)
			}
		case *page.EventJavascriptDialogOpening:
			bad.add("JavaScript dialog: " + e.Message)
		}
	}); err != nil {
		t.Fatalf("starting Chromium at %s: %v", chrome, err)
	}

	n := 0
	visit := func(path string) {
		t.Helper()
		if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+path), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
			t.Fatalf("open %s: %v", path, err)
		}
		shoot(t, bctx, shots, &n, path)
		for _, p := range bad.take() {
			t.Errorf("%s: %s", path, p)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	eval := func(js string) int {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	// open loads path without a screenshot, reporting what the browser
	// complains of.
	open := func(path string) {
		t.Helper()
		if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+path), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
			t.Fatalf("open %s: %v", path, err)
		}
		for _, p := range bad.take() {
			t.Errorf("%s: %s", path, p)
		}
	}
	// total is the number of events the events page states for its filter.
	total := func() int {
		t.Helper()
		s := strings.Fields(text("strong.total"))
		n, err := strconv.Atoi(strings.ReplaceAll(s[0], ",", ""))
		if err != nil {
			t.Fatalf("the events page states its total as %q", text("strong.total"))
		}
		return n
	}
	// bars returns the links of the bars of the chart in the figure picked
	// by the JavaScript expression fig, each with the count its tooltips
	// give: the sum of its layers.
	bars := func(fig string) map[string]int {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Evaluate[[][]string](`Array.from((`+fig+`).querySelectorAll("svg a")).map(a => [a.getAttribute("href"),
			String(Array.from(a.querySelectorAll("title")).reduce((n, t) => n + Number(t.textContent.split(": ").pop()), 0))])`))
		if err != nil {
			t.Fatalf("the bars of %s: %v", fig, err)
		}
		out := map[string]int{}
		for _, b := range v {
			n, err := strconv.Atoi(b[1])
			if err != nil || n < 0 {
				t.Errorf("the bar linking %s counts %q events in its tooltips", b[0], b[1])
			}
			out[b[0]] = n
		}
		if len(out) == 0 {
			t.Errorf("%s: no bar links to its events", fig)
		}
		return out
	}
	// lands follows a chart's link and checks that the events page lists
	// exactly the n events its tooltip counts.
	lands := func(what, link string, n int) {
		t.Helper()
		if n <= 0 {
			t.Errorf("%s: the tooltip of %s counts no events", what, link)
		}
		open(link + "&limit=1000")
		if got, rows := total(), eval(`document.querySelectorAll("table.events tbody tr:not(:has(td.empty))").length`); got != n || rows != min(n, 1000) {
			t.Errorf("%s: %s states %d events and lists %d; the tooltip counts %d", what, link, got, rows, n)
		}
	}
	// most returns the link of the bar with the most events.
	most := func(bs map[string]int) (string, int) {
		link, n := "", -1
		for l, c := range bs {
			if c > n || c == n && l < link {
				link, n = l, c
			}
		}
		return link, n
	}
	location := func() *url.URL {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		u, err := url.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}

	// Every page, starting from the overview; then follow a dyad link.
	visit("/")
	// The overview's busiest bar lands on exactly the events it counts.
	link, count := most(bars(`document.querySelector("figure.chart")`))
	lands("the overview's volume chart", link, count)
	open("/")
	if eval(`document.querySelectorAll("table.dyads a.dyad").length`) == 0 {
		t.Fatal("the overview lists no dyad")
	}
	if err := chromedp.Do(bctx, chromedp.Click(chromedp.CSS("table.dyads a.dyad")), chromedp.WaitReady(chromedp.CSS("figure.goldstein svg"))); err != nil {
		t.Fatalf("follow a dyad link: %v", err)
	}
	dyadPath := location().Path
	if !strings.HasPrefix(dyadPath, "/dyads/") {
		t.Fatalf("the dyad link led to %s", dyadPath)
	}
	visit(dyadPath)
	if eval(`document.querySelectorAll("figure.chart svg a").length`) == 0 {
		t.Errorf("%s: no chart point links to its events", dyadPath)
	}
	// Chart links land on the right events, in both directions: the
	// busiest bar of each quad chart, and a point of each direction's
	// Goldstein line, which links to the events its period's bar counts.
	dirs, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("figure.chart > figcaption")).map(c => c.textContent)`))
	if err != nil || len(dirs) != 2 || dirs[0] == dirs[1] {
		t.Fatalf("%s: the quad charts are captioned %q (%v), want one for each direction", dyadPath, dirs, err)
	}
	quad := make([]map[string]int, 2)
	for i := range dirs {
		quad[i] = bars(fmt.Sprintf(`document.querySelectorAll("figure.chart > figcaption")[%d].parentElement`, i))
	}
	for i, dir := range dirs {
		link, count := most(quad[i])
		lands(dyadPath+" "+dir+" quad chart", link, count)
	}
	open(dyadPath)
	points, err := chromedp.Run(bctx, chromedp.Evaluate[[][]string](`Array.from(document.querySelectorAll("figure.goldstein svg a")).map(a => [a.getAttribute("href"), a.querySelector("title").textContent])`))
	if err != nil {
		t.Fatal(err)
	}
	var follow [2]string
	for _, p := range points {
		i := slices.IndexFunc(dirs, func(d string) bool { return strings.HasPrefix(p[1], d+" ") })
		if i < 0 {
			t.Errorf("%s: the Goldstein point %q is of neither direction", dyadPath, p[1])
			continue
		}
		if _, ok := quad[i][p[0]]; !ok {
			t.Errorf("%s: the Goldstein point %q links %s, which no bar of its direction links", dyadPath, p[1], p[0])
		} else if follow[i] == "" || quad[i][p[0]] > quad[i][follow[i]] {
			follow[i] = p[0]
		}
	}
	for i, link := range follow {
		if link == "" {
			t.Errorf("%s: no Goldstein point of %s", dyadPath, dirs[i])
			continue
		}
		lands(dyadPath+" "+dirs[i]+" Goldstein point", link, quad[i][link])
	}
	a := strings.Split(dyadPath, "/")[2]
	visit("/actors/" + a)
	if eval(`document.querySelectorAll("svg.network circle").length`) < 2 {
		t.Errorf("actor %s: the ego network has fewer than two nodes", a)
	}
	visit("/actors/IRNGOV")
	if eval(`document.querySelectorAll("table.dictroles tbody tr").length`) == 0 {
		t.Errorf("/actors/IRNGOV lists no roles from the actor dictionary")
	}
	visit("/events")
	visit("/search?q=ceasefire")
	visit("/map")
	if n := eval(`document.querySelectorAll("svg.map .countries path").length`); n < 150 {
		t.Errorf("/map draws %d countries", n)
	}
	if eval(`document.querySelectorAll("svg.map .countries a").length`) == 0 || eval(`document.querySelectorAll("svg.map .cities a").length`) == 0 {
		t.Error("/map links no country or no city to its events")
	}
	// a city's link lists exactly the events the map counts there
	city, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`(() => { const a = document.querySelector("svg.map .cities a");
		return [a.getAttribute("href"), a.querySelector("title").textContent]; })()`))
	if err != nil || len(city) != 2 {
		t.Fatalf("/map: the first city: %v %v", city, err)
	}
	visit(city[0] + "&limit=1000")
	listed, want := eval(`document.querySelectorAll("table.events tbody tr:not(:has(td.empty))").length`), ""
	if listed == 1 {
		want = ": 1 happening"
	} else {
		want = fmt.Sprintf(": %d happenings", listed)
	}
	if !strings.HasSuffix(city[1], want) {
		t.Errorf("%s lists %d events; the map said %q", city[0], listed, city[1])
	}
	visit("/events?status=all")

	// Every page at a wide and a narrow width: no horizontal overflow of
	// the page, no console error, a screenshot of each for review. The
	// document is opened with an event selected, as the event lists link it.
	docLink, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector("table.events a.source").getAttribute("href")`))
	if err != nil || !strings.Contains(docLink, "?event=") {
		t.Fatalf("the event list's source link %q selects no event: %v", docLink, err)
	}
	pages := []struct{ name, path string }{{"overview", "/"}, {"events", "/events"}, {"actor", "/actors/" + a}, {"dyad", dyadPath},
		{"document", docLink}, {"search", "/search?q=ceasefire"}, {"map", "/map"}, {"network", "/network"}, {"error", "/actors/NOSUCHACTOR"}}
	for _, width := range []int64{1400, 390} {
		if err := chromedp.Do(bctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatal(err)
		}
		for _, pg := range pages {
			if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+pg.path), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
				t.Fatalf("open %s at %d px: %v", pg.path, width, err)
			}
			if over := eval(`document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
				t.Errorf("%s at %d px overflows the page by %d px", pg.path, width, over)
			}
			shoot(t, bctx, shots, &n, fmt.Sprintf("%s-%d", pg.name, width))
			for _, p := range bad.take() {
				// the error page is served with its status, which Chromium logs
				if pg.name == "error" && strings.Contains(p, "status of 404") {
					continue
				}
				t.Errorf("%s at %d px: %s", pg.path, width, p)
			}
		}
		if eval(`document.querySelectorAll("p.error, h1").length`) == 0 {
			t.Errorf("the error page at %d px says nothing", width)
		}
		// The selected event: its sentence, its words and its open why; the
		// event table beside the text when wide, below it when narrow.
		if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+docLink), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
			t.Fatal(err)
		}
		if eval(`document.querySelectorAll("article.doctext mark.sentence").length`) == 0 || eval(`document.querySelectorAll("article.doctext mark.selected.trigger").length`) != 1 ||
			eval(`document.querySelectorAll("table.docevents tr.selected").length`) != 1 || eval(`document.querySelectorAll("table.docevents details[open]").length`) > 1 {
			t.Errorf("%s: the selected event's sentence, trigger or row is not picked out", docLink)
		}
		beside := eval(`(() => { const t = document.querySelector("article.doctext").getBoundingClientRect(),
			e = document.querySelector("table.docevents").getBoundingClientRect(); return e.left >= t.right && e.top < t.bottom ? 1 : e.top >= t.bottom ? 0 : -1; })()`)
		if want := map[int64]int{1400: 1, 390: 0}[width]; beside != want {
			t.Errorf("%s at %d px: the event table is placed %d (1 beside the text, 0 below it), want %d", docLink, width, beside, want)
		}
	}
	if err := chromedp.Do(bctx, chromedp.EmulateReset()); err != nil {
		t.Fatal(err)
	}

	// Filters round-trip through the URL: a filtered URL fills the form,
	// and sending the form unchanged gives the same filter back.
	filtered := url.Values{"actor": {a}, "from": {"2000-01-01"}, "to": {"2030-12-31"}}
	visit("/events?" + filtered.Encode())
	for k, v := range filtered {
		if got := eval(fmt.Sprintf(`document.querySelector('form.filters [name=%q]').value === %q ? 1 : 0`, k, v[0])); got != 1 {
			t.Errorf("/events?%s: the form's %s is not %q", filtered.Encode(), k, v[0])
		}
	}
	if err := chromedp.Do(bctx, chromedp.Click(chromedp.CSS(`form.filters button[type="submit"]`))); err != nil {
		t.Fatalf("send the filled form: %v", err)
	}
	u := location()
	for deadline := time.Now().Add(10 * time.Second); u.Query().Get("from") == "" && u.RawQuery == filtered.Encode() && time.Now().Before(deadline); u = location() {
		time.Sleep(50 * time.Millisecond)
	}
	for k, v := range filtered {
		if u.Query().Get(k) != v[0] {
			t.Errorf("the filled form sent %s, lost %s=%s", u, k, v[0])
		}
	}

	// The network at a wide and a narrow width: the page does not overflow,
	// every edge links to a dyad of two different actors, and the first
	// edge's dyad page has events.
	for _, width := range []int64{1400, 390} {
		if err := chromedp.Do(bctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatal(err)
		}
		visit("/network")
		if n := eval(`document.querySelectorAll("svg.graph .nodes circle").length`); n < 2 {
			t.Errorf("/network at %d px draws %d actors", width, n)
		}
		if n := eval(`document.querySelectorAll("svg.graph .edges a").length`); n == 0 {
			t.Errorf("/network at %d px draws no edge linking to its dyad", width)
		}
		if n := eval(`Array.from(document.querySelectorAll("svg.graph .edges a")).filter(a => {
			const p = new URL(a.getAttribute("href"), location.href).pathname.split("/"); return p[1] !== "dyads" || p[2] === p[3]; }).length`); n != 0 {
			t.Errorf("/network: %d edges do not link to a dyad of two actors", n)
		}
		if over := eval(`document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
			t.Errorf("/network at %d px overflows by %d px", width, over)
		}
	}
	t.Logf("/network: %d actors, %d edges, an SVG of %d characters", eval(`document.querySelectorAll("svg.graph .nodes circle").length`),
		eval(`document.querySelectorAll("svg.graph .edges path").length`), eval(`document.querySelector("svg.graph").outerHTML.length`))
	if err := chromedp.Do(bctx, chromedp.EmulateReset()); err != nil {
		t.Fatal(err)
	}
	edge, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector("svg.graph .edges a").getAttribute("href")`))
	if err != nil {
		t.Fatal(err)
	}
	visit(edge)
	if eval(`document.querySelectorAll("figure.goldstein svg").length`) == 0 {
		t.Errorf("the network's edge %s leads to no dyad page", edge)
	}
	visit("/network?actor=" + a + "&count=mentions")
	if eval(`document.querySelectorAll("svg.graph .nodes circle").length`) < 2 {
		t.Errorf("/network?actor=%s draws fewer than two actors", a)
	}

	// Filter events with the form.
	visit("/events")
	if err := chromedp.Do(bctx,
		chromedp.SetValue(chromedp.CSS(`form.filters input[name="actor"]`), a),
		chromedp.Click(chromedp.CSS(`form.filters button[type="submit"]`)),
	); err != nil {
		t.Fatalf("filter form: %v", err)
	}
	// Wait for the filtered page: the old one also has a footer.
	u = location()
	for deadline := time.Now().Add(10 * time.Second); u.Query().Get("actor") == "" && time.Now().Before(deadline); u = location() {
		time.Sleep(50 * time.Millisecond)
	}
	// The URL changes before the new page has loaded: a wait that starts
	// on the old document is cut by the navigation, so it is retried.
	for tries := 0; ; tries++ {
		err := chromedp.Do(bctx, chromedp.WaitReady(chromedp.CSS("footer")))
		if err == nil {
			break
		}
		if tries == 20 || !strings.Contains(err.Error(), "navigated or closed") {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if u.Query().Get("actor") != a || u.Query().Has("code") {
		t.Errorf("the filter form led to %s, want actor=%s and no empty fields", u, a)
	}
	rows := eval(`document.querySelectorAll("table.events tbody tr").length`)
	matching := eval(fmt.Sprintf(`Array.from(document.querySelectorAll("table.events tbody tr")).filter(r => Array.from(r.querySelectorAll("a.actor")).some(x => x.textContent.startsWith(%q))).length`, a))
	if rows == 0 || matching != rows {
		t.Errorf("filtered by actor %s: %d rows, %d of them name the actor", a, rows, matching)
	}
	shoot(t, bctx, shots, &n, "events-filtered")

	// Download the CSV of the filtered events: it parses, holds at least
	// the rows of the page and only events of the actor.
	downloads := t.TempDir()
	dctx, dcancel := context.WithTimeout(bctx, 20*time.Second)
	progress := chromedp.Events(dctx, browser.DownloadProgress)
	if err := chromedp.Do(bctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		on := true
		_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: &on})
		return err
	}), chromedp.Click(chromedp.CSS("p.exports a.export"))); err != nil {
		t.Fatalf("click the CSV export: %v", err)
	}
	var csvPath string
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("downloading the CSV export: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("the CSV export download was canceled")
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			csvPath = filepath.Join(downloads, ev.GUID)
			break
		}
	}
	dcancel()
	f, err := os.Open(csvPath)
	if err != nil {
		t.Fatalf("the CSV export: %v", err)
	}
	records, err := csv.NewReader(f).ReadAll()
	f.Close()
	stated := total()
	if stated > api.DefaultMaxExport {
		stated = api.DefaultMaxExport
	}
	if err != nil || len(records) != stated+1 || len(records) < rows+1 || records[0][0] != "id" {
		t.Fatalf("the CSV export: %v, %d records for %d events the page states, %d rows on it", err, len(records), stated, rows)
	}
	ids := map[string]bool{}
	for _, r := range records[1:] {
		ids[r[0]] = true
	}
	for _, r := range records[1:] {
		if !strings.HasPrefix(r[5], a) && !strings.HasPrefix(r[8], a) {
			t.Errorf("the CSV export of actor %s holds %s → %s", a, r[5], r[8])
		}
	}
	t.Logf("CSV export of actor %s: %d events", a, len(records)-1)

	// Every other export of the page, fetched from its own links, parses
	// and holds the events the page states, the CSV's.
	got, err := chromedp.Run(bctx, chromedp.Evaluate[[][]string](`Promise.all(Array.from(document.querySelectorAll("p.exports a.export")).map(a =>
		fetch(a.href).then(r => r.text().then(t => [a.textContent, a.getAttribute("href"), String(r.status), t]))))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("fetch the exports: %v", err)
	}
	formats := map[string]bool{}
	for _, x := range got {
		name, link, status, body := x[0], x[1], x[2], x[3]
		formats[name] = true
		if status != "200" {
			t.Errorf("the %s export %s: status %s", name, link, status)
			continue
		}
		lines := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
		if body == "" {
			lines = nil
		}
		if name == "CSV" && len(lines) > 0 {
			lines = lines[1:] // the header; the download is parsed above
		}
		if len(lines) != stated {
			t.Errorf("the %s export %s holds %d lines for the %d events the page states", name, link, len(lines), stated)
		}
		for i, line := range lines {
			var id string
			switch name {
			case "CSV":
				continue // downloaded and checked above
			case "JSON Lines", "PLOVER":
				var e struct {
					ID    string          `json:"id"`
					Date  string          `json:"date"`
					Event json.RawMessage `json:"event"`
				}
				if err := json.Unmarshal([]byte(line), &e); err != nil || e.ID == "" {
					t.Errorf("the %s export, line %d: %v, no id: %.100s", name, i+1, err, line)
					continue
				}
				if name == "PLOVER" {
					// an event of no PLOVER type has an empty list
					var ev []string
					if json.Unmarshal(e.Event, &ev) != nil || ev == nil || e.Date == "" {
						t.Errorf("the PLOVER export, line %d: no event or date: %.100s", i+1, line)
					}
				}
				id = e.ID
			case "GDELT":
				if cols := strings.Split(line, "\t"); len(cols) != 61 {
					t.Errorf("the GDELT export, line %d: %d columns, want 61", i+1, len(cols))
				}
				continue
			default:
				t.Errorf("an export named %q", name)
				continue
			}
			if !ids[id] {
				t.Errorf("the %s export holds %s, which the CSV does not", name, id)
			}
		}
	}
	for _, name := range []string{"CSV", "JSON Lines", "GDELT", "PLOVER"} {
		if !formats[name] {
			t.Errorf("the events page does not link the %s export", name)
		}
	}

	// Open an event's document from the list and check its spans.
	if err := chromedp.Do(bctx, chromedp.Click(chromedp.CSS("table.events a.source")), chromedp.WaitReady(chromedp.CSS("article.doctext"))); err != nil {
		t.Fatalf("open a document from the event list: %v", err)
	}
	docURL := location()
	if docURL.Fragment == "" || !strings.HasPrefix(docURL.Path, "/documents/") {
		t.Errorf("the source link %s names no span anchor", docURL)
	}
	if eval(fmt.Sprintf(`document.getElementById(%q) ? 1 : 0`, docURL.Fragment)) != 1 {
		t.Errorf("the anchor #%s is not in the document page", docURL.Fragment)
	}
	visit(docURL.Path)
	for _, kind := range []string{"actor", "trigger"} {
		if eval(`document.querySelectorAll("article.doctext mark.`+kind+`").length`) == 0 {
			t.Errorf("%s: no highlighted %s span", docURL.Path, kind)
		}
	}
	if eval(`document.querySelectorAll("table.docevents tbody tr .status").length`) == 0 {
		t.Errorf("%s: no event with a status", docURL.Path)
	}

	// Ingest through the API, then find the document in the UI.
	posted := post(t, srv.URL, token, "application/json", `{"title":"Posted through the API","outlet":"Browser Test","date":"2024-05-06",
		"text":"Zanzibarian observers said on Monday that Kenya recalled its ambassador to Uganda. Uganda did not expel Kenyan diplomats."}`)
	visit("/search?q=Zanzibarian")
	if eval(fmt.Sprintf(`document.querySelectorAll('ol.hits a[href="/documents/%s"]').length`, posted.ID)) != 1 {
		t.Errorf("search does not list the posted document %s", posted.ID)
	}
	visit("/documents/" + posted.ID)
	if got := text("h1"); got != "Posted through the API" {
		t.Errorf("posted document title = %q", got)
	}
	t.Logf("posted document: %s, %d events, status %s", posted.ID, posted.Events, posted.Status)

	// Hostile markup renders as text: no dialog, no element made of it.
	hostile := "The <script>alert(1)</script> payload and <img src=x onerror=alert(1)> were posted; Kenya recalled its ambassador to Uganda on 7 May 2024."
	body, _ := json.Marshal(map[string]string{"title": "<img src=x onerror=alert(2)> title", "text": hostile, "outlet": "<script>alert(3)</script>"})
	x := post(t, srv.URL, token, "application/json", string(body))
	visit("/documents/" + x.ID)
	if got := text("article.doctext"); got != hostile {
		t.Errorf("the hostile text shows as %q, want it verbatim", got)
	}
	if n := eval(`document.querySelectorAll("main img, main script, article img").length`); n != 0 {
		t.Errorf("the hostile document made %d img/script elements", n)
	}
	if eval(`window.__dyadPwned ? 1 : 0`) != 0 {
		t.Error("script ran")
	}
	visit("/search?q=payload")
	visit("/")
	if d, err := db.Stats(context.Background()); err == nil {
		t.Logf("after the test: %d documents, %d events", d.Documents, d.Events)
	}
}

func shoot(t *testing.T, ctx context.Context, dir string, n *int, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot of %s: %v", name, err)
		return
	}
	*n++
	safe := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '_'
	}, strings.ToLower(name))
	if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d-%s.png", *n, safe)), png, 0o644); err != nil {
		t.Error(err)
	}
}

func post(t *testing.T, base, token, ct, body string) api.IngestResult {
	t.Helper()
	req, err := http.NewRequest("POST", base+"/api/documents", bytes.NewBufferString(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST /api/documents: %d %s", resp.StatusCode, b)
	}
	var r api.IngestResult
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}
