package timex

import (
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/nlp"
)

// isTempRel reports whether rel is a UD relation by which a temporal
// expression modifies a verb or an event noun.
func isTempRel(rel string) bool {
	switch rel {
	case "obl", "obl:tmod", "obl:npmod", "obl:unmarked", "nmod", "nmod:tmod", "nmod:npmod", "nmod:poss",
		"nmod:unmarked", "advmod", "compound":
		return true
	}
	return false
}

// clauseRels are the relations that start a clause of their own.
func isClauseRel(rel string) bool {
	base, _, _ := strings.Cut(rel, ":")
	switch base {
	case "root", "ccomp", "xcomp", "advcl", "acl", "parataxis", "csubj":
		return true
	}
	return false
}

// Govern picks, among exprs (as returned by Find over the document text),
// the expression that dates the clause whose predicate is the token at
// triggerIndex (0-based index into sentence.Tokens; the tokens' Head is
// 1-based, 0 for the root, -1 when unparsed). Durations and sets never
// govern.
//
// With a dependency parse (Head >= 0 on the trigger) it takes, in order: an
// expression attached to the trigger by obl, obl:tmod, nmod:tmod, advmod,
// compound or a kindred relation ("met on Wednesday", "the Friday
// explosions"); one attached that way to the head of the trigger's clause;
// the expression nearest the trigger among those inside the same clause.
// Without a parse (Head == -1) it takes the nearest expression of the same
// sentence that is not cut off from the trigger by a clause boundary: ";",
// ":", a dash, or "that", "which", "who", "because", "although", "while",
// "whereas", "but", "if" or "when" opening a clause. It reports false when
// no expression qualifies.
func Govern(sentence nlp.Sentence, exprs []Expr, triggerIndex int) (Expr, bool) {
	toks := sentence.Tokens
	if triggerIndex < 0 || triggerIndex >= len(toks) {
		return Expr{}, false
	}
	type cand struct {
		e    Expr
		head int // token index of the expression's head word
		lo   int // first and last token index
		hi   int
	}
	var cs []cand
	for _, e := range exprs {
		if e.Type == Duration || e.Type == Set || e.End <= sentence.Start || e.Start >= sentence.End {
			continue
		}
		lo, hi := -1, -1
		for k, t := range toks {
			if t.End > e.Start && t.Start < e.End {
				if lo < 0 {
					lo = k
				}
				hi = k
			}
		}
		if lo < 0 || lo <= triggerIndex && triggerIndex <= hi {
			continue
		}
		head := hi
		for k := lo; k <= hi; k++ {
			if h := toks[k].Head - 1; toks[k].Head >= 0 && (h < lo || h > hi) {
				head = k
				break
			}
		}
		cs = append(cs, cand{e, head, lo, hi})
	}
	if len(cs) == 0 {
		return Expr{}, false
	}
	dist := func(c cand) int {
		if c.hi < triggerIndex {
			return triggerIndex - c.hi
		}
		return c.lo - triggerIndex
	}
	nearest := func(ok func(cand) bool) (Expr, bool) {
		best := -1
		for k, c := range cs {
			if ok(c) && (best < 0 || dist(c) < dist(cs[best])) {
				best = k
			}
		}
		if best < 0 {
			return Expr{}, false
		}
		return cs[best].e, true
	}
	if toks[triggerIndex].Head < 0 {
		return nearest(func(c cand) bool { return !boundaryBetween(toks, c.lo, c.hi, triggerIndex) })
	}
	attached := func(c cand, to int) bool {
		t := toks[c.head]
		return t.Head-1 == to && isTempRel(t.Rel)
	}
	if e, ok := nearest(func(c cand) bool { return attached(c, triggerIndex) }); ok {
		return e, true
	}
	clause := clauseHead(toks, triggerIndex)
	if e, ok := nearest(func(c cand) bool { return attached(c, clause) }); ok {
		return e, true
	}
	return nearest(func(c cand) bool { return clauseHead(toks, c.head) == clause })
}

// clauseHead returns the index of the predicate heading the clause of token
// i: i itself when it starts a clause, else the nearest ancestor that does.
func clauseHead(toks []nlp.Token, i int) int {
	for steps := 0; steps < len(toks); steps++ {
		t := toks[i]
		if t.Head <= 0 || t.Head > len(toks) || isClauseRel(t.Rel) || t.Rel == "conj" && (t.UPOS == "VERB" || t.UPOS == "AUX") {
			return i
		}
		i = t.Head - 1
	}
	return i
}

// boundaryBetween reports whether a clause boundary lies between the tokens
// lo..hi of an expression and the trigger.
func boundaryBetween(toks []nlp.Token, lo, hi, trigger int) bool {
	a, b := hi+1, trigger
	if trigger < lo {
		a, b = trigger+1, lo
	}
	for k := a; k < b; k++ {
		switch strings.ToLower(toks[k].Form()) {
		case ";", ":", "--", "\u2014", "\u2013", "that", "which", "who", "because", "although", "while", "whereas", "but",
			"if", "when":
			return true
		}
	}
	return false
}

// EventTime is the date the event coder gives an event.
type EventTime struct {
	Date      string    // first day of the period, YYYY-MM-DD
	Value     string    // TIMEX3 value, or the publication day
	Precision Precision // the expression's precision, or PrecPublication
	Expr      *Expr     // the governing expression; nil when none
}

// EventDate dates the clause of the token at triggerIndex: by the
// expression Govern picks when it names a period on the calendar; by the
// publication day, with precision "vague", for PRESENT_REF, PAST_REF,
// FUTURE_REF and values with unknown parts; by the publication day with
// precision "publication" when no expression governs.
func EventDate(sentence nlp.Sentence, exprs []Expr, triggerIndex int, published time.Time) EventTime {
	pub := fmtDay(dateOnly(published))
	e, ok := Govern(sentence, exprs, triggerIndex)
	if !ok {
		return EventTime{Date: pub, Value: pub, Precision: PrecPublication}
	}
	if d := e.Date(); d != "" {
		return EventTime{Date: d, Value: e.Value, Precision: e.Precision, Expr: &e}
	}
	return EventTime{Date: pub, Value: e.Value, Precision: PrecVague, Expr: &e}
}

// ClauseTense reads the tense of the predicate at triggerIndex from its
// tags and auxiliaries: "will"/"shall"/"would"/"'ll" or "going to" make it
// future; a past-tense verb or auxiliary (VBD, Tense=Past, "had", "did")
// past; a present-tense form present. It returns TenseUnknown for an
// untagged sentence. Pass it to FindWith through a TenseFunc that maps an
// expression to its governing predicate.
func ClauseTense(sentence nlp.Sentence, triggerIndex int) Tense {
	toks := sentence.Tokens
	if triggerIndex < 0 || triggerIndex >= len(toks) {
		return TenseUnknown
	}
	future, past, present := false, false, false
	look := func(t nlp.Token) {
		w := strings.ToLower(t.Form())
		switch {
		case w == "will" || w == "shall" || w == "'ll" || w == "ll" || w == "wo" || w == "would":
			future = true
		case t.XPOS == "VBD" || strings.Contains(t.Feats, "Tense=Past") && t.XPOS != "VBN":
			past = true
		case t.XPOS == "VBZ" || t.XPOS == "VBP":
			present = true
		}
	}
	look(toks[triggerIndex])
	for _, t := range toks {
		if t.Head-1 == triggerIndex && (t.Rel == "aux" || t.Rel == "aux:pass" || t.Rel == "cop") {
			look(t)
		}
	}
	switch {
	case future:
		return TenseFuture
	case past:
		return TensePast
	case present:
		return TensePresent
	}
	return TenseUnknown
}

// ParseTense returns a TenseFunc for FindWith that reads the tense of the
// predicate each expression attaches to in the dependency parse of sents
// (the document's sentences, in order). An expression outside any sentence,
// or in an unparsed or untagged one, gets TenseUnknown, so the recogniser's
// word heuristic decides.
func ParseTense(sents []nlp.Sentence) TenseFunc {
	return func(start, end int) Tense {
		for _, s := range sents {
			if start < s.Start || start >= s.End {
				continue
			}
			toks := s.Tokens
			for _, t := range toks {
				if t.End <= start || t.Start >= end {
					continue
				}
				// the first token of the span whose head lies outside it
				h := t.Head - 1
				if t.Head <= 0 || h >= len(toks) || toks[h].End > start && toks[h].Start < end {
					if t.Head < 0 {
						return TenseUnknown
					}
					continue
				}
				return ClauseTense(s, clauseHead(toks, h))
			}
			return TenseUnknown
		}
		return TenseUnknown
	}
}
