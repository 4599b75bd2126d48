package sqlite

import (
	"strings"

	"github.com/dyad-project/dyad/internal/store"
)

// dayTable returns the smallest per-day summary of migrations 0014 and 0016 that
// answers f, with the condition on its key and the key's value: the whole
// store (event_totals) when store.TotalsSummarized(f), an actor key
// (actor_days) when store.ActorSummarized(f), a CAMEO code or root
// (code_days, which keeps a code and a root of the same value apart) when
// store.CodeSummarized(f), a country or a city (place_days, migration
// 0016) when store.PlacesSummarized(f) and f names either. ok is false
// when none does.
func dayTable(f store.EventFilter) (table string, key []string, keyArgs []any, ok bool) {
	switch {
	case store.TotalsSummarized(f):
		return "event_totals", nil, nil, true
	case store.ActorSummarized(f):
		return "actor_days", []string{"e.actor = ?"}, []any{f.Actor}, true
	case store.CodeSummarized(f):
		// A code under a root is its code's row (the shared rule has a
		// code lie under one root); a root alone is its root's row.
		key, root := store.CodeKey(f)
		return "code_days", []string{"e.code = ?", "e.is_root = ?"}, []any{key, root}, true
	case store.PlacesSummarized(f) && (f.Country != "" || f.City != ""):
		key, keyArgs := placeKeyConds(f)
		return "place_days", key, keyArgs, true
	}
	return "", nil, nil, false
}

// placeKeyConds returns the conditions on place_days' rows e that hold f's
// country and city, and their values. A city without a country is sought
// in place_days_city, which holds only the rows of a city (its WHERE is
// city <> ”, which the query must name for SQLite to use it).
func placeKeyConds(f store.EventFilter) (conds []string, args []any) {
	if f.Country != "" {
		conds, args = append(conds, "e.location_country = ?"), append(args, f.Country)
	}
	if f.City != "" {
		conds, args = append(conds, "e.city = ?"), append(args, f.City)
		if f.Country == "" {
			conds = append(conds, "e.city <> ''")
		}
	}
	return conds, args
}

// selectSmaller is selectDays over the smaller per-day summary dayTable
// chooses for f: a SELECT of cols over its rows e (columns date, quad,
// status and the four counts) that count f's events and meet the extra
// conditions. ok is false when no such table answers f.
func selectSmaller(f store.EventFilter, cols string, extra []string, extraArgs ...any) (q string, args []any, ok bool) {
	table, conds, args, ok := dayTable(f)
	if !ok {
		return "", nil, false
	}
	if f.Quad != 0 {
		conds = append(conds, "e.quad = ?")
		args = append(args, f.Quad)
	}
	conds, args = statusDates(f, conds, args)
	if f.Anchors() {
		conds = append(conds, "e.happenings > 0")
	}
	conds = append(conds, extra...)
	args = append(args, extraArgs...)
	return "SELECT " + cols + " FROM " + table + " e WHERE " + strings.Join(conds, " AND ") + noFlatten, args, true
}
