package sqlite

import (
	"strings"

	"github.com/dyad-project/dyad/internal/store"
)

// ftsQuery turns a person's search (see store.ParseSearch) into an FTS5
// expression that cannot be a syntax error: every term reaches FTS5 as a
// quoted string, so punctuation such as "U.S." or a stray quote is just text.
func ftsQuery(q string) (string, error) {
	s, err := store.ParseSearch(q)
	if err != nil {
		return "", err
	}
	quote := func(t store.SearchTerm) string {
		s := `"` + strings.ReplaceAll(t.Text, `"`, `""`) + `"`
		if t.Prefix {
			s += "*"
		}
		return s
	}
	parts := make([]string, len(s.Groups))
	for i, g := range s.Groups {
		alts := make([]string, len(g))
		for j, t := range g {
			alts[j] = quote(t)
		}
		parts[i] = "(" + strings.Join(alts, " OR ") + ")"
	}
	expr := "(" + strings.Join(parts, " AND ") + ")"
	for _, n := range s.Not {
		expr += " NOT " + quote(n)
	}
	return expr, nil
}
