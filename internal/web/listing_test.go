package web_test

import (
	"html"
	"net/http"
	"regexp"
	"slices"
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
