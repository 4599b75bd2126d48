package event

import (
	"strconv"
	"strings"

	"github.com/dyad-project/dyad/internal/nlp/perceptron"
	"github.com/dyad-project/dyad/internal/nlp/wordclass"
)

// A feature is a template and up to two values, hashed into one key. The
// template names make the features readable in explanations.
type tmpl uint64

const (
	tBias tmpl = iota + 1
	tLemma
	tForm
	tPOS
	tLemmaPOS
	tClass
	tRel
	tRelLemma
	tHead
	tHeadRel
	tKid
	tKidLemma
	tPrep
	tPrepLemma
	tAux
	tNeg
	tObj
	tObjClass
	tLemmaObj
	tVoice
	tSubjActor
	tObjActor
	tActors
	tPattern
	tPatternCode
	tPatternLemma
	tPrev
	tNext
	tShape
	tSpeech
	tPoss
	tLightNoun
	tGovern
	tPrevClass
	tSubj
	tSuffix
	// role templates
	tPath
	tPathVoice
	tPathRoot
	tPathLemma
	tHop
	tHopRoot
	tSide
	tSideRoot
	tSector
	tMentionKind
	tSpeaker
	tPatternRole
	tNoun
	tBetween
	tDominates
	tLemmaHop
	tCode
	tLemmaActor
)

var tmplNames = map[tmpl]string{
	tBias: "bias", tLemma: "lemma", tForm: "word", tPOS: "pos", tLemmaPOS: "lemma+pos", tClass: "word class",
	tRel: "relation", tRelLemma: "relation+lemma", tHead: "governor", tHeadRel: "governor+relation", tKid: "dependent",
	tKidLemma: "dependent+lemma", tPrep: "preposition", tPrepLemma: "preposition+lemma", tAux: "auxiliary",
	tNeg: "negation", tObj: "object", tObjClass: "object class", tLemmaObj: "lemma+object", tVoice: "voice",
	tSubjActor: "subject actor", tObjActor: "object actor", tActors: "actors in sentence", tPattern: "pattern root",
	tPatternCode: "pattern code", tPatternLemma: "pattern root+lemma", tPrev: "previous word", tNext: "next word",
	tShape: "sentence shape", tSpeech: "inside speech", tPoss: "possessor", tLightNoun: "light verb+noun",
	tGovern: "governing predicate", tPrevClass: "previous word class", tSubj: "subject", tSuffix: "suffix",
	tPath: "path", tPathVoice: "path+voice", tPathRoot: "path+root", tPathLemma: "path+lemma", tHop: "relation to trigger",
	tHopRoot: "relation+root", tSide: "side", tSideRoot: "side+root", tSector: "sector", tMentionKind: "mention kind",
	tSpeaker: "speaker of trigger", tPatternRole: "pattern role", tNoun: "noun trigger", tBetween: "actors between",
	tDominates: "dominance", tLemmaHop: "lemma+relation", tCode: "code", tLemmaActor: "lemma+actor",
}

// feats collects the feature keys of one decision and, when explaining,
// their readable names.
type feats struct {
	keys    []uint32
	names   []string
	explain bool
}

func (f *feats) reset(explain bool) {
	f.keys, f.names, f.explain = f.keys[:0], f.names[:0], explain
}

func (f *feats) add(t tmpl, a, b string) {
	f.keys = append(f.keys, perceptron.Hash(uint64(t), perceptron.String(a), perceptron.String(b), 0))
	if f.explain {
		n := tmplNames[t] + "=" + a
		if b != "" {
			n += "|" + b
		}
		f.names = append(f.names, n)
	}
}

// className names a word's class at one granularity ("1:45").
func className(c wordclass.Classes, level int) string {
	return strconv.Itoa(level) + ":" + strconv.Itoa(int(c[level]))
}

// shape describes the sentence's register from its form: a headline has no
// final stop; case-folded text has no capitals.
func shape(g *graph) string {
	n := len(g.toks)
	last := g.toks[n-1].Text
	upper, lower, words := 0, 0, 0
	for _, t := range g.toks {
		c := t.Text[0]
		switch {
		case c >= 'A' && c <= 'Z':
			upper++
			words++
		case c >= 'a' && c <= 'z':
			lower++
			words++
		}
	}
	s := "prose"
	if last != "." && last != "?" && last != "!" && last != "\"" && last != "”" && last != "'" {
		s = "headline"
	}
	switch {
	case upper == 0 && words > 2:
		s += "-lower"
	case words > 3 && upper*10 >= words*7:
		s += "-title"
	}
	return s
}

// eventFeatures writes the features of candidate trigger i.
func (c *Coder) eventFeatures(f *feats, g *graph, i int, ev *evidence, sh string) {
	t := &g.toks[i]
	lemma := g.lemma(i)
	form := strings.ToLower(t.Form())
	f.add(tBias, "", "")
	f.add(tLemma, lemma, "")
	f.add(tForm, form, "")
	f.add(tPOS, t.UPOS, t.XPOS)
	f.add(tLemmaPOS, lemma, t.UPOS)
	f.add(tShape, sh, t.UPOS)
	if len(lemma) > 4 {
		f.add(tSuffix, lemma[len(lemma)-3:], t.UPOS)
	}
	wc := c.model.classes.Word(form)
	for level := range wc {
		f.add(tClass, className(wc, level), "")
	}
	rel := g.rel(i)
	f.add(tRel, rel, "")
	f.add(tRelLemma, rel, lemma)
	if h := g.heads[i]; h >= 0 {
		hl := g.lemma(h)
		f.add(tHead, hl, rel)
		f.add(tHeadRel, g.toks[h].UPOS, rel)
		if t.UPOS == "NOUN" || t.UPOS == "PROPN" {
			f.add(tLightNoun, hl, lemma)
		}
		if g.lx.speechVerbs[hl] {
			f.add(tSpeech, rel, "")
		}
		if c.model.classes != nil {
			f.add(tGovern, className(c.model.classes.Word(hl), 1), rel)
		}
	} else {
		f.add(tHead, "ROOT", "")
	}
	if i > 0 {
		p := strings.ToLower(g.toks[i-1].Form())
		f.add(tPrev, p, "")
		f.add(tPrevClass, className(c.model.classes.Word(p), 1), "")
	} else {
		f.add(tPrev, "<s>", "")
	}
	if i+1 < len(g.toks) {
		f.add(tNext, strings.ToLower(g.toks[i+1].Form()), "")
	} else {
		f.add(tNext, "</s>", "")
	}
	passive := false
	nActors := 0
	for _, k := range g.kids[i] {
		kr := g.rel(k)
		kl := g.lemma(k)
		f.add(tKid, kr, "")
		switch kr {
		case "aux", "aux:pass", "cop":
			f.add(tAux, kl, "")
			if kr == "aux:pass" {
				passive = true
			}
		case "advmod", "det":
			if g.lx.negWords[kl] || kl == "n't" {
				f.add(tNeg, kl, "")
			}
			f.add(tKidLemma, kr, kl)
		case "nsubj:pass":
			passive = true
			f.add(tSubj, "pass", g.lemma(k))
		case "nsubj":
			f.add(tSubj, "act", g.lemma(k))
		case "obj":
			f.add(tObj, kl, "")
			f.add(tLemmaObj, lemma, kl)
			f.add(tObjClass, className(c.model.classes.Word(kl), 2), "")
		case "xcomp", "ccomp", "compound:prt", "compound", "amod":
			f.add(tKidLemma, kr, kl)
		case "nmod:poss":
			if g.findActor(k) >= 0 {
				f.add(tPoss, "actor", "")
			} else {
				f.add(tPoss, g.toks[k].UPOS, "")
			}
		}
		if p := g.caseOf(k); p != "" && (strings.HasPrefix(kr, "obl") || strings.HasPrefix(kr, "nmod")) {
			f.add(tPrep, p, "")
			f.add(tPrepLemma, p, lemma)
			if g.findActor(k) >= 0 {
				f.add(tObjActor, "prep", p)
			}
		}
		if a := g.findActor(k); a >= 0 {
			nActors++
			f.add(tSubjActor, kr, "")
			f.add(tSubjActor, kr, g.ms[a].Sector)
			if kr == "nsubj" || kr == "obj" || kr == "nsubj:pass" {
				f.add(tLemmaActor, lemma+" "+kr, g.ms[a].Sector)
			}
		}
	}
	f.add(tVoice, strconv.FormatBool(passive), t.UPOS)
	switch {
	case len(g.ms) == 0:
		f.add(tActors, "none", "")
	case nActors == 0:
		f.add(tActors, "none-near", "")
	default:
		f.add(tActors, "near", strconv.Itoa(min(nActors, 3)))
	}
	if ev == nil {
		f.add(tPattern, "none", "")
		return
	}
	for _, p := range ev.roots {
		f.add(tPattern, p, "")
		f.add(tPatternLemma, p, lemma)
	}
	for _, p := range ev.codes {
		f.add(tPatternCode, p, "")
	}
}

// roleFeatures writes the features of actor mention mi as an argument of
// the event at trigger i with the given root.
func (c *Coder) roleFeatures(f *feats, g *graph, i, mi int, root string, ev *evidence) {
	h := g.mentHead[mi]
	m := &g.ms[mi]
	lemma := g.lemma(i)
	path, hop := g.path(h, i)
	voice := "active"
	for _, k := range g.kids[i] {
		if r := g.rel(k); r == "aux:pass" || r == "nsubj:pass" {
			voice = "passive"
		}
	}
	if g.toks[i].UPOS == "NOUN" || g.toks[i].UPOS == "PROPN" {
		voice = "noun"
	}
	f.add(tBias, "", "")
	f.add(tPath, path, "")
	f.add(tPathVoice, path, voice)
	f.add(tPathRoot, path, root)
	f.add(tPathLemma, path, lemma)
	f.add(tHop, hop, voice)
	f.add(tHopRoot, hop, root)
	f.add(tLemmaHop, lemma, hop)
	side := "before"
	if h > i {
		side = "after"
	}
	d := h - i
	if d < 0 {
		d = -d
	}
	dist := "1"
	switch {
	case d > 8:
		dist = "far"
	case d > 3:
		dist = "mid"
	case d > 1:
		dist = "near"
	}
	f.add(tSide, side, dist)
	f.add(tSideRoot, side, root)
	f.add(tSector, m.Sector, root)
	kind := "name"
	switch {
	case m.Code == "":
		kind = "uncoded " + g.toks[h].UPOS
	case g.toks[h].UPOS == "PRON":
		kind = "pronoun"
	case m.Ref != nil:
		kind = "coref"
	case m.Country == "" && m.Sector != "":
		kind = "generic"
	}
	f.add(tMentionKind, kind, side)
	between := 0
	for mj := range g.ms {
		if hj := g.mentHead[mj]; mj != mi && (hj > min(h, i) && hj < max(h, i)) {
			between++
		}
	}
	f.add(tBetween, strconv.Itoa(min(between, 3)), side)
	switch {
	case g.dominates(i, h):
		f.add(tDominates, "trigger-over", "")
	case g.dominates(h, i):
		f.add(tDominates, "mention-over", "")
	default:
		f.add(tDominates, "apart", "")
	}
	// the speaker of a speech verb that governs the trigger
	for a := g.heads[i]; a >= 0; a = g.heads[a] {
		if g.lx.speechVerbs[g.lemma(a)] {
			for _, s := range g.kidsRel(a, "nsubj") {
				if g.mentAt[s] == mi || g.findActor(s) == h {
					f.add(tSpeaker, g.lemma(a), "")
				}
			}
			break
		}
	}
	if ev != nil {
		for _, r := range ev.role(mi) {
			f.add(tPatternRole, r, "")
		}
	}
	f.add(tCode, root, side)
}

// path describes the dependency path from token a up to the nearest common
// ancestor with b and down to b, as relations (prepositions included), and
// the first step from a. Long paths are cut.
func (g *graph) path(a, b int) (string, string) {
	if a == b {
		return "self", "self"
	}
	var upBuf, downBuf [32]int
	up, down := upBuf[:0], downBuf[:0]
	for x, n := a, 0; x >= 0 && n < 30; x, n = g.heads[x], n+1 {
		up = append(up, x)
	}
	lca, lcaAt := -1, 0
	for x, n := b, 0; x >= 0 && n < 30 && lca < 0; x, n = g.heads[x], n+1 {
		for k, u := range up {
			if u == x {
				lca, lcaAt = x, k
				break
			}
		}
		if lca < 0 {
			down = append(down, x)
		}
	}
	hop := func(x int) string {
		r := g.rel(x)
		if p := g.caseOf(x); p != "" && (strings.HasPrefix(r, "obl") || strings.HasPrefix(r, "nmod") || strings.HasPrefix(r, "acl") || strings.HasPrefix(r, "advcl")) {
			r += "/" + p
		}
		return r
	}
	first := hop(a)
	if lca < 0 {
		return "apart", first
	}
	var sb strings.Builder
	steps := 0
	for _, x := range up[:lcaAt] {
		sb.WriteString(hop(x))
		sb.WriteString("^ ")
		steps++
	}
	for k := len(down) - 1; k >= 0; k-- {
		sb.WriteString("v")
		sb.WriteString(hop(down[k]))
		sb.WriteString(" ")
		steps++
	}
	if steps > 4 {
		return "long", first
	}
	if lca != b {
		first += "~"
	}
	return strings.TrimSpace(sb.String()), first
}
