// Package query answers the questions the JSON API and the web UI share:
// events under a filter, a dyad's time series, the network of a period, an
// actor's profile, a document with its spans, and full-text search. It
// reads through store.Store and shapes the results; it holds no SQL.
package query

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// ErrBadFilter is returned for a filter parameter that is malformed or out
// of range; the message names the parameter.
var ErrBadFilter = errors.New("bad filter")

// MaxParam bounds the length of any one filter value, in bytes.
const MaxParam = 512

// DefaultLimit is the page size of an event list when none is asked for.
const DefaultLimit = 50

// FilterParams returns the URL parameters ParseEventFilter reads, in the
// order forms show them (a new slice each call).
func FilterParams() []string {
	return []string{"actor", "source", "target", "dyad", "code", "root", "quad", "plover", "status", "from", "to", "country", "city", "outlet", "q", "count", "limit", "sort", "cursor"}
}

// AllStatuses returns the statuses an event can have, counted ones first
// (a new slice each call).
func AllStatuses() []event.Status {
	return []event.Status{event.Asserted, event.Reported, event.Negated, event.Hypothetical, event.Future, event.Denied}
}

func badf(param, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrBadFilter, param, fmt.Sprintf(format, args...))
}

// actorCode checks an actor code (or code prefix): letters and digits only.
func actorCode(param, v string) (string, error) {
	v = strings.ToUpper(strings.TrimSpace(v))
	if v == "" {
		return "", badf(param, "empty actor code")
	}
	for _, r := range v {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return "", badf(param, "actor code %q may hold only letters and digits", v)
		}
	}
	return v, nil
}

// ParseDate checks a YYYY-MM-DD date.
func ParseDate(param, v string) (string, error) {
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		return "", badf(param, "%q is not a date YYYY-MM-DD", v)
	}
	return v, nil
}

// ParseEventFilter reads an event filter from URL parameters: actor,
// source, target (actor code prefixes), dyad=A,B (source A, target B), code
// (CAMEO code), root (two digits), quad (1-4), plover, status (a
// comma-separated list, or "all"), from and to (YYYY-MM-DD, inclusive),
// country (ISO alpha-3 code of where the events happened), city (the exact
// name of the city where they happened), outlet, q
// (full text), count (happenings, the default: each happening once, by its
// first report; or mentions: every event), limit (1..store.MaxLimit,
// default DefaultLimit), sort (oldest, the default: oldest first; newest:
// newest first; conflict: by Goldstein value, most conflictual first, ties
// oldest first; cooperation: most cooperative first, ties newest first) and
// cursor. Empty parameters do
// not filter. Errors wrap ErrBadFilter.
func ParseEventFilter(v url.Values) (store.EventFilter, error) {
	f := store.EventFilter{Limit: DefaultLimit}
	var errs []error
	get := func(name string) string {
		s := strings.TrimSpace(v.Get(name))
		if len(s) > MaxParam {
			errs = append(errs, badf(name, "longer than %d bytes", MaxParam))
			return ""
		}
		if !utf8.ValidString(s) {
			errs = append(errs, badf(name, "not UTF-8"))
			return ""
		}
		return s
	}
	code := func(name string, dst *string) {
		if s := get(name); s != "" {
			c, err := actorCode(name, s)
			if err != nil {
				errs = append(errs, err)
			}
			*dst = c
		}
	}
	code("actor", &f.Actor)
	code("source", &f.Source)
	code("target", &f.Target)
	if s := get("dyad"); s != "" {
		a, b, ok := strings.Cut(s, ",")
		if !ok {
			errs = append(errs, badf("dyad", "%q is not two actor codes A,B", s))
		} else {
			var err error
			if f.Source, err = actorCode("dyad", a); err != nil {
				errs = append(errs, err)
			}
			if f.Target, err = actorCode("dyad", b); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if s := get("code"); s != "" {
		if len(s) < 2 || len(s) > 4 || strings.Trim(s, "0123456789") != "" {
			errs = append(errs, badf("code", "%q is not a CAMEO code (2 to 4 digits)", s))
		}
		f.Code = s
	}
	if s := get("root"); s != "" {
		if len(s) != 2 || strings.Trim(s, "0123456789") != "" {
			errs = append(errs, badf("root", "%q is not a two-digit CAMEO root", s))
		}
		f.Root = s
	}
	if s := get("quad"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 4 {
			errs = append(errs, badf("quad", "%q is not a quad class 1 to 4", s))
		}
		f.Quad = n
	}
	if s := get("plover"); s != "" {
		f.Plover = strings.ToUpper(s)
	}
	if s := get("status"); s != "" {
		if s == "all" {
			f.Statuses = AllStatuses()
		} else if slices.Contains(strings.Split(strings.ToLower(s), ","), "all") {
			errs = append(errs, badf("status", "%q: all stands alone; list statuses or write all", s))
		} else {
			for _, p := range strings.Split(s, ",") {
				st := event.Status(strings.ToLower(strings.TrimSpace(p)))
				if !validStatus(st) {
					errs = append(errs, badf("status", "%q is not one of asserted, reported, negated, hypothetical, future, denied, all", p))
					continue
				}
				f.Statuses = append(f.Statuses, st)
			}
		}
	}
	for _, d := range []struct {
		name string
		dst  *string
	}{{"from", &f.From}, {"to", &f.To}} {
		if s := get(d.name); s != "" {
			var err error
			if *d.dst, err = ParseDate(d.name, s); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		errs = append(errs, badf("from", "%s is after to %s", f.From, f.To))
	}
	if s := get("country"); s != "" {
		f.Country = strings.ToUpper(s)
		if len(f.Country) != 3 || strings.Trim(f.Country, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			errs = append(errs, badf("country", "%q is not an ISO alpha-3 country code", s))
		}
	}
	f.City = get("city")
	f.Outlet = get("outlet")
	f.Text = get("q")
	switch s := strings.ToLower(get("count")); s {
	case "", "happenings":
	case "mentions":
		f.Mentions = true
	default:
		errs = append(errs, badf("count", "%q is not happenings or mentions", s))
	}
	if s := get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > store.MaxLimit {
			errs = append(errs, badf("limit", "%q is not a number from 1 to %d", s, store.MaxLimit))
		}
		f.Limit = n
	}
	switch s := strings.ToLower(get("sort")); s {
	case "", "oldest":
	case "newest":
		f.Desc = true
	case "conflict":
		f.ByGoldstein = true
	case "cooperation":
		f.ByGoldstein, f.Desc = true, true
	default:
		errs = append(errs, badf("sort", "%q is not oldest, newest, conflict or cooperation", s))
	}
	f.Cursor = get("cursor")
	if err := errors.Join(errs...); err != nil {
		return store.EventFilter{}, err
	}
	return f, nil
}

func validStatus(s event.Status) bool {
	for _, a := range AllStatuses() {
		if s == a {
			return true
		}
	}
	return false
}

// Values writes f back as URL parameters, leaving out the cursor and the
// default limit; dyad is written as source and target.
func Values(f store.EventFilter) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("actor", f.Actor)
	set("source", f.Source)
	set("target", f.Target)
	set("code", f.Code)
	set("root", f.Root)
	if f.Quad != 0 {
		v.Set("quad", strconv.Itoa(f.Quad))
	}
	set("plover", f.Plover)
	if len(f.Statuses) > 0 {
		ss := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			ss[i] = string(s)
		}
		v.Set("status", strings.Join(ss, ","))
	}
	set("from", f.From)
	set("to", f.To)
	set("country", f.Country)
	set("city", f.City)
	set("outlet", f.Outlet)
	set("q", f.Text)
	if f.Mentions {
		v.Set("count", "mentions")
	}
	if f.Limit != 0 && f.Limit != DefaultLimit {
		v.Set("limit", strconv.Itoa(f.Limit))
	}
	switch {
	case f.ByGoldstein && f.Desc:
		v.Set("sort", "cooperation")
	case f.ByGoldstein:
		v.Set("sort", "conflict")
	case f.Desc:
		v.Set("sort", "newest")
	}
	return v
}

// CheckCodes checks a filter's code, root and plover against the codebook:
// a well-formed code that names no CAMEO code is an error naming the
// parameter, not an empty answer.
func CheckCodes(f store.EventFilter, cb *cameo.Codebook) error {
	if f.Code != "" {
		if _, ok := cb.Lookup(f.Code); !ok {
			return badf("code", "%q is not a CAMEO code of the codebook", f.Code)
		}
	}
	if f.Root != "" {
		if _, ok := cb.Lookup(f.Root); !ok || len(f.Root) != 2 {
			return badf("root", "%q is not a CAMEO root (01 to 20)", f.Root)
		}
	}
	if f.Plover != "" {
		var types []string
		for _, c := range cb.Codes() {
			if c.PloverType != "" && !slices.Contains(types, c.PloverType) {
				types = append(types, c.PloverType)
			}
		}
		if !slices.Contains(types, f.Plover) {
			slices.Sort(types)
			return badf("plover", "%q is not a PLOVER event type (%s)", f.Plover, strings.Join(types, ", "))
		}
	}
	return nil
}
