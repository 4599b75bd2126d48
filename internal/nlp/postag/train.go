package postag

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/perceptron"
	"github.com/dyad-project/dyad/internal/nlp/recase"
	"github.com/dyad-project/dyad/internal/nlp/wordclass"
)

// TrainOptions control Train.
type TrainOptions struct {
	Epochs    int     // passes over the training data (default 10)
	Seed      uint64  // seeds the shuffle; equal seeds give equal models
	MinWeight float64 // averaged weights smaller than this are dropped (default 0.05)
	// Classes are the word-vector classes used as features and saved with
	// the model; nil trains without them.
	Classes *wordclass.Table
	// Case is the share of training sentences shown title-cased,
	// lower-cased and upper-cased, drawn afresh for each sentence in each
	// epoch.
	Case recase.Mix
}

// Lexicon thresholds: words seen fewer than lexMin times are unknown to the
// lexicon; words seen at least uniqueMin times with one class in at least
// uniqueShare of them are tagged from the lexicon.
const (
	lexMin      = 3
	uniqueMin   = 100
	uniqueShare = 1.0
)

// lexFolds is the number of folds of the training data for the lexicon.
const lexFolds = 5

// buildLexicon sums the counts of every fold but skip and keeps the words
// seen at least lexMin times.
func buildLexicon(counts []map[string]map[int]int, skip int) map[string]lexEntry {
	sum := map[string]map[int]int{}
	for f, cf := range counts {
		if f == skip {
			continue
		}
		for w, cs := range cf {
			if sum[w] == nil {
				sum[w] = map[int]int{}
			}
			for c, n := range cs {
				sum[w][c] += n
			}
		}
	}
	lex := map[string]lexEntry{}
	for w, cs := range sum {
		total, best, bestN := 0, 0, -1
		var set []int
		for c, n := range cs {
			total += n
			if n > bestN || (n == bestN && c < best) {
				best, bestN = c, n
			}
			set = append(set, c)
		}
		if total < lexMin {
			continue
		}
		slices.Sort(set)
		amb := uint64(7)
		for _, c := range set {
			amb = amb*1000003 ^ uint64(c+1)
		}
		lex[w] = lexEntry{best: uint16(best), amb: amb,
			unique: total >= uniqueMin && float64(bestN) >= uniqueShare*float64(total)}
	}
	return lex
}

// Train learns a tagger from sentences with gold XPOS and UPOS, printing
// the dev accuracy after each epoch to log, and returns the model of the
// epoch with the best dev XPOS accuracy (the last epoch when dev is empty).
func Train(train, dev []nlp.Sentence, opt TrainOptions, log io.Writer) (*Model, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	if opt.MinWeight == 0 {
		opt.MinWeight = 0.05
	}
	m := &Model{wc: opt.Classes}
	classOf := map[string]int{}
	// counts[f][word][class]: how often word took class in fold f. The
	// lexicon used for a training sentence leaves out its own fold, so that
	// rare words look as unknown in training as they will at run time.
	counts := make([]map[string]map[int]int, lexFolds)
	for f := range counts {
		counts[f] = map[string]map[int]int{}
	}
	for si, s := range train {
		for ti, t := range s.Tokens {
			if t.XPOS == "" || t.UPOS == "" || strings.Contains(t.XPOS, " ") {
				return nil, fmt.Errorf("training sentence %d token %d (%q): missing or bad XPOS/UPOS", si+1, ti+1, t.Text)
			}
			c := t.XPOS + " " + t.UPOS
			id, ok := classOf[c]
			if !ok {
				id = len(m.classes)
				classOf[c] = id
				m.classes = append(m.classes, c)
				m.xpos = append(m.xpos, t.XPOS)
				m.upos = append(m.upos, t.UPOS)
			}
			k := lowerKey(t.Form())
			cf := counts[si%lexFolds]
			if cf[k] == nil {
				cf[k] = map[int]int{}
			}
			cf[k][id]++
		}
	}
	if len(m.classes) == 0 {
		return nil, fmt.Errorf("no training tokens")
	}
	if len(m.classes) > 1<<12 {
		return nil, fmt.Errorf("%d tag classes, more than %d", len(m.classes), 1<<12)
	}
	m.lex = buildLexicon(counts, -1)
	foldLex := make([]map[string]lexEntry, lexFolds)
	for f := range foldLex {
		foldLex[f] = buildLexicon(counts, f)
	}

	tr := perceptron.NewTrainer(len(m.classes))
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x7a67))
	var best *Model
	bestAcc := -1.0
	scores := make([]float32, len(m.classes))
	var feats []uint32
	var words []wordInfo
	var recased nlp.Sentence
	var mode uint64
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, si := range order {
			toks := train[si].Tokens
			if c := opt.Case.Pick(rng.Float64()); c != recase.Keep {
				recased.Tokens = append(recased.Tokens[:0], toks...)
				recase.Sentence(&recased, c)
				toks = recased.Tokens
			}
			words, mode = prepare(foldLex[si%lexFolds], m.wc, toks, words[:0])
			p1, p2 := uint64(1), uint64(2)
			verb := uint64(0)
			for i := range toks {
				gold := classOf[toks[i].XPOS+" "+toks[i].UPOS]
				guess := gold
				if !words[i].unique {
					feats = features(feats[:0], words, i, p1, p2, verb, mode)
					tr.Score(feats, scores)
					guess = argmax(scores)
					tr.Update(feats, gold, guess)
					tr.Tick()
				}
				if guess == gold {
					correct++
				}
				total++
				p2, p1 = p1, uint64(guess)+16
				if isVerb(m.xpos[guess]) {
					verb = 1
				}
			}
		}
		cm := &Model{classes: m.classes, xpos: m.xpos, upos: m.upos, lex: m.lex, wc: m.wc, w: tr.Average(opt.MinWeight)}
		msg := fmt.Sprintf("epoch %d: train %.2f%%, %d features, %d weights", epoch, pct(correct, total), cm.w.Features(), cm.w.Weights())
		acc := float64(epoch)
		if len(dev) > 0 {
			up, xp := Accuracy(cm, dev)
			msg += fmt.Sprintf("; dev UPOS %.2f%% XPOS %.2f%%", up, xp)
			acc = xp
			if !opt.Case.Zero() {
				// Choose the epoch by the mean XPOS of the cased, title-cased
				// and lower-cased dev sets.
				for _, c := range []recase.Case{recase.Title, recase.Lower} {
					u, x := Accuracy(cm, Recased(dev, c))
					msg += fmt.Sprintf(", %s UPOS %.2f%% XPOS %.2f%%", c, u, x)
					acc += x
				}
				acc /= 3
			}
		}
		fmt.Fprintln(log, msg)
		if acc > bestAcc {
			best, bestAcc = cm, acc
		}
	}
	return best, nil
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// Accuracy tags copies of the gold sentences and returns the UPOS and XPOS
// accuracy in percent.
func Accuracy(m *Model, gold []nlp.Sentence) (upos, xpos float64) {
	nu, nx, n := 0, 0, 0
	for _, g := range gold {
		s := nlp.Sentence{Start: g.Start, End: g.End, Tokens: slices.Clone(g.Tokens)}
		m.Tag(&s)
		for i, t := range s.Tokens {
			if t.UPOS == g.Tokens[i].UPOS {
				nu++
			}
			if t.XPOS == g.Tokens[i].XPOS {
				nx++
			}
			n++
		}
	}
	return pct(nu, n), pct(nx, n)
}

// Recased returns copies of sentences rewritten in case c.
func Recased(sents []nlp.Sentence, c recase.Case) []nlp.Sentence {
	out := make([]nlp.Sentence, len(sents))
	for i, s := range sents {
		out[i] = nlp.Sentence{Start: s.Start, End: s.End, Tokens: slices.Clone(s.Tokens)}
		recase.Sentence(&out[i], c)
	}
	return out
}

// Jackknife replaces the gold tags of sentences by tags predicted by taggers
// trained on the other folds (sentence i is in fold i mod folds), so that a
// parser trained on them sees tagging errors like those at run time.
func Jackknife(sentences []nlp.Sentence, folds int, opt TrainOptions) error {
	if folds < 2 {
		return fmt.Errorf("jackknife needs at least 2 folds, got %d", folds)
	}
	models := make([]*Model, folds)
	for k := range folds {
		var train []nlp.Sentence
		for i, s := range sentences {
			if i%folds != k {
				train = append(train, s)
			}
		}
		m, err := Train(train, nil, opt, io.Discard)
		if err != nil {
			return fmt.Errorf("fold %d: %w", k+1, err)
		}
		models[k] = m
	}
	for i := range sentences {
		models[i%folds].Tag(&sentences[i])
	}
	return nil
}
