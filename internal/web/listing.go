package web

import (
	"net/url"
	"strconv"

	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/store"
)

// Listing is the head and foot of a paged event list: the filter's total,
// its order and page size with links to the others, and the pages before
// and after. Every link keeps the rest of the URL and starts again from
// the first page, except Prev and Next.
type Listing struct {
	Total int    // events of the filter with a date, in the page's unit
	Order string // the current order: "newest first", …
	Sorts []Link // newest, oldest, most conflictual, most cooperative first; the current one without URL
	Sizes []Link // the page sizes; the current one without URL
	Prev  string // URL of the previous page, "" on the first
	Next  string // URL of the next page, "" on the last
}

// Link is one choice of a list: its label and URL, "" when it is the
// current choice.
type Link struct {
	Label string
	URL   string
}

// listOrder returns f in the event list's default order, newest first,
// when its URL parameters v do not ask for one.
func listOrder(f store.EventFilter, v url.Values) store.EventFilter {
	if v.Get("sort") == "" {
		f.Desc = true
	}
	return f
}

// listing makes the Listing of page, listed at path under the filter f
// read from the URL parameters v, with the filter's total.
func listing(path string, v url.Values, f store.EventFilter, page store.EventPage, total int) Listing {
	orders := []struct {
		label        string
		sort         string // the URL's sort parameter, "" for the default
		byGold, desc bool
	}{
		{"newest first", "", false, true},
		{"oldest first", "oldest", false, false},
		{"most conflictual first", "conflict", true, false},
		{"most cooperative first", "cooperation", true, true},
	}
	l := Listing{Total: total}
	link := func(label string, current bool, set func(url.Values)) Link {
		if current {
			return Link{Label: label}
		}
		c := cloneValues(v)
		c.Del("cursor")
		set(c)
		return Link{Label: label, URL: withQuery(path, c)}
	}
	for _, o := range orders {
		current := f.ByGoldstein == o.byGold && f.Desc == o.desc
		if current {
			l.Order = o.label
		}
		l.Sorts = append(l.Sorts, link(o.label, current, func(c url.Values) {
			if o.sort == "" {
				c.Del("sort")
			} else {
				c.Set("sort", o.sort)
			}
		}))
	}
	for _, n := range []int{25, query.DefaultLimit, 100, 250} { // the page sizes offered
		l.Sizes = append(l.Sizes, link(strconv.Itoa(n), store.Limit(f.Limit) == n, func(c url.Values) {
			if n == query.DefaultLimit {
				c.Del("limit")
			} else {
				c.Set("limit", strconv.Itoa(n))
			}
		}))
	}
	at := func(cursor string) string {
		if cursor == "" {
			return ""
		}
		c := cloneValues(v)
		c.Set("cursor", cursor)
		return withQuery(path, c)
	}
	l.Prev, l.Next = at(page.Prev), at(page.Next)
	return l
}
