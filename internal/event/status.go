package event

import (
	"regexp"
	"strings"
)

// Cue words, by lemma.
var (
	negWords      = set("not", "never", "n't", "no", "neither", "nor")
	hypoAux       = set("could", "might", "may", "would", "should", "can", "must", "ought")
	futureAux     = set("will", "shall", "'ll", "wo")
	conditionals  = set("if", "unless", "whether", "lest")
	negControl    = set("fail", "refuse", "decline", "avoid", "stop", "cease", "halt", "abandon", "forgo", "reject")
	futureControl = set("plan", "intend", "agree", "expect", "aim", "hope", "want", "seek", "vow", "promise", "pledge", "prepare", "decide", "schedule", "set", "propose", "offer", "go", "mean", "wish", "resolve", "commit", "undertake", "consider", "try", "attempt", "be", "ready")
	hypoControl   = set("threaten", "consider", "weigh", "contemplate", "mull", "warn", "urge", "call", "ask", "demand", "appeal", "press", "push", "encourage", "need", "would")
	denyVerbs     = set("deny", "reject", "dismiss", "refute", "rebut", "disprove", "debunk", "contradict", "dispute", "discredit")
	speechVerbs   = set("say", "tell", "claim", "announce", "state", "accuse", "report", "add", "insist", "allege", "confirm", "note", "write", "declare", "explain", "argue", "assert", "maintain", "stress", "emphasize", "emphasise", "acknowledge", "admit", "reveal", "disclose", "indicate", "suggest", "warn", "tweet", "post", "quote", "testify", "believe", "think", "charge", "recall", "boast", "contend", "reiterate", "predict")
	falsehoods    = set("lie", "fabrication", "falsehood", "myth", "hoax", "fiction", "fake", "smear", "propaganda", "disinformation")
	claimNouns    = set("claim", "report", "allegation", "accusation", "rumor", "rumour", "assertion", "suggestion", "story", "charge", "speculation")
	falseAdjs     = set("false", "baseless", "unfounded", "fabricated", "untrue", "bogus", "groundless", "fake", "spurious", "absurd", "ridiculous")
)

type statusInfo struct {
	status  Status
	cue     int    // token that set status, -1 for asserted
	speaker *Actor // whose speech the event is in
}

// status walks from the clause head of an event up the tree and returns the
// nearest cue that changes what the text asserts: negation, condition,
// modality, intention, denial; reported speech only when nothing stronger.
func (g *graph) status(anchor int) statusInfo {
	out := statusInfo{status: Asserted, cue: -1}
	set := func(s Status, cue int) {
		if out.status == Asserted || out.status == Reported {
			out.status, out.cue = s, cue
		}
	}
	strong := func() bool { return out.status != Asserted && out.status != Reported }
	n := anchor
	local := true // own auxiliaries and negation count
	for steps := 0; n >= 0 && steps <= len(g.toks); steps++ {
		if local {
			g.localCues(n, set)
		}
		// Parataxis speech: "X attacked Y, officials said."
		for _, k := range g.kids[n] {
			if (g.rel(k) == "parataxis" || g.rel(k) == "ccomp") && speechVerbs[g.lemma(k)] && k > anchor && out.speaker == nil && len(g.kidsRel(k, "ccomp")) == 0 {
				if sp := g.speaker(k); sp != nil {
					out.speaker = sp
					if out.status == Asserted {
						out.status, out.cue = Reported, k
					}
				}
			}
			// "according to X"
			if g.baseRel(k) == "obl" && g.caseOf(k) == "according" && out.speaker == nil {
				a := g.actors([]int{k}, true)
				if len(a) > 0 {
					act := g.actor(a[0])
					out.speaker = &act
					if out.status == Asserted {
						out.status, out.cue = Reported, k
					}
				}
			}
		}
		h := g.heads[n]
		if h < 0 {
			break
		}
		rel, hl := g.rel(n), g.lemma(h)
		local = true
		switch g.baseRel(n) {
		case "xcomp":
			switch {
			case negControl[hl]:
				set(Negated, h)
			case hl == "deny":
				set(Denied, h)
			case hypoControl[hl]:
				set(Hypothetical, h)
			case futureControl[hl]:
				if hl == "be" {
					break
				}
				set(Future, h)
			}
		case "ccomp", "csubj":
			switch {
			case denyVerbs[hl]:
				set(Denied, h)
			case speechVerbs[hl]:
				if out.speaker == nil {
					out.speaker = g.speaker(h)
				}
				if out.status == Asserted {
					out.status, out.cue = Reported, h
				}
			case hypoControl[hl] || hl == "fear" || hl == "imagine" || hl == "suppose":
				set(Hypothetical, h)
			}
		case "advcl":
			if denyVerbs[hl] && g.toks[n].XPOS == "VBG" {
				set(Denied, h)
			}
		case "acl":
			// "the lie that X attacked Y", "claims that", "reports that"
			if falsehoods[hl] {
				set(Denied, h)
			} else if claimNouns[hl] {
				for _, a := range g.kidsRel(h, "amod") {
					if falseAdjs[g.lemma(a)] {
						set(Denied, a)
					}
				}
			}
		case "obj", "nsubj", "nsubj:pass", "nmod", "obl":
			// a nominal event or claim noun governed by a verb
			if rel == "obj" && denyVerbs[hl] {
				set(Denied, h)
			}
			if g.baseRel(n) == "obj" && negControl[hl] && hl != "reject" {
				// "stopped the attacks" is itself an event; keep asserted
			}
		case "conj":
			local = false // the first conjunct's auxiliaries are its own
		}
		if falsehoods[g.lemma(n)] && n != anchor {
			set(Denied, n)
		}
		if strong() && out.speaker != nil {
			break
		}
		n = h
	}
	return out
}

// localCues applies the negation, modality and condition markers attached
// to token n itself.
func (g *graph) localCues(n int, set func(Status, int)) {
	for _, k := range g.kids[n] {
		l := g.lemma(k)
		switch g.baseRel(k) {
		case "advmod", "neg":
			if negWords[l] || strings.ToLower(g.toks[k].Text) == "n't" {
				set(Negated, k)
			}
		case "det":
			if l == "no" {
				set(Negated, k)
			}
		case "aux":
			switch {
			case futureAux[l] || futureAux[strings.ToLower(g.toks[k].Text)]:
				set(Future, k)
			case hypoAux[l]:
				set(Hypothetical, k)
			}
		case "mark":
			if conditionals[l] {
				set(Hypothetical, k)
			}
		case "amod":
			if falseAdjs[l] {
				set(Denied, k)
			}
		}
	}
	// "going to attack": the trigger is xcomp of "go" with aux "be"; handled
	// by futureControl. "is about to": advmod "about" + mark "to".
}

// speaker returns the actor (or noun phrase) that is the subject of speech
// verb v.
func (g *graph) speaker(v int) *Actor {
	for _, k := range g.kids[v] {
		if g.rel(k) == "nsubj" {
			a := g.actors([]int{k}, true)
			if len(a) == 0 {
				return nil
			}
			act := g.actor(a[0])
			return &act
		}
	}
	return nil
}

// interview labels: "Q:", "A:" or a speaker name at the start of a line.
var labelRE = regexp.MustCompile(`^\s*(Q|A|[A-Z][A-Za-z.' -]{1,40}):\s`)

// interviewSpeakers attributes the sentences of an interview: lines that
// start with "A:" belong to the interviewee, named by a later "Name:" label
// or by the first person-like actor of the introduction; lines with a
// "Name:" label belong to that name. It returns a speaker per sentence (nil
// when the sentence is not an answer).
func interviewSpeakers(in Input) []*Actor {
	out := make([]*Actor, len(in.Sentences))
	if !strings.Contains(in.Text, "Q:") && !strings.Contains(in.Text, "A:") && !labelRE.MatchString(in.Text) {
		hasLabel := false
		for _, line := range strings.Split(in.Text, "\n") {
			if labelRE.MatchString(line) {
				hasLabel = true
				break
			}
		}
		if !hasLabel {
			return out
		}
	}
	// Find line starts and their labels.
	type block struct {
		start int
		label string
	}
	var blocks []block
	off := 0
	labels := 0
	for _, line := range strings.SplitAfter(in.Text, "\n") {
		if m := labelRE.FindStringSubmatch(line); m != nil {
			blocks = append(blocks, block{off, m[1]})
			labels++
		}
		off += len(line)
	}
	if labels < 2 {
		return out
	}
	// The interviewee: the first coded mention before the first label.
	var interviewee *Actor
	if len(blocks) > 0 {
		for si, ms := range in.Mentions {
			if si < len(in.Sentences) && in.Sentences[si].Start >= blocks[0].start {
				break
			}
			for _, m := range ms {
				if m.Code != "" && (m.Sector != "" || strings.Contains(m.Text, " ")) {
					sp := m.Span
					interviewee = &Actor{Code: m.Code, Name: m.Name, Text: m.Text, Span: &sp, Country: m.Country, Sector: m.Sector}
					break
				}
			}
			if interviewee != nil {
				break
			}
		}
	}
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
		case cur.label == "Q":
		case cur.label == "A":
			out[si] = interviewee
		default:
			name := strings.TrimSpace(cur.label)
			out[si] = &Actor{Name: name, Text: name}
			if interviewee != nil && strings.Contains(interviewee.Text, name) {
				out[si] = interviewee
			}
		}
	}
	return out
}
