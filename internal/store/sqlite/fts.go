package sqlite

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/dyad-project/dyad/internal/store"
)

// maxQueryTerms bounds the size of a full-text query.
const maxQueryTerms = 64

// ftsQuery turns a person's search into an FTS5 expression that cannot be a
// syntax error. It understands words (all must match), "quoted phrases",
// word* prefixes, OR between two terms, and -word to exclude. Every term
// reaches FTS5 as a quoted string, so punctuation such as "U.S." or a stray
// quote is just text.
func ftsQuery(q string) (string, error) {
	type term struct {
		text   string
		prefix bool
		not    bool
		or     bool // joined to the previous term by OR
	}
	var terms []term
	orNext := false
	rs := []rune(q)
	for i, r := range rs {
		if unicode.IsControl(r) { // NUL ends an FTS5 string early
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
		if !hasWordChar(t.text) {
			continue
		}
		t.or = orNext && !t.not
		orNext = false
		terms = append(terms, t)
		if len(terms) > maxQueryTerms {
			return "", fmt.Errorf("%w: more than %d search terms", store.ErrBadQuery, maxQueryTerms)
		}
	}
	quote := func(t term) string {
		s := `"` + strings.ReplaceAll(t.text, `"`, `""`) + `"`
		if t.prefix {
			s += "*"
		}
		return s
	}
	// Positive terms: OR-joined runs form groups, groups are ANDed.
	var groups [][]string
	var nots []string
	for _, t := range terms {
		switch {
		case t.not:
			nots = append(nots, quote(t))
		case t.or && len(groups) > 0:
			groups[len(groups)-1] = append(groups[len(groups)-1], quote(t))
		default:
			groups = append(groups, []string{quote(t)})
		}
	}
	if len(groups) == 0 {
		return "", fmt.Errorf("%w: %q has no word to search for", store.ErrBadQuery, q)
	}
	parts := make([]string, len(groups))
	for i, g := range groups {
		parts[i] = "(" + strings.Join(g, " OR ") + ")"
	}
	expr := "(" + strings.Join(parts, " AND ") + ")"
	for _, n := range nots {
		expr += " NOT " + n
	}
	return expr, nil
}

// hasWordChar reports whether s has a letter or digit, that is, something
// the FTS tokenizer indexes.
func hasWordChar(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
