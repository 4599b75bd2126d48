package event

import (
	"strings"

	"github.com/dyad-project/dyad/internal/cameo"
)

// detection is a trigger the event model scored as an event.
type detection struct {
	tok       int
	class     int     // index into Model.roots
	prob      float64 // probability that the trigger states an event
	code      string
	codeClass int // index into Model.codes
	// the strongest features of the root and code decisions, filled when
	// the first event of the trigger is explained
	features, codeFeatures []Weight
}

// candidate reports whether token i may trigger an event: a verb, or a
// noun, proper noun or adjective the model knows as an event word or the
// patterns list ("talks", "strikes", "Talks" in a headline).
func (c *Coder) candidate(g *graph, i int) bool {
	t := &g.toks[i]
	switch t.UPOS {
	case "VERB":
		return true
	case "AUX":
		r := g.rel(i)
		return r != "aux" && r != "aux:pass" && r != "cop"
	case "NOUN", "PROPN", "ADJ", "X":
		l := g.lemma(i)
		return c.model.nouns[l] || c.model.nouns[strings.ToLower(t.Form())] || len(c.pats.Nouns(l)) > 0
	}
	return false
}

// detect scores every candidate trigger of a sentence and returns those
// whose root is probable enough, each with its code.
func (c *Coder) detect(g *graph, ev map[int]*evidence, f *feats) []detection {
	m := c.model
	scores := make([]float32, len(m.roots))
	probs := make([]float64, len(m.roots))
	cscores := make([]float32, len(m.codes))
	sh := shape(g)
	var out []detection
	for i := range g.toks {
		if !c.candidate(g, i) {
			continue
		}
		f.reset(false)
		c.eventFeatures(f, g, i, ev[i], sh)
		m.events.Score(f.keys, scores)
		softmax(scores, m.temp, probs)
		best := 1
		for k := 2; k < len(probs); k++ {
			if probs[k] > probs[best] {
				best = k
			}
		}
		// The event's probability is that of any root; the root is the
		// likeliest one.
		pe := 1 - probs[0]
		min := m.minProb[best]
		if c.opt.MinConfidence > 0 {
			min = c.opt.MinConfidence
		}
		if pe < min {
			continue
		}
		root := m.roots[best]
		m.code.Score(f.keys, cscores)
		bc := -1
		for k, code := range m.codes {
			if cameo.Root(code) == root && (bc < 0 || cscores[k] > cscores[bc]) {
				bc = k
			}
		}
		if bc < 0 {
			continue
		}
		out = append(out, detection{tok: i, class: best, prob: pe, code: m.codes[bc], codeClass: bc})
	}
	// One act, one trigger: of two linked triggers with the same root (a
	// light verb and its noun, "held talks"), the more probable stays.
	keep := out[:0]
	for k, d := range out {
		drop := false
		for j, o := range out {
			if j != k && o.class == d.class && (g.heads[d.tok] == o.tok || g.heads[o.tok] == d.tok) && (o.prob > d.prob || o.prob == d.prob && j < k) {
				drop = true
			}
		}
		if !drop {
			keep = append(keep, d)
		}
	}
	return keep
}
