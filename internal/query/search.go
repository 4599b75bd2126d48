package query

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/store"
)

// Hit is one document found by a search.
type Hit struct {
	ID        string    `json:"id"`
	Title     string    `json:"title,omitempty"`
	Outlet    string    `json:"outlet,omitempty"`
	URL       string    `json:"url,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Snippet   string    `json:"snippet"` // plain text around the first match
	// Parts are the snippet cut into the query's words (Mark) and the
	// text between them, for a page to highlight.
	Parts []Part `json:"-"`
}

// Part is a piece of a snippet; Mark says it is a word of the query.
type Part struct {
	Text string
	Mark bool
}

// Results is one page of a search: the documents found on every page
// (Total), this page's hits, and the cursor of the next page ("" on the
// last).
type Results struct {
	Total int    `json:"total"`
	Hits  []Hit  `json:"documents"`
	Next  string `json:"next,omitempty"`
}

// MaxQuery bounds a search query, in bytes.
const MaxQuery = 512

// snippetLen is the length of a hit's snippet, in bytes (about).
const snippetLen = 240

// Search runs a full-text query over documents, newest first: limit hits
// after the document of the cursor after ("" for the first page), and the
// total found. A malformed query returns an error wrapping
// store.ErrBadQuery; an empty one finds nothing.
func (s *Service) Search(ctx context.Context, q string, limit int, after string) (Results, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return Results{Hits: []Hit{}}, nil
	}
	if len(q) > MaxQuery {
		return Results{}, badf("q", "longer than %d bytes", MaxQuery)
	}
	limit = store.Limit(limit)
	f := store.DocFilter{Query: q, Limit: limit + 1, After: after}
	ds, err := s.st.Documents(ctx, f)
	if err != nil {
		return Results{}, err
	}
	var r Results
	if r.Total, err = s.st.CountDocuments(ctx, f); err != nil {
		return Results{}, err
	}
	if len(ds) > limit {
		ds = ds[:limit]
		r.Next = ds[limit-1].ID
	}
	r.Hits = make([]Hit, 0, len(ds))
	for _, d := range ds {
		sn := Snippet(d.Text, q, snippetLen)
		r.Hits = append(r.Hits, Hit{ID: d.ID, Title: d.Title, Outlet: d.Outlet, URL: d.URL, Published: d.Published, Snippet: sn, Parts: Highlight(sn, q)})
	}
	return r, nil
}

// queryWords returns the words a search looks for, lower-cased, and
// whether each matches as a prefix: the words of its terms, not of its
// excluded ones.
func queryWords(q string) map[string]bool {
	words := map[string]bool{}
	s, err := store.ParseSearch(q)
	if err != nil {
		return words
	}
	for _, g := range s.Groups {
		for _, t := range g {
			ws := store.SearchWords(strings.ToLower(t.Text))
			for i, w := range ws {
				words[w] = words[w] || t.Prefix && i == len(ws)-1
			}
		}
	}
	return words
}

// matches reports whether the word w of a text is one of words.
func matches(words map[string]bool, w string) bool {
	w = strings.ToLower(w)
	for q, prefix := range words {
		if w == q || prefix && strings.HasPrefix(w, q) {
			return true
		}
	}
	return false
}

// eachWord calls fn with the byte range of each run of letters and digits
// in s, until fn returns false.
func eachWord(s string, fn func(start, end int) bool) {
	start := -1
	for i, r := range s {
		in := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			if !fn(start, i) {
				return
			}
			start = -1
		}
	}
	if start >= 0 {
		fn(start, len(s))
	}
}

// Snippet returns about n bytes of text around the first word of q found
// in it (whole words, case-insensitively, a prefix for word*), or the
// text's start, cut at word boundaries where the text has spaces within
// reach, with runs of white space made one space and "…" where text was
// left out.
func Snippet(text, q string, n int) string {
	words := queryWords(q)
	at := 0
	eachWord(text, func(start, end int) bool {
		if matches(words, text[start:end]) {
			at = start
			return false
		}
		return true
	})
	start := 0
	if at > n/3 {
		start = at - n/3
	}
	end := min(len(text), start+n)
	for start > 0 && !utf8.RuneStart(text[start]) {
		start--
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	// Word boundaries: start after a space before the match, end at a
	// space after it.
	if start > 0 {
		if i := strings.IndexFunc(text[start:max(start, at)], unicode.IsSpace); i >= 0 {
			start += i
		}
	}
	if end < len(text) {
		if i := strings.LastIndexFunc(text[max(start, at):end], unicode.IsSpace); i > 0 {
			end = max(start, at) + i
		}
	}
	out := strings.Join(strings.Fields(text[start:end]), " ")
	if start > 0 {
		out = "…" + out
	}
	if end < len(text) {
		out += "…"
	}
	return out
}

// Highlight cuts a snippet into the words of q found in it (whole words,
// case-insensitively, prefixes for word*) and the text between them.
func Highlight(snippet, q string) []Part {
	words := queryWords(q)
	var parts []Part
	last := 0
	eachWord(snippet, func(start, end int) bool {
		if matches(words, snippet[start:end]) {
			if start > last {
				parts = append(parts, Part{Text: snippet[last:start]})
			}
			parts = append(parts, Part{Text: snippet[start:end], Mark: true})
			last = end
		}
		return true
	})
	if last < len(snippet) {
		parts = append(parts, Part{Text: snippet[last:]})
	}
	return parts
}
