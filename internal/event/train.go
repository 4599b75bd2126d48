package event

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/nlp/perceptron"
	"github.com/dyad-project/dyad/internal/nlp/wordclass"
)

// Gold is one annotated event in document byte offsets, for training.
type Gold struct {
	Trigger        doc.Span
	Code           string
	Source, Target *doc.Span // nil when absent
}

// Example is one prepared document with its gold events.
type Example struct {
	Input Input
	Gold  []Gold
}

// TrainOptions configure Train.
type TrainOptions struct {
	Epochs    int              // passes over the training data (default 8)
	Runs      int              // runs of each model with different shuffles, averaged into one (default 1)
	Seed      uint64           // seeds the shuffle; equal seeds give equal models
	Classes   *wordclass.Table // word-vector classes used as features and saved in the model
	Codes     []string         // the CAMEO codes the code model may choose (the codebook's)
	MinWeight float64          // averaged weights smaller than this are dropped (default 0.05)
	// Beta weighs recall against precision when the per-root thresholds
	// are chosen on dev data: below 1 favours precision (default 0.9).
	Beta float64
	Log  io.Writer // progress lines; nil for none
}

// instance is one training decision.
type instance struct {
	keys  []uint32
	label int
	code  int // for event instances with a root: index into codes
}

// prepared is the training material of a set of examples.
type prepared struct {
	events, roles []instance
	golds         int // aligned gold triggers
	unaligned     int // gold triggers in no sentence or on no token
}

// Train learns the event, code and role models from train, calibrates them
// and chooses the per-root thresholds on dev. It is deterministic: the same
// examples and options give the same model.
func Train(cb *cameo.Codebook, pats *cameo.Patterns, train, dev []Example, opt TrainOptions) (*Model, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 8
	}
	if opt.MinWeight <= 0 {
		opt.MinWeight = 0.05
	}
	if opt.Beta <= 0 {
		opt.Beta = 0.9
	}
	logf := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format, args...)
		}
	}
	m := &Model{roots: []string{""}, classes: opt.Classes, nouns: map[string]bool{}, temp: 1, roleT: 1}
	for r := 1; r <= 20; r++ {
		m.roots = append(m.roots, fmt.Sprintf("%02d", r))
	}
	m.codes = append(m.codes, opt.Codes...)
	sort.Strings(m.codes)
	if len(m.codes) == 0 {
		return nil, fmt.Errorf("train coder: no codes")
	}
	m.minProb = make([]float64, len(m.roots))
	lx, err := DefaultLexicon()
	if err != nil {
		return nil, err
	}
	c := &Coder{cb: cb, pats: pats, model: m, lx: lx}
	// The event nouns: every non-verb word the training data uses as a trigger.
	for _, ex := range train {
		c.align(ex, func(g *graph, tok int, golds []Gold) {
			if t := &g.toks[tok]; t.UPOS != "VERB" && t.UPOS != "AUX" {
				m.nouns[g.lemma(tok)] = true
				m.nouns[strings.ToLower(t.Form())] = true
			}
		}, nil)
	}
	tr := c.prepare(train)
	dv := c.prepare(dev)
	logf("train: %d event instances (%d gold triggers, %d not aligned), %d role instances; dev: %d / %d (%d, %d)\n",
		len(tr.events), tr.golds, tr.unaligned, len(tr.roles), len(dv.events), len(dv.roles), dv.golds, dv.unaligned)
	rng := rand.New(rand.NewPCG(opt.Seed, 0xc0de))
	var runs []*perceptron.Model
	for k := 0; k < max(opt.Runs, 1); k++ {
		runs = append(runs, learn(tr.events, len(m.roots), opt.Epochs, rng, opt.MinWeight, nil))
	}
	m.events = perceptron.Mean(runs...)
	withinRoot := func(in instance, scores []float32) int {
		root := cameo.Root(m.codes[in.code])
		best := -1
		for k, code := range m.codes {
			if cameo.Root(code) == root && (best < 0 || scores[k] > scores[best]) {
				best = k
			}
		}
		return best
	}
	var codeRuns, roleRuns []*perceptron.Model
	for k := 0; k < max(opt.Runs, 1); k++ {
		codeRuns = append(codeRuns, learn(positives(tr.events), len(m.codes), opt.Epochs, rng, opt.MinWeight, withinRoot))
	}
	m.code = perceptron.Mean(codeRuns...)
	for k := 0; k < max(opt.Runs, 1); k++ {
		roleRuns = append(roleRuns, learn(tr.roles, nRoles, opt.Epochs, rng, opt.MinWeight, nil))
	}
	m.roles = perceptron.Mean(roleRuns...)
	m.temp = calibrate(m.events, dv.events)
	m.roleT = calibrate(m.roles, dv.roles)
	logf("weights: events %d features, codes %d, roles %d; temperatures %.2f, %.2f\n",
		m.events.Features(), m.code.Features(), m.roles.Features(), m.temp, m.roleT)
	m.minProb = thresholds(m, dv.events, opt.Beta, logf)
	return m, nil
}

func positives(xs []instance) []instance {
	var out []instance
	for _, x := range xs {
		if x.label > 0 && x.code >= 0 {
			out = append(out, x)
		}
	}
	return out
}

// learn trains an averaged perceptron; guess, when set, picks the guess
// among the classes allowed for an instance.
func learn(xs []instance, classes, epochs int, rng *rand.Rand, minW float64, guess func(instance, []float32) int) *perceptron.Model {
	tr := perceptron.NewTrainer(classes)
	scores := make([]float32, classes)
	order := make([]int, len(xs))
	for k := range order {
		order[k] = k
	}
	for e := 0; e < epochs; e++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			x := xs[k]
			tr.Score(x.keys, scores)
			truth := x.label
			g := 0
			if guess != nil {
				truth = x.code
				g = guess(x, scores)
			} else {
				for c := 1; c < classes; c++ {
					if scores[c] > scores[g] {
						g = c
					}
				}
			}
			tr.Update(x.keys, truth, g)
			tr.Tick()
		}
	}
	return tr.Average(minW)
}

// calibrate picks the softmax temperature that minimises the log loss of
// the model on dev instances.
func calibrate(pm *perceptron.Model, xs []instance) float64 {
	if len(xs) == 0 {
		return 1
	}
	scores := make([]float32, pm.Classes())
	probs := make([]float64, pm.Classes())
	best, bestLoss := 1.0, math.Inf(1)
	for t := 0.25; t <= 64; t *= 1.25 {
		loss := 0.0
		for _, x := range xs {
			pm.Score(x.keys, scores)
			softmax(scores, t, probs)
			loss -= math.Log(max(probs[x.label], 1e-12))
		}
		if loss < bestLoss {
			best, bestLoss = t, loss
		}
	}
	return best
}

// A root's threshold leaves the global one only with enough dev triggers
// and a clear gain: with fewer, the choice follows noise (retrains moved
// event F1 by two points when every root with 30 triggers chose its own).
const (
	minRootTriggers = 60
	minGain         = 0.02
)

// thresholds chooses, for each root, the least probability that maximises
// the F-beta of trigger detection on dev; roots with few dev triggers, or
// little to gain, take the threshold chosen over all roots.
func thresholds(m *Model, xs []instance, beta float64, logf func(string, ...any)) []float64 {
	type pred struct {
		class int
		p     float64
		gold  int
	}
	scores := make([]float32, len(m.roots))
	probs := make([]float64, len(m.roots))
	var ps []pred
	golds := make([]int, len(m.roots))
	for _, x := range xs {
		m.events.Score(x.keys, scores)
		softmax(scores, m.temp, probs)
		best := 1
		for k := 2; k < len(probs); k++ {
			if probs[k] > probs[best] {
				best = k
			}
		}
		ps = append(ps, pred{best, 1 - probs[0], x.label})
		golds[x.label]++
	}
	grid := []float64{}
	for t := 0.20; t < 0.951; t += 0.05 {
		grid = append(grid, math.Round(t*100)/100)
	}
	fb := func(tp, fp, fn int) float64 {
		if tp == 0 {
			return 0
		}
		p, r := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
		b2 := beta * beta
		return (1 + b2) * p * r / (b2*p + r)
	}
	score := func(root int, t float64) float64 {
		tp, fp, n := 0, 0, 0
		for _, p := range ps {
			if root > 0 && p.class != root {
				continue
			}
			if p.p >= t {
				if p.gold == p.class {
					tp++
				} else {
					fp++
				}
			}
		}
		if root > 0 {
			n = golds[root]
		} else {
			n = len(xs) - golds[0]
		}
		return fb(tp, fp, n-tp)
	}
	for _, t := range []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6} {
		tp, fp, tpAny := 0, 0, 0
		for _, p := range ps {
			if p.p >= t {
				if p.gold == p.class {
					tp++
				} else {
					fp++
				}
				if p.gold > 0 {
					tpAny++
				}
			}
		}
		n := len(xs) - golds[0]
		logf("  t=%.1f: P %.3f R %.3f (any-root R %.3f)\n", t, float64(tp)/float64(tp+fp), float64(tp)/float64(n), float64(tpAny)/float64(n))
	}
	global, gs := 0.5, -1.0
	for _, t := range grid {
		if s := score(0, t); s > gs {
			global, gs = t, s
		}
	}
	out := make([]float64, len(m.roots))
	out[0] = 1
	for r := 1; r < len(m.roots); r++ {
		out[r] = global
		if golds[r] < minRootTriggers {
			continue
		}
		bt, bs := global, score(r, global)
		for _, t := range grid {
			if s := score(r, t); s > bs+minGain {
				bt, bs = t, s
			}
		}
		out[r] = bt
	}
	logf("thresholds: global %.2f (F%.1f %.3f on dev triggers); by root %v\n", global, beta, gs, out[1:])
	return out
}

// prepare turns examples into event and role instances.
func (c *Coder) prepare(exs []Example) prepared {
	var out prepared
	var f feats
	for _, ex := range exs {
		aligned := 0
		c.align(ex, func(g *graph, tok int, golds []Gold) {
			out.golds++
			aligned += len(golds)
		}, func(si int, g *graph, labels map[int][]Gold, ignore map[int]bool) {
			ev := c.evidenceOf(si, g)
			sh := shape(g)
			for i := range g.toks {
				gs := labels[i]
				if ignore[i] || gs == nil && !c.candidate(g, i) {
					continue
				}
				f.reset(false)
				c.eventFeatures(&f, g, i, ev[i], sh)
				in := instance{keys: append([]uint32(nil), f.keys...), code: -1}
				if gs != nil {
					code := majorityCode(gs)
					in.label = rootClass(cameo.Root(code))
					in.code = c.codeClass(code)
					if in.label < 0 {
						continue
					}
				}
				out.events = append(out.events, in)
				if gs == nil {
					continue
				}
				root := cameo.Root(majorityCode(gs))
				for mi := range g.ms {
					h := g.mentHead[mi]
					if h < 0 || h == i && g.ms[mi].End-g.ms[mi].Start == 1 {
						continue
					}
					// A coded mention names the gold actor when their spans
					// overlap; a phrase without a code when the gold span
					// holds its head (its span may hold another actor).
					span := g.ms[mi].Span
					if g.ms[mi].Code == "" {
						span = doc.Span{Start: g.toks[h].Start, End: g.toks[h].End}
					}
					src, tgt := false, false
					for _, gd := range gs {
						if gd.Source != nil && overlaps(*gd.Source, span) {
							src = true
						}
						if gd.Target != nil && overlaps(*gd.Target, span) {
							tgt = true
						}
					}
					label := roleNone
					switch {
					case src && tgt:
						label = roleMutual
					case src:
						label = roleSource
					case tgt:
						label = roleTarget
					}
					f.reset(false)
					c.roleFeatures(&f, g, i, mi, root, ev[i])
					out.roles = append(out.roles, instance{keys: append([]uint32(nil), f.keys...), label: label})
				}
			}
		})
		out.unaligned += len(ex.Gold) - aligned
	}
	return out
}

func overlaps(a, b doc.Span) bool { return a.Start < b.End && b.Start < a.End }

func rootClass(root string) int {
	var r int
	if _, err := fmt.Sscanf(root, "%02d", &r); err != nil || r < 1 || r > 20 {
		return -1
	}
	return r
}

func (c *Coder) codeClass(code string) int {
	k := sort.SearchStrings(c.model.codes, code)
	if k < len(c.model.codes) && c.model.codes[k] == code {
		return k
	}
	return -1
}

// majorityCode returns the code most gold events at a trigger share (the
// first on ties).
func majorityCode(gs []Gold) string {
	n := map[string]int{}
	best := gs[0].Code
	for _, g := range gs {
		n[g.Code]++
		if n[g.Code] > n[best] {
			best = g.Code
		}
	}
	return best
}

// align maps the gold events of an example onto the tokens of its parsed
// sentences: each gold trigger goes to the token of its span whose head
// lies outside it (the syntactic head); the span's other tokens are
// ignored in training. perTrigger sees every aligned trigger; perSentence,
// when set, sees each parsed sentence with its labels.
func (c *Coder) align(ex Example, perTrigger func(g *graph, tok int, golds []Gold), perSentence func(si int, g *graph, labels map[int][]Gold, ignore map[int]bool)) {
	in := ex.Input
	for si := range in.Sentences {
		s := &in.Sentences[si]
		if len(s.Tokens) == 0 || !parsed(s) {
			continue
		}
		var ms []Mention
		if si < len(in.Mentions) {
			ms = in.Mentions[si]
		}
		g := newGraph(s, ms, c.lx)
		g.addPhrases()
		labels := map[int][]Gold{}
		ignore := map[int]bool{}
		for _, gd := range ex.Gold {
			if gd.Trigger.Start < s.Start || gd.Trigger.Start >= s.End {
				continue
			}
			head := -1
			var inside []int
			for i, t := range g.toks {
				if t.Start < gd.Trigger.End && gd.Trigger.Start < t.End {
					inside = append(inside, i)
				}
			}
			for _, i := range inside {
				if h := g.heads[i]; head < 0 && (h < 0 || g.toks[h].Start >= gd.Trigger.End || g.toks[h].End <= gd.Trigger.Start) {
					head = i
				}
			}
			if head < 0 && len(inside) > 0 {
				head = inside[0]
			}
			if head < 0 {
				continue
			}
			labels[head] = append(labels[head], gd)
			for _, i := range inside {
				if i != head {
					ignore[i] = true
				}
			}
		}
		for tok, gs := range labels {
			delete(ignore, tok)
			if perTrigger != nil {
				perTrigger(g, tok, gs)
			}
		}
		if perSentence != nil {
			perSentence(si, g, labels, ignore)
		}
	}
}
