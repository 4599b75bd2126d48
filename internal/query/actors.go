package query

import (
	"fmt"
	"strings"

	"github.com/dyad-project/dyad/internal/actor"
	"github.com/dyad-project/dyad/internal/store"
)

// ActorName returns the actor's own name for code from the service's
// dictionary (actor.Dictionary.Name: "Turkey" for TUR, never a person who
// held a role), or "" without a dictionary or for a code it names no
// actor by, such as a code prefix.
func (s *Service) ActorName(code string) string {
	if s.dict == nil {
		return ""
	}
	return s.dict.Name(code)
}

// LookupActor returns the actors q may mean by the service's dictionary
// (actor.Dictionary.Lookup): a code in any letter case, or a name or alias
// compared without case and diacritics. It returns none without a
// dictionary.
func (s *Service) LookupActor(q string) []actor.Candidate {
	if s.dict == nil {
		return nil
	}
	return s.dict.Lookup(q)
}

// SuggestActors returns at most n actors whose name, alias or code begins
// with q by the service's dictionary (actor.Dictionary.Suggest), for the
// suggestions of a form. It returns none without a dictionary.
func (s *Service) SuggestActors(q string, n int) []actor.Candidate {
	if s.dict == nil {
		return nil
	}
	return s.dict.Suggest(q, n)
}

// ActorLookupError says that a name given for an actor means no actor or
// several. It wraps store.ErrNotFound when no actor matches and
// ErrBadFilter when several do.
type ActorLookupError struct {
	Param      string // the parameter or path segment that held the name
	Query      string
	Candidates []actor.Candidate // empty when no actor matches
}

func (e *ActorLookupError) Error() string {
	if len(e.Candidates) == 0 {
		return fmt.Sprintf("%s: no actor has the name or code %q", e.Param, e.Query)
	}
	codes := make([]string, len(e.Candidates))
	for i, c := range e.Candidates {
		codes[i] = c.Code
	}
	return fmt.Sprintf("%s: %q may mean %s", e.Param, e.Query, strings.Join(codes, ", "))
}

func (e *ActorLookupError) Unwrap() error {
	if len(e.Candidates) == 0 {
		return store.ErrNotFound
	}
	return ErrBadFilter
}

// ResolveActor returns the actor code an analyst means by q, as the web UI
// reads its actor, source and target parameters and actor pages (the JSON
// API reads codes only, with ParseEventFilter). A code in upper case is
// taken as it is, a code prefix like any other ("I" is every code starting
// with I). Anything else is looked up with LookupActor: one match is its
// code; none is q in upper case when that is a code the dictionary knows
// (actor.Dictionary.Knows: "ir", "ukrmil"; any code without a
// dictionary); several, or none otherwise, are an *ActorLookupError.
func (s *Service) ResolveActor(param, q string) (string, error) {
	q = strings.TrimSpace(q)
	if isCode(q) {
		return q, nil
	}
	cs := s.LookupActor(q)
	if len(cs) == 1 {
		return cs[0].Code, nil
	}
	if len(cs) == 0 {
		if up := strings.ToUpper(q); isCode(up) && (s.dict == nil || s.dict.Knows(up)) {
			return up, nil
		}
	}
	return "", &ActorLookupError{Param: param, Query: q, Candidates: cs}
}

// isCode reports whether s has the form of an actor code: upper-case
// letters and digits, at most MaxParam bytes.
func isCode(s string) bool {
	if s == "" || len(s) > MaxParam {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
