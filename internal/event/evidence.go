package event

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/doc"
)

// The verb and noun patterns (PETRARCH's dictionary and ours) are evidence
// for the event and role models, not the judge: a pattern that matches a
// trigger proposes a code and the actors in its source and target places,
// and the models weigh those proposals beside everything else they see.

// match is what one pattern proposes at one trigger.
type match struct {
	sent     int
	trigger  int // token carrying the code (verb or noun)
	anchor   int // clause head (the light verb of an event noun)
	rule     *cameo.Rule
	code     string
	src, tgt arg
	reverse  bool
}

// arg is one side of a match: an actor mention or, with Options.Uncoded, a
// noun phrase.
type arg struct {
	m    *Mention
	tok  int // head token, -1 when absent
	span doc.Span
	text string
}

func (a arg) present() bool { return a.tok >= 0 }

// evidence is what the patterns say about one token.
type evidence struct {
	roots, codes []string
	rules        []string
	srcs, tgts   map[int]bool // mention indices in the source and target places
}

// role returns the places the patterns give mention mi.
func (e *evidence) role(mi int) []string {
	var out []string
	if e.srcs[mi] {
		out = append(out, "source")
	}
	if e.tgts[mi] {
		out = append(out, "target")
	}
	if len(out) == 0 {
		out = append(out, "none")
	}
	return out
}

// evidenceOf collects the pattern matches of a sentence by token: each
// match counts for its trigger and for its anchor (the light verb).
func (c *Coder) evidenceOf(si int, g *graph) map[int]*evidence {
	ms, _ := c.patternMatches(si, g)
	if len(ms) == 0 {
		return nil
	}
	mentionIndex := func(a arg) int {
		if a.m == nil {
			return -1
		}
		for k := range g.ms {
			if &g.ms[k] == a.m {
				return k
			}
		}
		return -1
	}
	out := map[int]*evidence{}
	for _, m := range ms {
		for _, tok := range []int{m.trigger, m.anchor} {
			e := out[tok]
			if e == nil {
				e = &evidence{srcs: map[int]bool{}, tgts: map[int]bool{}}
				out[tok] = e
			}
			if !slices.Contains(e.codes, m.code) {
				e.codes = append(e.codes, m.code)
				e.roots = append(e.roots, cameo.Root(m.code))
				e.rules = append(e.rules, fmt.Sprintf("%s %s → %s", m.rule.ID, m.rule.Text, m.code))
			}
			if k := mentionIndex(m.src); k >= 0 {
				e.srcs[k] = true
			}
			if k := mentionIndex(m.tgt); k >= 0 {
				e.tgts[k] = true
			}
			if m.anchor == m.trigger {
				break
			}
		}
	}
	for _, e := range out {
		sort.Strings(e.roots)
	}
	return out
}

// patternMatches finds what the verb and noun patterns say of one
// sentence, and the reason when they say nothing.
func (c *Coder) patternMatches(si int, g *graph) ([]match, string) {
	var out []match
	var reasons []string
	consumed := map[int]bool{}
	// Verbs first, so that light verbs claim their nouns.
	for i := range g.toks {
		t := &g.toks[i]
		if t.UPOS != "VERB" && !(t.UPOS == "AUX" && len(c.pats.Verbs(t.Lemma)) > 0 && g.rel(i) != "aux" && g.rel(i) != "aux:pass" && g.rel(i) != "cop") {
			continue
		}
		cs, why := c.codeVerb(si, g, i, consumed)
		out = append(out, cs...)
		if why != "" {
			reasons = append(reasons, why)
		}
	}
	for i := range g.toks {
		t := &g.toks[i]
		if consumed[i] || (t.UPOS != "NOUN" && t.UPOS != "PROPN") {
			continue
		}
		cs, why := c.codeNoun(si, g, i)
		out = append(out, cs...)
		if why != "" {
			reasons = append(reasons, why)
		}
	}
	if len(out) == 0 && len(reasons) > 0 {
		return nil, strings.Join(reasons, "; ")
	}
	return out, ""
}

// codeVerb codes verb i.
func (c *Coder) codeVerb(si int, g *graph, i int, consumed map[int]bool) ([]match, string) {
	lemma := g.lemma(i)
	rules := c.pats.Verbs(lemma)
	if form := strings.ToLower(g.word(i)); len(rules) == 0 && form != lemma {
		// a dictionary may list an inflected form ("SAID") as a verb of its own
		rules = c.pats.Verbs(form)
	}
	f := g.frame(i)
	// Light verb + event noun: the noun's rule codes, the verb's subject is the source.
	if g.lx.lightVerbs[lemma] {
		for _, o := range f.objs {
			nr := c.bestNoun(g, o)
			if nr == nil {
				continue
			}
			best, _ := c.bestVerb(g, rules, f)
			if best != nil && best.Specificity() > 2 && !best.Block {
				break // a specific verb pattern ("sign agreement") beats the noun
			}
			consumed[o] = true
			if nr.Block {
				return nil, fmt.Sprintf("%q vetoed by %s", g.word(o), nr.ID)
			}
			srcs := f.subjects
			tgts := g.nounTargets(o, nr)
			if len(tgts) == 0 {
				tgts = g.prepArgs(f.obls, nr.Target, defaultTargetPreps)
			}
			if len(tgts) == 0 {
				// "launched air strikes on Syrian troops"
				tgts = g.prepArgs(g.nmods(o), nil, directedPreps)
			}
			if len(tgts) == 0 {
				// "between the two ministers"
				tgts = g.nounBetween(o)
			}
			return c.pairs(si, g, o, i, nr, srcs, tgts), ""
		}
	}
	if len(rules) == 0 {
		return nil, ""
	}
	best, _ := c.bestVerb(g, rules, f)
	if best == nil {
		return nil, fmt.Sprintf("%q: no pattern's constraints hold", g.word(i))
	}
	if best.Block {
		return nil, fmt.Sprintf("%q vetoed by %s", g.word(i), best.ID)
	}
	if best.Obj != nil {
		for _, o := range f.objs {
			consumed[o] = true
		}
	}
	var tgts []int
	if len(best.Target) > 0 {
		for _, t := range best.Target {
			switch t {
			case "obj":
				tgts = append(tgts, f.objs...)
				if len(f.objs) == 0 && len(best.Prt) > 0 {
					// "called on leaders" with on parsed as a preposition
					for _, o := range f.obls {
						if slices.Contains(best.Prt, g.caseOf(o)) {
							tgts = append(tgts, g.conjuncts(o)...)
						}
					}
				}
			case "iobj":
				tgts = append(tgts, f.iobjs...)
			default:
				tgts = append(tgts, g.prepArgs(f.obls, []string{t}, nil)...)
				for _, o := range f.objs {
					tgts = append(tgts, g.prepArgs(g.nmods(o), []string{t}, nil)...)
				}
			}
		}
	}
	if len(tgts) == 0 {
		// The pattern's place is empty ("expelled the diplomat" without
		// "from"): the default places.
		tgts = g.defaultTargets(f)
	}
	if len(g.actors(tgts, false)) == 0 {
		// "threatened to attack Israel": the target of the complement.
		for _, x := range g.kidsRel(i, "xcomp") {
			if xt := g.defaultTargets(g.frame(x)); len(g.actors(xt, false)) > 0 {
				tgts = xt
				break
			}
		}
	}
	return c.pairs(si, g, i, i, best, f.subjects, tgts), ""
}

// bestVerb picks the most specific rule whose constraints hold; later
// rules win ties, so our patterns.txt overrides the imported verbs.
func (c *Coder) bestVerb(g *graph, rules []*cameo.Rule, f frame) (*cameo.Rule, int) {
	var best *cameo.Rule
	bs := -1
	for _, r := range rules {
		if !g.holds(r, f) {
			continue
		}
		if s := r.Specificity(); s >= bs {
			best, bs = r, s
		}
	}
	return best, bs
}

func (c *Coder) bestNoun(g *graph, i int) *cameo.Rule {
	var best *cameo.Rule
	bs := -1
	f := frame{obls: g.nmods(i)}
	for _, r := range c.pats.Nouns(g.lemma(i)) {
		if !g.holds(r, f) {
			continue
		}
		if s := r.Specificity(); s >= bs {
			best, bs = r, s
		}
	}
	return best
}

// codeNoun codes an event noun: "the American and British attacks on Yemen".
func (c *Coder) codeNoun(si int, g *graph, i int) ([]match, string) {
	r := c.bestNoun(g, i)
	if r == nil {
		return nil, ""
	}
	if r.Block {
		return nil, fmt.Sprintf("%q vetoed by %s", g.word(i), r.ID)
	}
	srcs := g.nounSources(i, r)
	tgts := g.nounTargets(i, r)
	if b := g.nounBetween(i); len(b) > 0 {
		// "talks between Iran and Russia": the first is the source unless
		// the noun has its own ("Iranian talks between ...").
		if len(srcs) == 0 {
			srcs, b = b[:1], b[1:]
		}
		tgts = append(tgts, b...)
	}
	// The noun is its own anchor: status walks up from it, so "denied the
	// attack" and "no attacks" reach it.
	return c.pairs(si, g, i, i, r, srcs, tgts), ""
}

// pairs makes one candidate per source × target, and the reverse events of
// paired codes.
func (c *Coder) pairs(si int, g *graph, trig, anchor int, r *cameo.Rule, srcs, tgts []int) []match {
	srcArgs := g.actors(srcs, c.opt.Uncoded)
	tgtArgs := g.actors(tgts, c.opt.Uncoded)
	if len(tgtArgs) == 0 && len(srcArgs) >= 2 && (g.lx.reciprocal[g.lemma(trig)] || cameo.Root(r.Code) == "04") {
		// "Saudi Arabia and the Houthis will exchange prisoners": each
		// side acts on the other.
		var out []match
		for i, s := range srcArgs {
			for j, t := range srcArgs {
				if i != j && r.Code != "" {
					out = append(out, match{sent: si, trigger: trig, anchor: anchor, rule: r, code: r.Code, src: s, tgt: t})
				}
			}
		}
		return out
	}
	// An actor is never its own target ("Iran's Iranian ...").
	if len(srcArgs) == 0 {
		srcArgs = []arg{{tok: -1}}
	}
	if len(tgtArgs) == 0 {
		tgtArgs = []arg{{tok: -1}}
	}
	var out []match
	for _, s := range srcArgs {
		for _, t := range tgtArgs {
			if s.present() && t.present() && (s.span == t.span || s.m != nil && t.m != nil && s.m.Code != "" && s.m.Code == t.m.Code) {
				continue // an actor does not act on itself
			}
			if r.Code != "" {
				out = append(out, match{sent: si, trigger: trig, anchor: anchor, rule: r, code: r.Code, src: s, tgt: t})
			}
			if r.Reverse != "" && s.present() && t.present() {
				out = append(out, match{sent: si, trigger: trig, anchor: anchor, rule: r, code: r.Reverse, src: t, tgt: s, reverse: true})
			}
		}
	}
	return out
}
