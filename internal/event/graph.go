package event

import (
	"slices"
	"sort"
	"strings"

	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/nlp"
)

// graph is a parsed sentence with child lists and its actor mentions.
type graph struct {
	toks     []nlp.Token
	heads    []int   // 0-based head, -1 for the root
	kids     [][]int // children in order
	ms       []Mention
	mentAt   []int       // token → mention index, -1
	mentHead []int       // mention → head token
	below    map[int]int // object phrase head → the actor token inside it
	lx       *Lexicon
}

func newGraph(s *nlp.Sentence, ms []Mention, lx *Lexicon) *graph {
	n := len(s.Tokens)
	g := &graph{lx: lx, toks: s.Tokens, heads: make([]int, n), kids: make([][]int, n), ms: ms, mentAt: make([]int, n), below: map[int]int{}}
	for i, t := range s.Tokens {
		g.heads[i] = t.Head - 1
		g.mentAt[i] = -1
		if t.Head > 0 {
			g.kids[t.Head-1] = append(g.kids[t.Head-1], i)
		}
	}
	for mi, m := range ms {
		head := -1
		for k := max(m.Start, 0); k < m.End && k < n; k++ {
			g.mentAt[k] = mi
			if h := g.heads[k]; head < 0 && (h < m.Start || h >= m.End) {
				head = k
			}
		}
		if head < 0 && m.Start < n {
			head = m.Start
		}
		g.mentHead = append(g.mentHead, head)
	}
	return g
}

func (g *graph) rel(i int) string {
	if i < 0 {
		return ""
	}
	return g.toks[i].Rel
}

// baseRel strips the subtype: "obl:tmod" → "obl".
func (g *graph) baseRel(i int) string {
	r := g.rel(i)
	if k := strings.IndexByte(r, ':'); k >= 0 {
		return r[:k]
	}
	return r
}

func (g *graph) lemma(i int) string {
	t := &g.toks[i]
	if t.Lemma != "" {
		return strings.ToLower(t.Lemma)
	}
	return strings.ToLower(t.Form())
}

func (g *graph) word(i int) string { return g.toks[i].Text }

func (g *graph) kidsRel(i int, rels ...string) []int {
	var out []int
	for _, k := range g.kids[i] {
		r := g.rel(k)
		for _, want := range rels {
			if r == want {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

// caseOf returns the lemma of the case marker of a nominal ("to" in "to
// Moscow"), joining a fixed expression ("according to" → "according"), or "".
func (g *graph) caseOf(i int) string {
	for _, k := range g.kids[i] {
		if g.rel(k) == "case" || (g.rel(k) == "mark" && g.toks[k].UPOS == "ADP") {
			l := g.lemma(k)
			if l == "accord" {
				l = "according"
			}
			return l
		}
	}
	return ""
}

// conjuncts returns i and the nominals coordinated with it.
func (g *graph) conjuncts(i int) []int {
	out := []int{i}
	for k := 0; k < len(out); k++ {
		for _, c := range g.kidsRel(out[k], "conj") {
			if g.isNominal(c) {
				out = append(out, c)
			}
		}
	}
	return out
}

func (g *graph) isNominal(i int) bool {
	switch g.toks[i].UPOS {
	case "NOUN", "PROPN", "PRON", "NUM", "X", "SYM":
		return true
	case "ADJ":
		return g.mentAt[i] >= 0 // demonyms: "American and British"
	}
	return g.mentAt[i] >= 0
}

// frame is the argument structure of a verb after voice and control.
type frame struct {
	subjects []int // logical subjects (agents)
	objs     []int // logical objects
	iobjs    []int
	obls     []int // obliques and other prepositional dependents
	prts     []string
	passive  bool
	verb     int // the verb's token
}

// frame computes the arguments of verb i, inheriting subjects across
// coordination, control and relative clauses.
func (g *graph) frame(i int) frame {
	f := frame{verb: i}
	var subj, objs []int
	if n, ok := g.misparsedPredicate(i); ok {
		// "police arrested students" parsed as the noun phrase "arrested
		// students": the words before are the subject, the head the object.
		subj, objs = []int{n}, []int{g.heads[i]}
	}
	for _, k := range g.kids[i] {
		switch g.rel(k) {
		case "nsubj", "csubj", "nsubj:outer", "nsubj:xsubj", "csubj:outer":
			subj = append(subj, k)
		case "nsubj:pass", "csubj:pass":
			objs = append(objs, k)
			f.passive = true
		case "aux:pass":
			f.passive = true
		case "obj":
			objs = append(objs, k)
		case "iobj":
			f.iobjs = append(f.iobjs, k)
		case "obl:agent":
			f.subjects = append(f.subjects, k)
		case "obl", "obl:tmod", "obl:npmod", "nmod", "advmod", "obl:arg":
			if g.caseOf(k) != "" {
				f.obls = append(f.obls, k)
			}
		case "compound:prt":
			f.prts = append(f.prts, g.lemma(k))
		}
	}
	// A particle parsed as the preposition of the next phrase ("cordoned
	// off the roads" with off as case of roads): the phrase is the object.
	if len(objs) == 0 && len(f.prts) == 0 {
		for k, o := range f.obls {
			cs := g.kidsRel(o, "case")
			if len(cs) == 1 && cs[0] == i+1 && g.lx.misparsedParticles[g.lemma(cs[0])] && !g.temporal(o) {
				f.prts = append(f.prts, g.lemma(cs[0]))
				objs = append(objs, o)
				f.obls = append(f.obls[:k:k], f.obls[k+1:]...)
				break
			}
		}
	}
	// Passive: "by" introduces the agent.
	if f.passive {
		var rest []int
		for _, o := range f.obls {
			if g.caseOf(o) == "by" && g.rel(o) != "obl:agent" {
				f.subjects = append(f.subjects, o)
				continue
			}
			rest = append(rest, o)
		}
		f.obls = rest
	} else {
		f.subjects = append(f.subjects, subj...)
	}
	// Relative pronouns stand for the noun the clause modifies.
	h := g.heads[i]
	if g.rel(i) == "acl:relcl" && h >= 0 {
		for k, s := range f.subjects {
			if g.lx.relPronouns[g.lemma(s)] {
				f.subjects[k] = h
			}
		}
		for k, o := range objs {
			if g.lx.relPronouns[g.lemma(o)] {
				objs[k] = h
			}
		}
	}
	if len(f.subjects) == 0 && h >= 0 {
		switch g.rel(i) {
		case "conj", "xcomp", "advcl":
			// "accused France of planning": the object is the subject.
			if g.rel(i) == "advcl" {
				if mk := g.kidsRel(i, "mark"); len(mk) > 0 && (g.lemma(mk[0]) == "of" || g.lemma(mk[0]) == "for") {
					if os := g.kidsRel(h, "obj"); len(os) > 0 {
						f.subjects = os
						break
					}
				}
			}
			if g.rel(i) == "xcomp" {
				// Object control ("urged Iran to stop"), else subject control
				// ("had plans to attack": the plans do not attack).
				if os := g.kidsRel(h, "obj"); len(os) > 0 && !g.lx.futureNouns[g.lemma(os[0])] {
					f.subjects = os
					break
				}
			}
			if u := g.toks[h].UPOS; u == "ADJ" || u == "NOUN" {
				// "is willing to withdraw": the subject of the predicate
				f.subjects = g.kidsRel(h, "nsubj", "nsubj:outer")
			} else if u == "VERB" || u == "AUX" {
				hf := g.frame(h)
				if g.rel(i) == "conj" && f.passive != hf.passive && !f.passive {
					f.subjects = hf.objs
				} else {
					f.subjects = hf.subjects
				}
			}
		case "acl":
			// "the attack launched by Russia": the noun is the object;
			// "troops attacking the town": the noun is the subject.
			if g.toks[i].XPOS == "VBN" || strings.Contains(g.toks[i].Feats, "VerbForm=Part") && strings.Contains(g.toks[i].Feats, "Tense=Past") {
				if len(objs) == 0 {
					objs = append(objs, h)
				}
				for _, o := range f.obls {
					if g.caseOf(o) == "by" {
						f.subjects = append(f.subjects, o)
					}
				}
			} else {
				f.subjects = []int{h}
			}
		}
	}
	if len(f.subjects) == 0 {
		// A clause hanging from an actor noun before it ("officials are
		// about to restore ties", as the parser may attach it): that noun.
		for n, steps := g.heads[i], 0; n >= 0 && steps < 3 && n < i; n, steps = g.heads[n], steps+1 {
			if g.isNominal(n) && g.findActor(n) >= 0 {
				f.subjects = []int{n}
				break
			}
			if r := g.baseRel(n); r == "obj" || r == "nmod" || r == "obl" || r == "ccomp" {
				break
			}
		}
	}
	var subjs []int
	for _, s := range f.subjects {
		subjs = append(subjs, g.conjuncts(s)...)
	}
	f.subjects = subjs
	for _, o := range objs {
		f.objs = append(f.objs, g.conjuncts(o)...)
	}
	return f
}

// controlled reports whether clause n is the complement of a control
// predicate: an xcomp, or an infinitive advcl without a subject of its own
// ("agreed to allow", as a parser may attach it).
func (g *graph) controlled(n int) bool {
	switch g.rel(n) {
	case "xcomp":
		return true
	case "advcl":
		if len(g.kidsRel(n, "nsubj", "nsubj:pass")) > 0 {
			return false
		}
		for _, m := range g.kidsRel(n, "mark") {
			if g.lemma(m) == "to" {
				return true
			}
		}
	}
	return false
}

// nmods returns the prepositional dependents of a nominal.
func (g *graph) nmods(i int) []int {
	var out []int
	for _, k := range g.kids[i] {
		if g.baseRel(k) == "nmod" || g.baseRel(k) == "obl" || g.rel(k) == "acl" && g.caseOf(k) != "" {
			if g.caseOf(k) != "" {
				out = append(out, k)
			}
		}
	}
	return out
}

// holds reports whether the rule's constraints hold in frame f.
func (g *graph) holds(r *cameo.Rule, f frame) bool {
	if r.Subj != nil && !g.anyTerm(r.Subj, f.subjects) {
		return false
	}
	if r.Obj != nil && !g.anyTerm(r.Obj, f.objs) {
		return false
	}
	if len(r.Prt) > 0 {
		ok := false
		for _, p := range f.prts {
			if slices.Contains(r.Prt, p) {
				ok = true
			}
		}
		// A particle parsed as the preposition of the next phrase
		// ("cordoned off the roads" with off as case of roads).
		for _, o := range f.obls {
			for _, c := range g.kidsRel(o, "case") {
				if c == f.verb+1 && slices.Contains(r.Prt, g.lemma(c)) {
					ok = true
				}
			}
		}
		if !ok {
			return false
		}
	}
	if len(r.Pre) > 0 && !g.preHolds(r.Pre, f.verb) {
		return false
	}
	for _, pp := range r.PPs {
		ok := false
		cands := append([]int(nil), f.obls...)
		for _, o := range f.objs {
			cands = append(cands, g.nmods(o)...)
		}
		for _, o := range cands {
			if !slices.Contains(pp.Preps, g.caseOf(o)) || g.temporal(o) {
				continue
			}
			if pp.Noun == nil || g.termMatches(pp.Noun, o) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// preHolds reports whether one alternative's words stand, in that order,
// before the trigger v among the words grammatically around it: v's own
// dependents and theirs, its governors up the tree ("said" in "said it
// would act"), and their dependents ("would", "not"). A word matches a token's lowercase
// form or lemma.
func (g *graph) preHolds(alts [][]string, v int) bool {
	var near []int
	seen := map[int]bool{}
	add := func(i int) {
		if i >= 0 && i < v && !seen[i] {
			seen[i] = true
			near = append(near, i)
		}
	}
	for a, depth := v, 0; a >= 0 && depth < 4; a, depth = g.heads[a], depth+1 {
		add(a)
		for _, k := range g.kids[a] {
			add(k)
			if a == v && k < v {
				for _, kk := range g.kids[k] {
					add(kk) // "most" in "most certainly did not"
				}
			}
		}
	}
	sort.Ints(near)
	for _, ws := range alts {
		j := 0
		for _, i := range near {
			if j < len(ws) && (ws[j] == strings.ToLower(g.word(i)) || ws[j] == g.lemma(i)) {
				j++
			}
		}
		if j == len(ws) {
			return true
		}
	}
	return false
}

func (g *graph) anyTerm(t *cameo.Term, toks []int) bool {
	for _, k := range toks {
		if g.termMatches(t, k) {
			return true
		}
	}
	return false
}

// termMatches reports whether the phrase headed by token i matches t: its
// head lemma is the phrase head and each modifier lemma is a dependent.
func (g *graph) termMatches(t *cameo.Term, i int) bool {
	l := g.lemma(i)
	for _, ph := range t.Alts {
		if ph.Head != l {
			// A single word may also name the phrase through a compound
			// modifier, as PETRARCH's phrase matching does ("fired two
			// artillery shells" matches ARTILLERY).
			// So may an adjective before the head, as PETRARCH's phrase
			// matching reads "renewed diplomatic ties" for DIPLOMATIC.
			if len(ph.Mods) == 0 {
				for _, k := range g.kidsRel(i, "compound", "amod") {
					if g.lemma(k) == ph.Head {
						return true
					}
				}
			}
			continue
		}
		ok := true
		for _, m := range ph.Mods {
			found := false
			for _, k := range g.kids[i] {
				if g.lemma(k) == m {
					found = true
					break
				}
			}
			if !found {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// defaultTargetPreps introduce targets when no pattern says where they are.
var defaultTargetPreps = []string{"with", "to", "against", "on", "at", "into", "toward", "towards", "upon", "for", "from", "over"}

// directedPreps introduce the one an act is directed at when no actor is
// named: "filed a lawsuit against", "launched strikes on".
var directedPreps = []string{"against", "on", "to", "with", "at", "upon", "into", "about", "over", "for"}

// prepArgs returns the dependents among cands whose case is in preps (or,
// when preps is empty, in fallback).
func (g *graph) prepArgs(cands []int, preps, fallback []string) []int {
	if len(preps) == 0 {
		preps = fallback
	}
	var out []int
	for _, want := range preps {
		if want == "between" || want == "among" {
			continue // see nounBetween
		}
		for _, o := range cands {
			if g.caseOf(o) == want && !g.temporal(o) {
				out = append(out, g.conjuncts(o)...)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return out
}

// defaultTargets: the indirect object, else an object that is an actor,
// else the first prepositional dependent (of the verb or its object) that
// is an actor.
func (g *graph) defaultTargets(f frame) []int {
	if len(f.iobjs) > 0 {
		var out []int
		for _, o := range f.iobjs {
			out = append(out, g.conjuncts(o)...)
		}
		return out
	}
	var actorObjs []int
	for _, o := range f.objs {
		if g.findActor(o) >= 0 {
			actorObjs = append(actorObjs, o)
		}
	}
	if len(actorObjs) > 0 {
		return actorObjs
	}
	cands := append([]int(nil), f.obls...)
	for _, o := range f.objs {
		cands = append(cands, g.nmods(o)...)
	}
	for _, p := range defaultTargetPreps {
		var out []int
		for _, o := range cands {
			if g.caseOf(o) == p && g.findActor(o) >= 0 {
				out = append(out, g.conjuncts(o)...)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	// An actor inside a prepositional phrase of the verb: "marched close
	// to the border with Mordor".
	for _, p := range defaultTargetPreps {
		for _, o := range f.obls {
			if g.caseOf(o) != p || g.temporal(o) {
				continue
			}
			if t := g.firstActorBelow(o, 2); t >= 0 {
				if g.viaClause(o, t) {
					return g.conjuncts(t)
				}
				g.below[o] = t
				return []int{o}
			}
		}
	}
	// An object without an actor that is directed at someone: "filed a
	// lawsuit against X", "sent a letter to X".
	var directed []int
	for _, p := range directedPreps {
		for _, o := range f.objs {
			for _, k := range g.nmods(o) {
				if g.caseOf(k) == p && g.isNominal(k) && !g.temporal(k) {
					directed = append(directed, k)
				}
			}
		}
		if len(directed) > 0 {
			break
		}
	}
	// Or a dependent of the verb itself: "called on Nigerian leaders to
	// act", "fired tear gas at protesters".
	for _, p := range directedPreps {
		if len(directed) > 0 {
			break
		}
		for _, k := range f.obls {
			if g.caseOf(k) == p && g.isNominal(k) && !g.temporal(k) {
				directed = append(directed, g.conjuncts(k)...)
			}
		}
	}
	// The first actor inside the object phrase: "welcomed a resumption of
	// ties with Osgiliath", "condemned an attack by Osgiliath soldiers".
	for _, o := range f.objs {
		if t := g.firstActorBelow(o, 3); t >= 0 {
			if cs := g.conjuncts(t); len(cs) > 1 {
				return cs
			}
			if g.viaClause(o, t) {
				// "a statement calling on Belarusian authorities": the
				// actor of the clause, not the object phrase
				return []int{t}
			}
			// The object phrase is the target; the actor inside names it.
			g.below[o] = t
			return []int{o}
		}
	}
	if len(directed) > 0 {
		return directed
	}
	if g.lx.contentVerbs[g.lemma(f.verb)] || g.lx.lightVerbs[g.lemma(f.verb)] {
		// "issued a statement", "expressed concern": the object is what
		// was done or said, not whom it was done to.
		return nil
	}
	return f.objs
}

// viaClause reports whether the path from t up to its ancestor o passes
// through a clause modifying a noun (acl).
func (g *graph) viaClause(o, t int) bool {
	for n, steps := t, 0; n >= 0 && n != o && steps < len(g.toks); n, steps = g.heads[n], steps+1 {
		if g.baseRel(n) == "acl" {
			return true
		}
	}
	return false
}

// firstActorBelow searches the nominal dependents of i breadth first, at
// most depth levels down, for a token that stands for an actor.
func (g *graph) firstActorBelow(i, depth int) int {
	frontier := []int{i}
	for d := 0; d < depth; d++ {
		var next []int
		for _, n := range frontier {
			for _, k := range g.kids[n] {
				switch g.baseRel(k) {
				case "nmod", "compound", "amod", "appos", "flat", "obl":
				case "acl":
					// "the roads leading into Mordor"
				default:
					continue
				}
				if g.mentAt[k] >= 0 {
					return k
				}
				next = append(next, k)
			}
		}
		frontier = next
	}
	return -1
}

// nounSources: demonym adjectives ("American attacks"), possessors
// ("Israel's attack"), compounds ("US strikes") and the rule's source
// prepositions (by; of for visit-like nouns).
func (g *graph) nounSources(i int, r *cameo.Rule) []int {
	var out []int
	for _, k := range g.kids[i] {
		switch g.rel(k) {
		case "amod", "nmod:poss", "compound":
			if g.findActor(k) >= 0 {
				out = append(out, g.conjuncts(k)...)
			}
		}
	}
	src := r.Source
	if len(src) == 0 {
		src = []string{"by"}
	}
	out = append(out, g.prepArgs(g.nmods(i), src, nil)...)
	return out
}

// nounTargets: the rule's target prepositions ("attacks on"), "of" when the
// rule lists it ("assassination of").
func (g *graph) nounTargets(i int, r *cameo.Rule) []int {
	if len(r.Target) == 0 {
		return nil
	}
	return g.prepArgs(g.nmods(i), r.Target, nil)
}

// nounBetween handles "a phone call between the two ministers" and
// "talks between Iran and Russia": the coordinated members of a "between"
// dependent.
func (g *graph) nounBetween(i int) []int {
	for _, k := range g.nmods(i) {
		if g.caseOf(k) == "between" || g.caseOf(k) == "among" {
			cs := g.conjuncts(k)
			if len(cs) >= 2 {
				return cs
			}
			// "between the two ministers": one plural mention stands for both.
			return cs
		}
	}
	return nil
}

// findActor returns the mention that token i stands for: the one containing
// it, else one reached through its modifiers (compound, amod, possessor,
// flat, appos, "of" dependents) at most two steps away.
func (g *graph) findActor(i int) int {
	m, _ := g.findActorAt(i)
	return m
}

// findActorAt is findActor that also returns the token where the mention
// was found.
func (g *graph) findActorAt(i int) (int, int) {
	if i < 0 {
		return -1, -1
	}
	if m := g.mentAt[i]; m >= 0 {
		return m, i
	}
	if t, ok := g.below[i]; ok {
		return g.mentAt[t], i
	}
	frontier := []int{i}
	for depth := 0; depth < 2; depth++ {
		var next []int
		for _, n := range frontier {
			for _, k := range g.kids[n] {
				switch g.rel(k) {
				case "compound", "amod", "nmod:poss", "flat", "appos", "nmod", "det:poss":
					if g.rel(k) == "nmod" && g.caseOf(k) != "of" {
						continue
					}
					if m := g.mentAt[k]; m >= 0 {
						return m, k
					}
					next = append(next, k)
				}
			}
		}
		frontier = next
	}
	return -1, -1
}

// actors resolves argument tokens to event sides, one per distinct mention.
// An actor found inside a modifier brings the modifier's conjuncts along
// ("the ambassadors of Arnor, Osgiliath and Gondor"), each taking the
// sector of the phrase when it is a bare country.
func (g *graph) actors(toks []int, uncoded bool) []arg {
	var out []arg
	seen := map[int]bool{}
	add := func(m, t int, sector string) {
		if seen[m] {
			return
		}
		seen[m] = true
		mm := &g.ms[m]
		if sector != "" && len(mm.Code) == 3 && mm.Sector == "" {
			c := *mm
			c.Code, c.Sector = mm.Code+sector, sector
			mm = &c
		}
		out = append(out, arg{m: mm, tok: t, span: mm.Span, text: mm.Text})
	}
	for _, t := range toks {
		if m, at := g.findActorAt(t); m >= 0 {
			// A bare sector with its countries: "lawmakers in Fornost and
			// Gondor", "soldiers from Gondor".
			if mm := &g.ms[m]; mm.Sector != "" && mm.Code == mm.Sector {
				n := len(out)
				for _, k := range g.nmods(at) {
					if c := g.caseOf(k); c != "in" && c != "of" && c != "from" {
						continue
					}
					for _, cj := range g.conjuncts(k) {
						if cm := g.mentAt[cj]; cm >= 0 && len(g.ms[cm].Code) == 3 && g.ms[cm].Sector == "" {
							add(cm, t, mm.Sector)
						}
					}
				}
				if len(out) > n {
					continue
				}
			}
			add(m, t, "")
			// "the ambassadors of Arnor, Osgiliath and Gondor" matched as
			// one mention up to Arnor: the conjuncts of a word inside it
			// are actors of the same sector.
			mm := &g.ms[m]
			for k := max(mm.Start, 0); k < mm.End && k < len(g.toks); k++ {
				for _, c := range g.conjuncts(k)[1:] {
					if c >= mm.End {
						if cm := g.mentAt[c]; cm >= 0 && cm != m {
							add(cm, c, mm.Sector)
						}
					}
				}
			}
			if at != t {
				for _, c := range g.conjuncts(at)[1:] {
					if cm := g.mentAt[c]; cm >= 0 {
						add(cm, c, g.ms[m].Sector)
					}
				}
			}
			continue
		}
		if uncoded && g.isNominal(t) && !g.lx.relPronouns[g.lemma(t)] && !g.lx.timeWords[g.lemma(t)] && !strings.HasSuffix(g.rel(t), "tmod") && g.lemma(t) != "what" {
			a, b := g.phraseSpan(t)
			out = append(out, arg{tok: t, span: doc.Span{Start: g.toks[a].Start, End: g.toks[b].End}, text: g.phraseText(a, b)})
		}
	}
	return out
}

// phraseSpan returns the first and last token of the noun phrase headed by
// i: its subtree without clauses, coordination and punctuation, and without
// the preposition that introduces it.
func (g *graph) phraseSpan(i int) (int, int) { return g.span(i, false) }

// span is phraseSpan; with full it keeps appositions and coordinated
// phrases, as annotators of actor spans usually do ("the Syrian army and its
// ally Hezbollah", "Lebanese counterpart, Michel Aoun"). Clauses are left
// out either way.
func (g *graph) span(i int, full bool) (int, int) {
	a, b := i, i
	var walk func(n int, top bool)
	walk = func(n int, top bool) {
		for _, k := range g.kids[n] {
			switch g.baseRel(k) {
			case "punct", "parataxis", "advcl", "dep", "discourse", "vocative", "mark":
				continue
			case "case":
				if top {
					continue
				}
			case "acl":
				continue
			case "conj", "cc", "appos":
				if !full || g.rel(k) == "conj" && !g.isNominal(k) && g.toks[k].UPOS != "NOUN" {
					continue
				}
			case "nmod", "obl":
				c := g.caseOf(k)
				if strings.HasSuffix(g.rel(k), "tmod") || g.lx.timeWords[g.lemma(k)] || c == "for" || c == "during" || c == "following" || c == "after" || c == "before" || c == "since" || c == "until" || c == "amid" {
					continue
				}
			}
			if k < a {
				a = k
			}
			if k > b {
				b = k
			}
			walk(k, false)
		}
	}
	walk(i, true)
	for a < b && g.toks[a].UPOS == "PUNCT" {
		a++
	}
	for b > a && (g.toks[b].UPOS == "PUNCT" && !g.closes(a, b) || g.toks[b].UPOS == "CCONJ") {
		b--
	}
	return a, b
}

// temporal reports whether dependent o dates the event ("on Wednesday",
// "in March") rather than naming a participant.
func (g *graph) temporal(o int) bool {
	return g.lx.timeWords[g.lemma(o)] || strings.HasSuffix(g.rel(o), "tmod")
}

// closes reports whether token b is a closing bracket opened within [a, b).
func (g *graph) closes(a, b int) bool {
	open := map[string]string{")": "(", "]": "[", "}": "{"}[g.toks[b].Text]
	if open == "" {
		return false
	}
	for k := a; k < b; k++ {
		if g.toks[k].Text == open {
			return true
		}
	}
	return false
}

func (g *graph) phraseText(a, b int) string {
	var sb strings.Builder
	for k := a; k <= b; k++ {
		sb.WriteString(g.toks[k].Text)
		if k < b && g.toks[k].SpaceAfter {
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}

// actor converts an arg into the Event's Actor.
func (g *graph) actor(a arg, phrase bool) Actor {
	if !a.present() {
		return Actor{}
	}
	sp := a.span
	out := Actor{Text: a.text, Span: &sp}
	if phrase {
		// the union of the noun phrase and the mention
		x, y := g.span(a.tok, true)
		sp = doc.Span{Start: min(g.toks[x].Start, sp.Start), End: max(g.toks[y].End, sp.End)}
		out.Span, out.Text = &sp, g.phraseText(x, y)
	}
	if a.m != nil {
		out.Code, out.Name, out.Country, out.Sector = a.m.Code, a.m.Name, a.m.Country, a.m.Sector
	}
	return out
}

// dominates reports whether a is b or an ancestor of b.
func (g *graph) dominates(a, b int) bool {
	if a < 0 {
		return false
	}
	for n, steps := b, 0; n >= 0 && steps <= len(g.toks); n, steps = g.heads[n], steps+1 {
		if n == a {
			return true
		}
	}
	return false
}

// misparsedPredicate reports whether verb i, parsed as a past participle
// modifying the noun after it, is really the predicate of the noun phrase
// just before it ("Armenian police detained dozens", "UK extradited the
// preacher"), as taggers confuse VBD and VBN; it returns the head of that
// phrase. A participle after a determiner, number, adjective or
// punctuation ("the arrested students", "US-led forces") is left alone.
func (g *graph) misparsedPredicate(i int) (int, bool) {
	h := g.heads[i]
	if g.rel(i) != "amod" || h <= i || i == 0 || g.toks[i].UPOS != "VERB" {
		return -1, false
	}
	if x := g.toks[i].XPOS; x != "VBD" && x != "VBN" {
		return -1, false
	}
	if u := g.toks[i-1].UPOS; u != "NOUN" && u != "PROPN" && u != "PRON" {
		return -1, false
	}
	n := i - 1
	for steps := 0; steps < len(g.toks) && g.heads[n] >= 0 && g.heads[n] < i; steps++ {
		n = g.heads[n]
	}
	if g.heads[n] == h {
		switch g.rel(n) {
		case "compound", "amod", "nmod:poss", "det", "nummod", "flat":
			// a modifier of the same noun ("the US-backed", "Iran's
			// detained citizens") only when it is a possessor or a name
			if g.rel(n) != "compound" {
				return -1, false
			}
		}
	}
	return n, true
}

// addPhrases adds the noun phrases that name no dictionary actor as
// mentions without a code: the nominal subjects, objects and prepositional
// dependents of the sentence's predicates. The role model scores them like
// any mention; a chosen one takes the country the text supports
// (Coder.side) or, with Options.Uncoded, stands as a span without a code.
func (g *graph) addPhrases() {
	g.ms = g.ms[:len(g.ms):len(g.ms)] // never write into the caller's array
	for i := range g.toks {
		if g.mentAt[i] >= 0 || g.findActor(i) >= 0 || !g.isNominal(i) || g.lx.relPronouns[g.lemma(i)] || g.lx.timeWords[g.lemma(i)] || g.lemma(i) == "what" {
			continue
		}
		switch g.baseRel(i) {
		case "nsubj", "obj", "iobj", "obl", "nmod":
		default:
			continue
		}
		if strings.HasSuffix(g.rel(i), "tmod") {
			continue
		}
		a, b := g.phraseSpan(i)
		g.ms = append(g.ms, Mention{Start: i, End: i + 1, Span: doc.Span{Start: g.toks[a].Start, End: g.toks[b].End}, Text: g.phraseText(a, b)})
		g.mentAt[i] = len(g.ms) - 1
		g.mentHead = append(g.mentHead, i)
	}
}

// mentionActor converts mention mi into an event side.
func (g *graph) mentionActor(mi int, phrase bool) Actor {
	m := &g.ms[mi]
	return g.actor(arg{m: m, tok: g.mentHead[mi], span: m.Span, text: m.Text}, phrase)
}
