package web_test

import (
	"html"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var (
	rowDate  = regexp.MustCompile(`<td class="date"[^>]*>([^<]*)</td>`)
	pagerRel = regexp.MustCompile(`<a rel="(prev|next)" href="([^"]*)"`)
)

// listPage fetches an event list and returns its rows' dates and its
// previous and next pages' URLs.
func listPage(t *testing.T, base, path string) (body string, dates []string, prev, next string) {
	t.Helper()
	status, body, _ := fetch(t, base+path)
	if status != http.StatusOK {
		t.Fatalf("%s: status %d", path, status)
	}
	for _, m := range rowDate.FindAllStringSubmatch(body, -1) {
		dates = append(dates, m[1])
	}
	for _, m := range pagerRel.FindAllStringSubmatch(body, -1) {
		if m[1] == "prev" {
			prev = html.UnescapeString(m[2])
		} else {
			next = html.UnescapeString(m[2])
		}
	}
	return body, dates, prev, next
}

// TestEventListPages: the event list states its filter's total, lists
// newest first by default, offers oldest first and page sizes, and its
// next and previous links round-trip through the pages.
func TestEventListPages(t *testing.T) {
	srv, _ := fixtureServer(t)
	body, first, prev, next := listPage(t, srv.URL, "/events?status=all&count=mentions&limit=2")
	for _, want := range []string{
		`<strong class="total">5 events</strong> with a date`, "newest first:",
		`<strong aria-current="true">newest first</strong>`, `<a href="/events?count=mentions&amp;limit=2&amp;sort=oldest&amp;status=all">oldest first</a>`,
		`<a href="/events?count=mentions&amp;limit=25&amp;status=all">25</a>`, `<a href="/events?count=mentions&amp;status=all">50</a>`,
		`<a href="/events?count=mentions&amp;limit=250&amp;status=all">250</a>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("first page lacks %q", want)
		}
	}
	if len(first) != 2 || prev != "" || next == "" {
		t.Fatalf("first page: dates %v, prev %q, next %q; want 2 rows, no previous page, a next", first, prev, next)
	}
	var all []string
	all = append(all, first...)
	pages := [][]string{first}
	for next != "" {
		var dates []string
		_, dates, prev, next = listPage(t, srv.URL, next)
		if prev == "" {
			t.Errorf("page %d has no previous page", len(pages))
		}
		pages = append(pages, dates)
		all = append(all, dates...)
	}
	if len(all) != 5 || !slices.IsSortedFunc(all, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("paged dates %v, want 5 newest first", all)
	}
	// Back from the last page to the first.
	for i := len(pages) - 2; i >= 0; i-- {
		var dates []string
		_, dates, prev, _ = listPage(t, srv.URL, prev)
		if !slices.Equal(dates, pages[i]) {
			t.Errorf("back to page %d: %v, want %v", i, dates, pages[i])
		}
	}
	if prev != "" {
		t.Errorf("the first page reached going back links to a previous page %q", prev)
	}
	body, asc, _, _ := listPage(t, srv.URL, "/events?status=all&count=mentions&sort=oldest&limit=250")
	if !strings.Contains(body, `<strong aria-current="true">250</strong>`) || !strings.Contains(body, "oldest first:") {
		t.Error("sort=oldest&limit=250 is not shown as the current order and size")
	}
	slices.Reverse(asc)
	if !slices.Equal(asc, all) {
		t.Errorf("oldest first %v is not newest first %v reversed", asc, all)
	}
}

var rowGold = regexp.MustCompile(`</span></td>\s*<td class="num">([^<]*)</td>`)

// TestEventListByGoldstein: the event list sorts by Goldstein value, most
// conflictual or most cooperative first, offered beside the date orders,
// and pages both ways in that order.
func TestEventListByGoldstein(t *testing.T) {
	srv, _ := fixtureServer(t)
	golds := func(body string) []float64 {
		var out []float64
		for _, m := range rowGold.FindAllStringSubmatch(body, -1) {
			g, err := strconv.ParseFloat(strings.ReplaceAll(m[1], "−", "-"), 64)
			if err != nil {
				t.Fatalf("Goldstein cell %q: %v", m[1], err)
			}
			out = append(out, g)
		}
		return out
	}
	body, _, _, _ := listPage(t, srv.URL, "/events?status=all&count=mentions&limit=2")
	for _, want := range []string{
		`<a href="/events?count=mentions&amp;limit=2&amp;sort=conflict&amp;status=all">most conflictual first</a>`,
		`<a href="/events?count=mentions&amp;limit=2&amp;sort=cooperation&amp;status=all">most cooperative first</a>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the newest-first page lacks %q", want)
		}
	}
	var orders [][]float64
	for _, sort := range []string{"conflict", "cooperation"} {
		body, _, prev, next := listPage(t, srv.URL, "/events?status=all&count=mentions&limit=2&sort="+sort)
		label := map[string]string{"conflict": "most conflictual first", "cooperation": "most cooperative first"}[sort]
		if !strings.Contains(body, `<strong aria-current="true">`+label+`</strong>`) || !strings.Contains(body, label+":") {
			t.Errorf("sort=%s is not shown as the current order", sort)
		}
		if prev != "" || next == "" {
			t.Fatalf("sort=%s first page: prev %q, next %q", sort, prev, next)
		}
		all := golds(body)
		pages := [][]float64{all}
		for next != "" {
			body, _, prev, next = listPage(t, srv.URL, next)
			if prev == "" {
				t.Errorf("sort=%s page %d has no previous page", sort, len(pages))
			}
			pages = append(pages, golds(body))
			all = append(all, pages[len(pages)-1]...)
		}
		for i := len(pages) - 2; i >= 0; i-- {
			body, _, prev, _ = listPage(t, srv.URL, prev)
			if got := golds(body); !slices.Equal(got, pages[i]) {
				t.Errorf("sort=%s back to page %d: %v, want %v", sort, i, got, pages[i])
			}
		}
		orders = append(orders, all)
	}
	if want := []float64{-10, -2, -2, 1, 4}; !slices.Equal(orders[0], want) {
		t.Errorf("most conflictual first: %v, want %v", orders[0], want)
	}
	slices.Reverse(orders[1])
	if !slices.Equal(orders[1], orders[0]) {
		t.Errorf("most cooperative first %v is not most conflictual first %v reversed", orders[1], orders[0])
	}
}
