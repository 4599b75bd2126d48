package postgres

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/dyad-project/dyad/internal/store"
)

// maxQueryTerms bounds the size of a full-text query.
const maxQueryTerms = 64

// term is one element of a person's search.
type term struct {
	text   string
	prefix bool
	not    bool
	or     bool // joined to the previous term by OR
}

// parseQuery reads a person's search with the same rules as the SQLite
// store: words (all must match), "quoted phrases", word* prefixes, OR
// between two terms, and -word to exclude.
func parseQuery(q string) ([]term, error) {
	var terms []term
	orNext := false
	rs := []rune(q)
	for i, r := range rs {
		if unicode.IsControl(r) {
			rs[i] = ' '
		}
	}
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		var t term
		if rs[i] == '-' {
			t.not = true
			i++
		}
		if i < len(rs) && rs[i] == '"' {
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			t.text = string(rs[i+1 : j])
			i = j + 1
		} else {
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) {
				j++
			}
			t.text = string(rs[i:j])
			i = j
			if t.text == "OR" && !t.not {
				orNext = len(terms) > 0
				continue
			}
		}
		if strings.HasSuffix(t.text, "*") {
			t.text = strings.TrimRight(t.text, "*")
			t.prefix = true
		}
		if len(words(t.text)) == 0 {
			continue
		}
		t.or = orNext && !t.not
		orNext = false
		terms = append(terms, t)
		if len(terms) > maxQueryTerms {
			return nil, fmt.Errorf("%w: more than %d search terms", store.ErrBadQuery, maxQueryTerms)
		}
	}
	return terms, nil
}

// words splits s into its runs of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// tsQuery turns a person's search into an SQL tsquery expression whose
// texts are parameters added to a, so that it can be neither injected nor
// a syntax error. A word or phrase becomes phraseto_tsquery of its text (the
// same parser and stemmer as the indexed column); a prefix becomes
// to_tsquery over its letters and digits only, the last one with :*.
func tsQuery(q string, a *args) (string, error) {
	terms, err := parseQuery(q)
	if err != nil {
		return "", err
	}
	expr := func(t term) string {
		if !t.prefix {
			return "phraseto_tsquery('english', " + a.add(t.text) + ")"
		}
		ws := words(t.text)
		return "to_tsquery('english', " + a.add(strings.Join(ws, " <-> ")+":*") + ")"
	}
	var groups [][]string
	var nots []string
	for _, t := range terms {
		switch {
		case t.not:
			nots = append(nots, expr(t))
		case t.or && len(groups) > 0:
			groups[len(groups)-1] = append(groups[len(groups)-1], expr(t))
		default:
			groups = append(groups, []string{expr(t)})
		}
	}
	if len(groups) == 0 {
		return "", fmt.Errorf("%w: %q has no word to search for", store.ErrBadQuery, q)
	}
	parts := make([]string, len(groups))
	for i, g := range groups {
		parts[i] = "(" + strings.Join(g, " || ") + ")"
	}
	s := strings.Join(parts, " && ")
	for _, n := range nots {
		s += " && !!" + n
	}
	return "(" + s + ")", nil
}
