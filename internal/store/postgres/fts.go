package postgres

import (
	"strings"

	"github.com/dyad-project/dyad/internal/store"
)

// tsQuery turns a person's search into an SQL tsquery expression whose
// texts are parameters added to a, so that it can be neither injected nor
// a syntax error. A word or phrase becomes phraseto_tsquery of its text (the
// same parser and stemmer as the indexed column); a prefix becomes
// to_tsquery over its letters and digits only, the last one with :*.
func tsQuery(q string, a *args) (string, error) {
	s, err := store.ParseSearch(q)
	if err != nil {
		return "", err
	}
	expr := func(t store.SearchTerm) string {
		if !t.Prefix {
			return "phraseto_tsquery('english', " + a.add(t.Text) + ")"
		}
		return "to_tsquery('english', " + a.add(strings.Join(store.SearchWords(t.Text), " <-> ")+":*") + ")"
	}
	parts := make([]string, len(s.Groups))
	for i, g := range s.Groups {
		alts := make([]string, len(g))
		for j, t := range g {
			alts[j] = expr(t)
		}
		parts[i] = "(" + strings.Join(alts, " || ") + ")"
	}
	out := strings.Join(parts, " && ")
	for _, n := range s.Not {
		out += " && !!" + expr(n)
	}
	return "(" + out + ")", nil
}
