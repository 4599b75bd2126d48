package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/dyad-project/dyad/internal/actor"
	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/store"
)

// The UI takes actors by name as well as by code: "Turkey", "türkiye" and
// "tur" all mean TUR, on an actor page (/actors/Turkey) and in a filter
// (?actor=Turkey). A name is looked up (query.ResolveActor) and the page
// redirects to the same URL with the code, so that the URL, the form and
// every link hold codes; a name of several actors lists them to choose
// from; a name of none is a 404 that says how actors are found. The JSON
// API reads codes only.

// actorParams are the filter parameters that name one actor.
var actorParams = []string{"actor", "source", "target"}

// filter reads the event filter of the request's URL, with actor names
// resolved to codes. It reports false when it has answered the request: a
// redirect to the URL with codes, a page of choices or an error page.
func (s *Server) filter(w http.ResponseWriter, r *http.Request) (store.EventFilter, bool) {
	v := r.URL.Query()
	changed := false
	resolve := func(param, q string) (string, bool) {
		if q == "" || len(q) > query.MaxParam {
			return q, true // ParseEventFilter reports what is wrong
		}
		code, err := s.q.ResolveActor(param, q)
		if err != nil {
			s.lookupFailed(w, r, err, func(code string) string {
				c := cloneValues(v)
				c.Set(param, code)
				return withQuery(r.URL.Path, c)
			})
			return "", false
		}
		changed = changed || code != q
		return code, true
	}
	for _, k := range actorParams {
		if q := v.Get(k); q != "" {
			code, ok := resolve(k, q)
			if !ok {
				return store.EventFilter{}, false
			}
			v.Set(k, code)
		}
	}
	if d := v.Get("dyad"); d != "" {
		if a, b, ok := strings.Cut(d, ","); ok && a != "" && b != "" {
			ca, ok := resolve("dyad", strings.TrimSpace(a))
			if !ok {
				return store.EventFilter{}, false
			}
			cb, ok := resolve("dyad", strings.TrimSpace(b))
			if !ok {
				return store.EventFilter{}, false
			}
			if nd := ca + "," + cb; nd != d {
				v.Set("dyad", nd)
				changed = true
			}
		}
	}
	if changed {
		http.Redirect(w, r, withQuery(r.URL.Path, v), http.StatusFound)
		return store.EventFilter{}, false
	}
	f, err := query.ParseEventFilter(v)
	if err != nil {
		s.fail(w, r, err)
		return store.EventFilter{}, false
	}
	return f, true
}

func cloneValues(v url.Values) url.Values {
	c := url.Values{}
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	return c
}

// actorCode returns the code of the actor page's path, or answers the
// request with a redirect to the code's page (a name, or a code in lower
// case) or a page of choices or of no actor, and reports false.
func (s *Server) actorCode(w http.ResponseWriter, r *http.Request) (string, bool) {
	raw := r.PathValue("code")
	code, err := s.q.ResolveActor("actor", raw)
	if err != nil {
		s.lookupFailed(w, r, err, func(c string) string { return withQuery(actorURL(c), r.URL.Query()) })
		return "", false
	}
	if code != raw {
		http.Redirect(w, r, withQuery(actorURL(code), r.URL.Query()), http.StatusFound)
		return "", false
	}
	return code, true
}

// actorMissing answers an actor page whose profile failed with err. A code
// in upper case that no event names may be a name in capitals
// ("/actors/TURKEY"): it is looked up before the page says no actor.
func (s *Server) actorMissing(w http.ResponseWriter, r *http.Request, code string, err error) {
	if !errors.Is(err, store.ErrNotFound) {
		s.fail(w, r, err)
		return
	}
	link := func(c string) string { return withQuery(actorURL(c), r.URL.Query()) }
	switch cs := s.q.LookupActor(code); {
	case len(cs) == 1 && cs[0].Code != code:
		http.Redirect(w, r, link(cs[0].Code), http.StatusFound)
	case len(cs) > 1:
		s.lookupFailed(w, r, &query.ActorLookupError{Param: "actor", Query: code, Candidates: cs}, link)
	default:
		msg := "No event names an actor with the code " + code
		if len(r.URL.Query()) > 0 {
			msg += " under this filter"
		}
		if n := s.q.ActorName(code); n != "" {
			msg += " (" + n + ")"
		}
		s.render(w, r, http.StatusNotFound, "lookup", LookupPage{Page: Page{Title: "No actor " + code}, Query: code, Message: msg + ".",
			Search: withQuery("/search", url.Values{"q": {code}})})
	}
}

// LookupPage answers a name that means no actor or several.
type LookupPage struct {
	Page
	Query   string
	Param   string // the filter parameter that held the name; "" for an actor page
	Message string
	Choices []Choice
	Search  string // a document search for the name
}

// Choice is one actor a name may mean.
type Choice struct {
	actor.Candidate
	Link string // the page asked for, with the code
}

// lookupFailed answers a failed lookup: the choices of an ambiguous name
// (300 Multiple Choices), each linking to link(code), or a page of no
// actor (404) that says how actors are found. Other errors go to fail.
func (s *Server) lookupFailed(w http.ResponseWriter, r *http.Request, err error, link func(code string) string) {
	var le *query.ActorLookupError
	if !errors.As(err, &le) {
		s.fail(w, r, err)
		return
	}
	p := LookupPage{Query: le.Query, Search: withQuery("/search", url.Values{"q": {le.Query}})}
	if le.Param != "actor" || r.PathValue("code") == "" {
		p.Param = le.Param
	}
	if len(le.Candidates) == 0 {
		p.Title = "No actor " + le.Query
		p.Message = fmt.Sprintf("No actor has the name, alias or code %q.", le.Query)
		s.render(w, r, http.StatusNotFound, "lookup", p)
		return
	}
	p.Title = "Which " + le.Query + "?"
	for _, c := range le.Candidates {
		p.Choices = append(p.Choices, Choice{Candidate: c, Link: link(c.Code)})
	}
	s.render(w, r, http.StatusMultipleChoices, "lookup", p)
}

// ActorHeading names an actor page: by the code's own name from the actor
// dictionary ("Turkey" for TUR), never by a person who held a role; a code
// prefix the dictionary names no actor by ("I") says which codes it
// groups.
type ActorHeading struct {
	Code  string
	Name  string   // the code's own name; "" when the dictionary has none
	Group []string // for a prefix: the codes under it that the events name
	More  int      // codes of the group not listed
}

// maxGroup is how many codes of a prefix's group a heading lists.
const maxGroup = 12

// actorHeading heads the page of code, whose events name the codes of names.
func (s *Server) actorHeading(code string, names []store.ActorName) ActorHeading {
	h := ActorHeading{Code: code, Name: s.q.ActorName(code)}
	if h.Name != "" {
		return h
	}
	seen := map[string]bool{}
	var codes []string
	for _, n := range names {
		if !seen[n.Code] {
			seen[n.Code] = true
			codes = append(codes, n.Code)
		}
	}
	sort.Strings(codes)
	if len(codes) == 1 && codes[0] == code {
		return h
	}
	h.Group = codes[:min(maxGroup, len(codes))]
	h.More = len(codes) - len(h.Group)
	return h
}

// Title is the page's title: "Turkey (TUR)", "Codes starting with I" or
// the code.
func (h ActorHeading) Title() string {
	switch {
	case h.Name != "":
		return h.Name + " (" + h.Code + ")"
	case len(h.Group) > 0:
		return "Codes starting with " + h.Code
	}
	return h.Code
}

// dyadCodes returns the codes of a dyad page's path, or answers the
// request with a redirect to the page of the codes or a page of choices or
// of no actor, and reports false.
func (s *Server) dyadCodes(w http.ResponseWriter, r *http.Request) (a, b string, ok bool) {
	ra, rb := r.PathValue("a"), r.PathValue("b")
	a, err := s.q.ResolveActor("actor", ra)
	if err != nil {
		s.lookupFailed(w, r, err, func(c string) string { return withQuery(dyadURL(c, rb), r.URL.Query()) })
		return "", "", false
	}
	b, err = s.q.ResolveActor("actor", rb)
	if err != nil {
		s.lookupFailed(w, r, err, func(c string) string { return withQuery(dyadURL(a, c), r.URL.Query()) })
		return "", "", false
	}
	if a != ra || b != rb {
		http.Redirect(w, r, withQuery(dyadURL(a, b), r.URL.Query()), http.StatusFound)
		return "", "", false
	}
	return a, b, true
}

// dyadTitle is a dyad page's title: the actors' own names when the
// dictionary has them ("United States – Turkey"), else their codes.
func dyadTitle(d query.DyadSeries) string {
	name := func(code, n string) string {
		if n == "" {
			return code
		}
		return n
	}
	return name(d.A, d.NameA) + " – " + name(d.B, d.NameB)
}
