package depparse

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"

	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/perceptron"
	"github.com/dyad-project/dyad/internal/nlp/wordclass"
)

// TrainOptions control Train.
type TrainOptions struct {
	Epochs    int     // passes over the training data (default 15)
	Seed      uint64  // seeds the shuffle and the exploration; equal seeds give equal models
	MinWeight float64 // averaged weights smaller than this are dropped (default 0.05)
	Explore   float64 // from the second epoch, follow the model's own transition with this probability (default 0.9)
	// Classes are the word-vector classes used as features and saved with
	// the model; nil trains without them.
	Classes *wordclass.Table
}

// Train learns a parser from sentences with gold heads and relations (and
// the tags it should expect at run time), printing dev attachment scores
// after each epoch, and returns the model of the epoch with the best dev LAS
// (the last epoch when dev is empty).
//
// Non-projective training trees are projectivised by lifting: the shortest
// non-projective arc is reattached to the head's head until none is left.
// The relation labels are kept.
func Train(ctx context.Context, train, dev []nlp.Sentence, opt TrainOptions, log io.Writer) (*Model, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 15
	}
	if opt.MinWeight == 0 {
		opt.MinWeight = 0.05
	}
	if opt.Explore == 0 {
		opt.Explore = 0.9
	}
	labelOf := map[string]int{}
	var labels []string
	type gold struct {
		heads  []int32 // by token 1..n; the root is n+1
		labels []int16
	}
	golds := make([]gold, len(train))
	lifted := 0
	for si, s := range train {
		n := len(s.Tokens)
		g := gold{heads: make([]int32, n+2), labels: make([]int16, n+2)}
		for i, t := range s.Tokens {
			if t.Head < 0 || t.Head > n || t.Rel == "" {
				return nil, fmt.Errorf("training sentence %d token %d (%q): missing head or relation", si+1, i+1, t.Text)
			}
			if _, ok := labelOf[t.Rel]; !ok {
				labelOf[t.Rel] = len(labels)
				labels = append(labels, t.Rel)
			}
			h := int32(t.Head)
			if h == 0 {
				h = int32(n + 1)
			}
			g.heads[i+1] = h
			g.labels[i+1] = int16(labelOf[t.Rel])
		}
		if !isTree(g.heads, n) {
			return nil, fmt.Errorf("training sentence %d: heads do not form a tree", si+1)
		}
		lifted += projectivize(g.heads, n)
		golds[si] = g
	}
	root, ok := labelOf["root"]
	if !ok {
		return nil, fmt.Errorf("no root relation in the training data")
	}
	if len(labels) > 64 {
		return nil, fmt.Errorf("%d relations, at most 64 supported", len(labels))
	}
	fmt.Fprintf(log, "%d relations; %d arcs lifted to projectivise the training trees\n", len(labels), lifted)

	nc := 1 + 2*len(labels)
	tr := perceptron.NewTrainer(nc)
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0xde9a))
	st := &state{}
	scores := make([]float32, nc)
	costs := make([]int, nc)
	var best *Model
	bestLAS := -1.0
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, total := 0, 0
		for k, si := range order {
			if k%1000 == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			g := golds[si]
			st.init(train[si].Tokens, opt.Classes)
			for !st.terminal() {
				st.feats = st.features(st.feats[:0])
				tr.Score(st.feats, scores)
				st.costs(g.heads, g.labels, root, costs)
				pred, oracle := -1, -1
				minCost := 1 << 30
				for c := range nc {
					if costs[c] < 0 {
						continue
					}
					if pred < 0 || scores[c] > scores[pred] {
						pred = c
					}
					if costs[c] < minCost || (costs[c] == minCost && scores[c] > scores[oracle]) {
						oracle, minCost = c, costs[c]
					}
				}
				if costs[pred] > minCost {
					tr.Update(st.feats, oracle, pred)
				} else {
					right++
				}
				total++
				tr.Tick()
				next := oracle
				if epoch > 1 && rng.Float64() < opt.Explore {
					next = pred
				}
				st.apply(next)
			}
		}
		m := &Model{labels: labels, root: root, wc: opt.Classes, w: tr.Average(opt.MinWeight)}
		msg := fmt.Sprintf("epoch %d: train transitions %.2f%%, %d features, %d weights", epoch,
			100*float64(right)/float64(max(total, 1)), m.w.Features(), m.w.Weights())
		las := float64(epoch)
		if len(dev) > 0 {
			var uas float64
			uas, las = AttachmentScores(m, dev)
			msg += fmt.Sprintf("; dev UAS %.2f%% LAS %.2f%%", uas, las)
		}
		fmt.Fprintln(log, msg)
		if las > bestLAS {
			best, bestLAS = m, las
		}
	}
	return best, nil
}

// costs sets costs[c] to the number of gold arcs transition c makes
// unreachable, or -1 when c is not valid (Goldberg & Nivre 2013).
func (st *state) costs(gh []int32, gl []int16, root int, costs []int) {
	for c := range costs {
		costs[c] = -1
	}
	b := st.b
	n1 := int32(st.n + 1)
	s0, s1 := st.s(0), st.s(1)
	inBuf := func(k int32) bool { return k >= b }
	// Gold dependents of s0 still in the buffer.
	depsInBuf := 0
	if s0 != 0 {
		for d := b; d <= int32(st.n); d++ {
			if gh[d] == s0 {
				depsInBuf++
			}
		}
	}
	if st.valid(shift, root) {
		c := 0
		for _, k := range st.stack {
			if gh[k] == b {
				c++
			}
		}
		if h := gh[b]; h != s0 && !inBuf(h) && slices.Contains(st.stack, h) {
			c++
		}
		costs[shift] = c
	}
	if len(st.stack) == 0 {
		return
	}
	left := depsInBuf
	if h := gh[s0]; h != b && (h == s1 || inBuf(h)) {
		left++
	}
	right := depsInBuf
	if inBuf(gh[s0]) {
		right++
	}
	nl := (len(costs) - 1) / 2
	for l := range nl {
		if c := leftOf(l); st.valid(c, root) {
			costs[c] = left
			if gh[s0] == b && int16(l) != gl[s0] {
				costs[c]++
			}
		}
		if c := rightOf(l); st.valid(c, root) {
			costs[c] = right
			if gh[s0] == s1 && int16(l) != gl[s0] {
				costs[c]++
			}
		}
	}
	_ = n1
}

// isTree reports whether heads (tokens 1..n, root n+1) form a tree.
func isTree(heads []int32, n int) bool {
	for i := 1; i <= n; i++ {
		k, steps := int32(i), 0
		for k != int32(n+1) {
			if k < 1 || k > int32(n+1) || steps > n {
				return false
			}
			k = heads[k]
			steps++
		}
	}
	return true
}

// projectivize lifts non-projective arcs in place and returns how many
// lifts it made. heads must form a tree with the root at n+1.
func projectivize(heads []int32, n int) int {
	lifts := 0
	for {
		best, bestLen := int32(-1), int32(1<<30)
		for d := int32(1); d <= int32(n); d++ {
			h := heads[d]
			lo, hi := min(h, d), max(h, d)
			l := hi - lo
			if l >= bestLen {
				continue
			}
			for k := lo + 1; k < hi; k++ {
				if !dominates(heads, h, k, n) {
					best, bestLen = d, l
					break
				}
			}
		}
		if best < 0 {
			return lifts
		}
		heads[best] = heads[heads[best]]
		lifts++
	}
}

func dominates(heads []int32, h, k int32, n int) bool {
	for k != int32(n+1) {
		if k == h {
			return true
		}
		k = heads[k]
	}
	return h == int32(n+1)
}

// AttachmentScores parses copies of the gold sentences (with their own
// tags) and returns UAS and LAS in percent over all tokens.
func AttachmentScores(m *Model, gold []nlp.Sentence) (uas, las float64) {
	nu, nl, n := 0, 0, 0
	for _, g := range gold {
		s := nlp.Sentence{Start: g.Start, End: g.End, Tokens: slices.Clone(g.Tokens)}
		m.Parse(&s)
		for i, t := range s.Tokens {
			if t.Head == g.Tokens[i].Head {
				nu++
				if t.Rel == g.Tokens[i].Rel {
					nl++
				}
			}
			n++
		}
	}
	return 100 * float64(nu) / float64(max(n, 1)), 100 * float64(nl) / float64(max(n, 1))
}
