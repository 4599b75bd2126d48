package event

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dyad-project/dyad/internal/doc"
)

type statusInfo struct {
	status  Status
	cue     int    // token that set status, -1 for asserted
	speaker *Actor // whose speech the event is in
}

// status walks from the clause head of an event up the tree and returns the
// nearest cue that changes what the text asserts: negation, condition,
// modality, intention, denial; reported speech only when nothing stronger.
// At each step the markers on the governing word come before the meaning of
// the link ("did not agree to help" is negated, "no plans to attack" too).
func (g *graph) status(anchor int) statusInfo {
	out := statusInfo{status: Asserted, cue: -1}
	frozen := false // past a relative clause or apposition: its own clause
	setS := func(s Status, cue int) {
		if frozen {
			return
		}
		if out.status == Asserted || out.status == Reported {
			out.status, out.cue = s, cue
		}
	}
	strong := func() bool { return out.status != Asserted && out.status != Reported }
	if s, c := g.localCues(anchor); c >= 0 {
		setS(s, c)
	}
	underSpeech := false
	n := anchor
	for steps := 0; n >= 0 && steps <= len(g.toks); steps++ {
		g.attribution(n, anchor, &out)
		h := g.heads[n]
		if h < 0 {
			break
		}
		hl := g.lemma(h)
		base := g.baseRel(n)
		if g.controlled(n) {
			base = "xcomp"
		}
		nominal := g.isNominal(n) || g.toks[n].UPOS == "NOUN"
		inherit := false
		switch base {
		case "xcomp":
			inherit = true
		case "acl":
			inherit = g.isNominal(h) || g.toks[h].UPOS == "NOUN"
		case "obj", "nsubj", "nsubj:pass":
			inherit = nominal && (g.lx.lightVerbs[hl] || hl == "be" || hl == "have")
		}
		if inherit {
			if s, c := g.localCues(h); c >= 0 {
				setS(s, c)
			}
		}
		// "had no plans to attack", with the infinitive on the verb
		if base == "xcomp" || base == "advcl" {
			if mk := g.kidsRel(n, "mark"); len(mk) > 0 && g.lemma(mk[0]) == "to" {
				for _, o := range g.kidsRel(h, "obj") {
					if g.lx.futureNouns[g.lemma(o)] {
						if s, c := g.localCues(o); c >= 0 {
							setS(s, c)
						}
						setS(Future, o)
					}
				}
			}
		}
		switch base {
		case "xcomp":
			switch {
			case g.lx.negControl[hl]:
				setS(Negated, h)
			case hl == "deny":
				setS(Denied, h)
			case g.lx.hypoControl[hl]:
				setS(Hypothetical, h)
			case g.lx.futureControl[hl] && hl != "be":
				setS(Future, h)
			case g.lx.futureNouns[hl]:
				setS(Future, h)
			}
		case "ccomp", "csubj":
			switch {
			case g.lx.denyVerbs[hl]:
				setS(Denied, h)
			case g.lx.speechVerbs[hl]:
				underSpeech = true
				if out.speaker == nil {
					out.speaker = g.speaker(h)
				}
				if out.status == Asserted {
					out.status, out.cue = Reported, h
				}
			case hl == "fear" || hl == "imagine" || hl == "suppose":
				setS(Hypothetical, h)
			}
		case "advcl":
			if g.lx.denyVerbs[hl] && g.toks[n].XPOS == "VBG" {
				setS(Denied, h)
			}

		case "acl":
			switch {
			case g.lx.falsehoods[hl]:
				setS(Denied, h)
			case g.lx.futureNouns[hl]:
				setS(Future, h)
			case g.lx.claimNouns[hl]:
				for _, a := range g.kidsRel(h, "amod") {
					if g.lx.falseAdjs[g.lemma(a)] {
						setS(Denied, a)
					}
				}
				// "called the claim that ... a lie"
				if hh := g.heads[h]; hh >= 0 {
					for _, sib := range g.kids[hh] {
						if sib != h && (g.lx.falsehoods[g.lemma(sib)] || g.lx.falseAdjs[g.lemma(sib)]) {
							setS(Denied, sib)
						}
					}
				}
			}
		case "obj":
			if g.lx.denyVerbs[hl] {
				setS(Denied, h)
			}
		}
		if strong() && out.speaker != nil {
			break
		}
		if r := g.rel(n); r == "acl:relcl" || r == "appos" || base == "parataxis" || base == "list" {
			frozen = true
		}
		n = h
	}
	// "said Biden would raise ...": would in reported speech is the future
	// seen from the past, unless a condition makes it hypothetical.
	if out.status == Hypothetical && out.cue >= 0 && g.lemma(out.cue) == "would" && (underSpeech || out.speaker != nil) && !g.siblingCondition(out.cue) {
		out.status = Future
	}
	return out
}

// attribution records reported speech attached to node n: a speech verb in
// parataxis after the event ("X attacked Y, officials said") or an
// "according to X" phrase.
func (g *graph) attribution(n, anchor int, out *statusInfo) {
	if out.speaker != nil {
		return
	}
	for _, k := range g.kids[n] {
		if (g.rel(k) == "parataxis" || g.rel(k) == "ccomp") && g.lx.speechVerbs[g.lemma(k)] && k > anchor && len(g.kidsRel(k, "ccomp")) == 0 {
			if sp := g.speaker(k); sp != nil {
				out.speaker = sp
				if out.status == Asserted {
					out.status, out.cue = Reported, k
				}
				return
			}
		}
		if g.baseRel(k) == "obl" && g.caseOf(k) == "according" {
			if a := g.actors([]int{k}, true); len(a) > 0 {
				act := g.actor(a[0], false)
				out.speaker = &act
				if out.status == Asserted {
					out.status, out.cue = Reported, k
				}
				return
			}
		}
	}
}

// localCues returns the strongest status marker attached to token n itself
// and its cue token (-1 when none): negation, then condition, then denial
// adjectives, then modality and future auxiliaries.
func (g *graph) localCues(n int) (Status, int) {
	best, cue, rank := Asserted, -1, 0
	try := func(s Status, c, r int) {
		if r > rank {
			best, cue, rank = s, c, r
		}
	}
	for _, k := range g.kids[n] {
		// "attack Niger, an accusation that Paris denied"
		for _, ap := range append(g.kidsRel(k, "appos"), k) {
			if g.rel(ap) != "appos" || !g.lx.claimNouns[g.lemma(ap)] {
				continue
			}
			for _, rc := range g.kidsRel(ap, "acl:relcl") {
				if g.lx.denyVerbs[g.lemma(rc)] {
					try(Denied, rc, 3)
				}
			}
		}
		// a denial hanging from the event clause itself, as a parser may
		// attach "…, an accusation that Paris denied"
		if r := g.rel(k); (r == "ccomp" || r == "acl:relcl" || r == "parataxis") && g.lx.denyVerbs[g.lemma(k)] && k > n {
			try(Denied, k, 3)
		}
		l := g.lemma(k)
		switch g.baseRel(k) {
		case "advmod", "neg":
			if g.lx.negWords[l] || strings.ToLower(g.toks[k].Text) == "n't" {
				try(Negated, k, 5)
			}
		case "det":
			if l == "no" {
				try(Negated, k, 5)
			}
		case "aux":
			switch {
			case g.lx.futureAux[l] || g.lx.futureAux[strings.ToLower(g.toks[k].Text)]:
				try(Future, k, 1)
			case g.lx.hypoAux[l]:
				try(Hypothetical, k, 2)
			}
		case "mark":
			if g.lx.conditionals[l] {
				try(Hypothetical, k, 4)
			}
		case "advcl":
			// "would provide aid if a third country attacked"
			for _, m := range g.kidsRel(k, "mark") {
				if g.lx.conditionals[g.lemma(m)] && g.lemma(m) != "whether" {
					try(Hypothetical, m, 4)
				}
			}
		case "amod":
			if g.lx.falseAdjs[l] {
				try(Denied, k, 3)
			}
		case "obj", "xcomp":
			// "called the claim that Iran had sent missiles a lie", with
			// the lie parsed as a dependent of the claimed act
			if g.lx.falsehoods[l] && k > n && g.rel(g.heads[n]) == "obj" && g.lx.claimNouns[g.lemma(g.heads[n])] {
				try(Denied, k, 3)
			}
		}
	}
	return best, cue
}

// speaker returns the actor (or noun phrase) that is the subject of speech
// verb v.
func (g *graph) speaker(v int) *Actor {
	subj := g.kidsRel(v, "nsubj")
	if len(subj) == 0 {
		return nil
	}
	// Prefer a subject that is an actor; else the one nearest the verb.
	pick := subj[len(subj)-1]
	for _, k := range subj {
		if g.findActor(k) >= 0 {
			pick = k
			break
		}
	}
	a := g.actors([]int{pick}, true)
	if len(a) == 0 {
		return nil
	}
	act := g.actor(a[0], false)
	return &act
}

// interview labels: "Q:", "A:" or a speaker name at the start of a line.
var labelRE = regexp.MustCompile(`(?m)^[ \t]*(Q|A|[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,4}):[ \t]`)

// interviewer names introduce an interviewee in the introduction.
var intervieweeRE = regexp.MustCompile(`(?:(?:Dr|Prof|Mr|Ms|Mrs|Gen|Amb)\.|Professor|General|Ambassador|spoke (?:to|with)|interviewed|interview with)\s+((?:[A-Z][a-z]+\.?\s+){0,2}[A-Z][a-z]+)`)

// interviewSpeakers attributes the sentences of an interview. A text is an
// interview when it has both "Q:" and "A:" lines, or a speaker label used on
// two lines or more. Answers ("A:" or a label that is not the outlet's)
// belong to the interviewee: the person the introduction names ("We spoke
// to Dr. Leila Haddad"), or the label itself; questions ("Q:" or the
// outlet's label) belong to the outlet. It returns a speaker per sentence,
// nil outside the labelled blocks.
func interviewSpeakers(in Input, lx *Lexicon) []*Actor {
	out := make([]*Actor, len(in.Sentences))
	type block struct {
		start int
		label string
	}
	var blocks []block
	counts := map[string]int{}
	for _, m := range labelRE.FindAllStringSubmatchIndex(in.Text, 64*1024) {
		l := in.Text[m[2]:m[3]]
		if lx.headerLabels[l] {
			continue
		}
		blocks = append(blocks, block{m[0], l})
		counts[l]++
	}
	named := ""
	for l, n := range counts {
		if l != "Q" && l != "A" && l != in.Outlet && n >= 2 {
			named = l
		}
	}
	if !(counts["Q"] > 0 && counts["A"] > 0) && named == "" {
		return out
	}
	// The interviewee.
	var interviewee *Actor
	intro := in.Text[:blocks[0].start]
	if m := intervieweeRE.FindStringSubmatchIndex(intro); m != nil {
		start := m[2]
		for _, h := range []string{"Dr. ", "Prof. ", "Mr. ", "Ms. ", "Mrs. ", "Gen. ", "Amb. ", "Professor ", "General ", "Ambassador "} {
			if strings.HasPrefix(intro[start:m[3]], h) {
				start += len(h)
			}
		}
		name := intro[start:m[3]]
		sp := doc.Span{Start: start, End: m[3]}
		interviewee = &Actor{Name: name, Text: name, Span: &sp}
		// A dictionary actor at the same place gives the code.
		for _, ms := range in.Mentions {
			for _, mm := range ms {
				if mm.Span.Start < sp.End && sp.Start < mm.Span.End && mm.Code != "" {
					interviewee.Code, interviewee.Country, interviewee.Sector, interviewee.Name = mm.Code, mm.Country, mm.Sector, mm.Name
				}
			}
		}
	}
	if interviewee == nil {
		// The answers are still someone's words: the unnamed interviewee's.
		interviewee = &Actor{Name: "the interviewee"}
	}
	outlet := &Actor{Name: in.Outlet, Sector: "MED"}
	for si := range in.Sentences {
		st := in.Sentences[si].Start
		var cur *block
		for k := range blocks {
			if blocks[k].start <= st {
				cur = &blocks[k]
			}
		}
		if cur == nil {
			continue
		}
		switch {
		case cur.label == "Q" || cur.label == in.Outlet:
			if in.Outlet != "" {
				out[si] = outlet
			}
		case cur.label == "A":
			out[si] = interviewee
		default:
			if interviewee != nil && strings.Contains(interviewee.Text, cur.label) {
				out[si] = interviewee
			} else {
				out[si] = &Actor{Name: cur.label, Text: cur.label}
			}
		}
	}
	return out
}

// siblingCondition reports whether the clause of the modal at cue is
// followed by an "if" or "unless" clause attached beside it, as a parser may
// attach "said that X would strike ... if Y violated" to the speech verb.
func (g *graph) siblingCondition(cue int) bool {
	cl := g.heads[cue]
	if cl < 0 || g.heads[cl] < 0 {
		return false
	}
	for _, k := range g.kids[g.heads[cl]] {
		if k <= cl {
			continue
		}
		for _, m := range g.kidsRel(k, "mark") {
			if l := g.lemma(m); l == "if" || l == "unless" {
				return true
			}
		}
	}
	return false
}

// statusWhy says in words which cue set a status.
func (g *graph) statusWhy(st statusInfo) string {
	if st.cue < 0 {
		if st.status == Asserted {
			return "asserted: no cue of negation, condition, modality, intention, denial or speech governs the trigger"
		}
		return string(st.status)
	}
	w := fmt.Sprintf("%s: cue %q", st.status, g.toks[st.cue].Text)
	if st.speaker != nil && st.speaker.Text != "" {
		w += fmt.Sprintf(", speaker %q", st.speaker.Text)
	}
	return w
}

// trailingSpeech finds a closing attribution that the parse may have
// misattached: ", police said." or ", the ministry said on Tuesday." at the
// end of the sentence. It returns the speech verb and the comma before its
// subject, or -1, -1.
func (g *graph) trailingSpeech() (verb, comma int) {
	n := len(g.toks)
	end := n
	for end > 0 && g.toks[end-1].UPOS == "PUNCT" {
		end--
	}
	for v := end - 1; v >= 0 && v >= end-6; v-- {
		t := &g.toks[v]
		if t.UPOS != "VERB" || !g.lx.speechVerbs[g.lemma(v)] {
			continue
		}
		// after the verb: nothing but a date ("on Tuesday") or "reporters"
		for k := v + 1; k < end; k++ {
			if u := g.toks[k].UPOS; u == "VERB" || u == "AUX" {
				return -1, -1
			}
		}
		// before it, back to a comma: its subject, with no verb in it
		for c := v - 1; c >= 0 && c >= v-8; c-- {
			switch {
			case g.toks[c].Text == "," || g.toks[c].Text == "—" || g.toks[c].Text == "--":
				if c < v-1 {
					return v, c
				}
				return -1, -1
			case g.toks[c].UPOS == "VERB" || g.toks[c].UPOS == "AUX":
				return -1, -1
			}
		}
		return -1, -1
	}
	return -1, -1
}

// subjectBefore returns the actor or phrase between a comma and a speech
// verb ("…, Spain's interior ministry said"), for a speaker the parse did
// not attach to the verb.
func (g *graph) subjectBefore(v, comma int) *Actor {
	for k := v - 1; k > comma; k-- {
		if m := g.mentAt[k]; m >= 0 && g.ms[m].Code != "" {
			a := g.mentionActor(m, false)
			return &a
		}
	}
	if comma+1 < v {
		a, b := g.toks[comma+1], g.toks[v-1]
		sp := doc.Span{Start: a.Start, End: b.End}
		act := Actor{Text: g.phraseText(comma+1, v-1), Span: &sp}
		return &act
	}
	return nil
}
