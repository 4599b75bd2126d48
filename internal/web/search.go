package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/dyad-project/dyad/internal/query"
)

// searchLimit is the number of documents a search page lists.
const searchLimit = 50

// SearchPage lists the documents a full-text query finds: one page of
// them, with the total.
type SearchPage struct {
	Page
	Results query.Results
	From    int    // position of the page's first document, from 1
	To      int    // and of its last
	First   string // URL of the first page, "" on it
	Next    string // URL of the next page, "" on the last
}

// search answers /search?q=…&after=ID&from=N: after is the cursor of a
// page, from only numbers its documents.
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q, after := v.Get("q"), v.Get("after")
	res, err := s.q.Search(r.Context(), q, searchLimit, after)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := SearchPage{Page: Page{Title: "Search", Nav: "search", Q: q}, Results: res, From: 1}
	if after != "" {
		if n, err := strconv.Atoi(v.Get("from")); err == nil && n > 1 {
			p.From = n
		}
		p.First = withQuery("/search", url.Values{"q": {q}})
	}
	p.To = p.From + len(res.Hits) - 1
	if res.Next != "" {
		p.Next = withQuery("/search", url.Values{"q": {q}, "after": {res.Next}, "from": {strconv.Itoa(p.To + 1)}})
	}
	s.render(w, r, http.StatusOK, "search", p)
}
