package event

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/dyad-project/dyad/internal/nlp/modelfile"
	"github.com/dyad-project/dyad/internal/nlp/perceptron"
	"github.com/dyad-project/dyad/internal/nlp/wordclass"
)

// Role classes of an actor mention with respect to an event.
const (
	roleNone   = 0
	roleSource = 1
	roleTarget = 2
	roleMutual = 3 // each side acts on the other ("X and Y met")
	nRoles     = 4
)

var roleNames = [nRoles]string{"none", "source", "target", "mutual"}

// Model holds the coder's trained models: the event model scores a
// candidate trigger as no event or a CAMEO root, the code model picks the
// code within the root, and the role model scores each actor mention as
// source, target, both sides of a mutual act, or neither. It is read-only
// and safe for concurrent use.
type Model struct {
	roots   []string // event classes; roots[0] is "" (no event)
	codes   []string // code classes
	events  *perceptron.Model
	code    *perceptron.Model
	roles   *perceptron.Model
	classes *wordclass.Table // word-vector classes used as features
	nouns   map[string]bool  // event nouns: lemmas that may trigger an event
	// minProb is the least probability of a root for an event of that
	// root, chosen on dev data to favour precision; indexed like roots.
	minProb []float64
	temp    float64 // softmax temperature of the event scores
	roleT   float64 // softmax temperature of the role scores
}

// ErrFormat reports a malformed coder model file.
var ErrFormat = fmt.Errorf("%w: coder", modelfile.ErrFormat)

const (
	magic   = "dyad-coder\n"
	version = 1
)

// WriteTo writes the model file: a gzip stream of the header, the class
// lists, the event nouns, thresholds and temperatures, the three weight
// tables and the word classes.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	mw, err := modelfile.Create(w, magic, version)
	if err != nil {
		return 0, err
	}
	strs := func(xs []string) {
		mw.Uvarint(uint64(len(xs)))
		for _, x := range xs {
			mw.String(x)
		}
	}
	strs(m.roots)
	strs(m.codes)
	nouns := make([]string, 0, len(m.nouns))
	for n := range m.nouns {
		nouns = append(nouns, n)
	}
	sort.Strings(nouns)
	strs(nouns)
	for _, p := range m.minProb {
		mw.Uvarint(uint64(math.Round(p * 1e6)))
	}
	mw.Uvarint(uint64(math.Round(m.temp * 1e6)))
	mw.Uvarint(uint64(math.Round(m.roleT * 1e6)))
	for _, pm := range []*perceptron.Model{m.events, m.code, m.roles} {
		if _, err := pm.WriteTo(mw.Raw()); err != nil {
			return 0, err
		}
	}
	if err := wordclass.WriteOptional(mw.Raw(), m.classes); err != nil {
		return 0, err
	}
	return 0, mw.Close()
}

// ReadModel reads a model file written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	mr, err := modelfile.Open(r, "coder", magic, version)
	if err != nil {
		return nil, err
	}
	bad := func(what string, err error) error { return fmt.Errorf("%w: %s: %v", ErrFormat, what, err) }
	strs := func(what string, max uint64) ([]string, error) {
		n, err := mr.Uvarint(max)
		if err != nil {
			return nil, bad(what, err)
		}
		out := make([]string, n)
		for k := range out {
			if out[k], err = mr.String(64); err != nil {
				return nil, bad(what, err)
			}
		}
		return out, nil
	}
	m := &Model{nouns: map[string]bool{}}
	if m.roots, err = strs("roots", 64); err != nil {
		return nil, err
	}
	if len(m.roots) == 0 || m.roots[0] != "" {
		return nil, bad("roots", errors.New("first class is not 'no event'"))
	}
	if m.codes, err = strs("codes", 1024); err != nil {
		return nil, err
	}
	nouns, err := strs("nouns", 1<<20)
	if err != nil {
		return nil, err
	}
	for _, n := range nouns {
		m.nouns[n] = true
	}
	m.minProb = make([]float64, len(m.roots))
	for k := range m.minProb {
		v, err := mr.Uvarint(1e6)
		if err != nil {
			return nil, bad("thresholds", err)
		}
		m.minProb[k] = float64(v) / 1e6
	}
	for _, t := range []*float64{&m.temp, &m.roleT} {
		v, err := mr.Uvarint(1e12)
		if err != nil || v == 0 {
			return nil, bad("temperature", err)
		}
		*t = float64(v) / 1e6
	}
	for _, pm := range []**perceptron.Model{&m.events, &m.code, &m.roles} {
		if *pm, err = perceptron.Read(mr.Raw()); err != nil {
			return nil, bad("weights", err)
		}
	}
	if m.events.Classes() != len(m.roots) || m.code.Classes() != len(m.codes) || m.roles.Classes() != nRoles {
		return nil, bad("weights", errors.New("class counts differ from the class lists"))
	}
	if m.classes, err = wordclass.ReadOptional(mr.Raw()); err != nil {
		return nil, bad("word classes", err)
	}
	return m, nil
}

// softmax turns scores into probabilities at temperature t, in place.
func softmax(scores []float32, t float64, out []float64) {
	mx := float32(math.Inf(-1))
	for _, s := range scores {
		mx = max(mx, s)
	}
	sum := 0.0
	for k, s := range scores {
		out[k] = math.Exp(float64(s-mx) / t)
		sum += out[k]
	}
	for k := range out {
		out[k] /= sum
	}
}

// strongest returns the n features of f whose weights for class are
// largest in magnitude, strongest first.
func strongest(pm *perceptron.Model, f *feats, class, n int) []Weight {
	var ws []Weight
	seen := map[string]bool{}
	for k, key := range f.keys {
		w := pm.Weight(key, class)
		if w == 0 || k >= len(f.names) || seen[f.names[k]] {
			continue
		}
		seen[f.names[k]] = true
		ws = append(ws, Weight{Feature: f.names[k], Weight: math.Round(float64(w)*1000) / 1000})
	}
	sort.SliceStable(ws, func(a, b int) bool { return math.Abs(ws[a].Weight) > math.Abs(ws[b].Weight) })
	if len(ws) > n {
		ws = ws[:n]
	}
	return ws
}
