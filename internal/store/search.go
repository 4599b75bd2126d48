package store

import (
	"fmt"
	"strings"
	"unicode"
)

// maxSearchTerms bounds the size of a full-text query.
const maxSearchTerms = 64

// SearchTerm is one word, phrase or prefix of a person's search.
type SearchTerm struct {
	Text   string // the word or phrase, without quotes or a trailing *
	Prefix bool   // written word*: matches words starting with Text
}

// Search is a person's full-text query in the form every backend renders
// into its own dialect: the groups must all match, any term of a group
// matches it, and no Not term may match.
type Search struct {
	Groups [][]SearchTerm
	Not    []SearchTerm
}

// ParseSearch reads a person's search: words (all must match), "quoted
// phrases", word* prefixes, OR between two terms, and -word to exclude.
// Terms without a letter or digit are dropped, since no index holds them.
// It returns an error wrapping ErrBadQuery when nothing is left to search
// for or the query has more than 64 terms.
func ParseSearch(q string) (Search, error) {
	var s Search
	n := 0
	orNext := false
	rs := []rune(q)
	for i, r := range rs {
		if unicode.IsControl(r) { // NUL would end an FTS5 string early
			rs[i] = ' '
		}
	}
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		var t SearchTerm
		not := false
		if rs[i] == '-' {
			not = true
			i++
		}
		if i < len(rs) && rs[i] == '"' {
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			t.Text = string(rs[i+1 : j])
			i = j + 1
		} else {
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) {
				j++
			}
			t.Text = string(rs[i:j])
			i = j
			if t.Text == "OR" && !not {
				orNext = n > 0
				continue
			}
		}
		if strings.HasSuffix(t.Text, "*") {
			t.Text = strings.TrimRight(t.Text, "*")
			t.Prefix = true
		}
		if len(SearchWords(t.Text)) == 0 {
			continue
		}
		switch {
		case not:
			s.Not = append(s.Not, t)
		case orNext && len(s.Groups) > 0:
			s.Groups[len(s.Groups)-1] = append(s.Groups[len(s.Groups)-1], t)
		default:
			s.Groups = append(s.Groups, []SearchTerm{t})
		}
		orNext = false
		if n++; n > maxSearchTerms {
			return Search{}, fmt.Errorf("%w: more than %d search terms", ErrBadQuery, maxSearchTerms)
		}
	}
	if len(s.Groups) == 0 {
		return Search{}, fmt.Errorf("%w: %q has no word to search for", ErrBadQuery, q)
	}
	return s, nil
}

// SearchWords splits s into its runs of letters and digits.
func SearchWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
