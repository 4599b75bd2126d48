// Package depparse is a greedy transition-based labelled dependency parser
// for Universal Dependencies basic relations.
//
// It uses the arc-hybrid system (Kuhlmann et al. 2011) with the root placed
// at the end of the buffer, where it may take a left arc only from the last
// item on the stack, so every parse is a projective tree with exactly one
// root. Transitions are scored by an averaged perceptron over hashed
// features in the style of Zhang & Nivre (2011): words, tags, distance,
// valencies, the leftmost and rightmost children and their labels, and the
// label sets of the stack top and the buffer front. Training follows the
// dynamic oracle of Goldberg & Nivre (2013).
//
// A Model is read-only after loading and safe for concurrent use.
package depparse

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/dyad-project/dyad/data/models"
	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/modelfile"
	"github.com/dyad-project/dyad/internal/nlp/perceptron"
	"github.com/dyad-project/dyad/internal/nlp/wordclass"
)

// Transition classes: shift is 0, left arc with label l is 1+2l, right arc
// with label l is 2+2l.
const shift = 0

func leftOf(l int) int  { return 1 + 2*l }
func rightOf(l int) int { return 2 + 2*l }

// Model is a trained parser.
type Model struct {
	labels []string
	root   int              // index of the "root" label
	wc     *wordclass.Table // word-vector classes of lowercase words; nil: none
	w      *perceptron.Model
	pool   sync.Pool // *state
}

// Labels returns the dependency relations the model predicts.
func (m *Model) Labels() []string { return slices.Clone(m.labels) }

// Parse sets Head (1-based, 0 for the root) and Rel on every token of a
// tagged sentence.
func (m *Model) Parse(s *nlp.Sentence) {
	n := len(s.Tokens)
	if n == 0 {
		return
	}
	st, _ := m.pool.Get().(*state)
	if st == nil {
		st = &state{}
	}
	defer m.pool.Put(st)
	st.init(s.Tokens, m.wc)
	scores := st.scoreBuf(m.w.Classes())
	for !st.terminal() {
		if len(st.stack) == 0 {
			st.apply(shift) // the only valid transition: no need to score
			continue
		}
		st.feats = st.features(st.feats[:0])
		m.w.Score(st.feats, scores)
		best, bestScore := -1, float32(0)
		for c := range scores {
			if st.valid(c, m.root) && (best < 0 || scores[c] > bestScore) {
				best, bestScore = c, scores[c]
			}
		}
		st.apply(best)
	}
	for i := 1; i <= n; i++ {
		h := int(st.head[i])
		if h == n+1 {
			h = 0
		}
		s.Tokens[i-1].Head = h
		s.Tokens[i-1].Rel = m.labels[st.label[i]]
	}
}

// state is a parser configuration over tokens 1..n with the root at n+1;
// index 0 stands for "no token" in features.
type state struct {
	n      int
	stack  []int32
	b      int32 // front of the buffer; the buffer is b..n+1
	head   []int32
	label  []int16
	lc1    []int32 // leftmost child
	lc2    []int32 // second leftmost
	rc1    []int32 // rightmost
	rc2    []int32 // second rightmost
	nl, nr []uint8
	lset   []uint64 // bit set of the labels of the left children
	rset   []uint64
	w, p   []uint64 // word and tag hashes
	wp     []uint64
	u, suf []uint64 // UPOS and 3-letter suffix hashes
	c1, c2 []uint64 // middle and fine word-vector classes
	c0     []uint64 // coarse word-vector class
	feats  []uint32
	scores []float32
}

func (st *state) scoreBuf(n int) []float32 {
	if cap(st.scores) < n {
		st.scores = make([]float32, n)
	}
	return st.scores[:n]
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// Hashes of the pseudo-tokens.
const (
	noneHash = 0x6e6f6e65
	rootHash = 0x726f6f74
)

func (st *state) init(toks []nlp.Token, wc *wordclass.Table) {
	n := len(toks)
	st.n = n
	m := n + 2
	st.stack = st.stack[:0]
	st.b = 1
	st.head = grow(st.head, m)
	st.label = grow(st.label, m)
	st.lc1, st.lc2, st.rc1, st.rc2 = grow(st.lc1, m), grow(st.lc2, m), grow(st.rc1, m), grow(st.rc2, m)
	st.nl, st.nr = grow(st.nl, m), grow(st.nr, m)
	st.lset, st.rset = grow(st.lset, m), grow(st.rset, m)
	st.w, st.p, st.wp = grow(st.w, m), grow(st.p, m), grow(st.wp, m)
	st.u, st.suf = grow(st.u, m), grow(st.suf, m)
	st.c0, st.c1, st.c2 = grow(st.c0, m), grow(st.c1, m), grow(st.c2, m)
	st.w[0], st.p[0], st.u[0], st.suf[0] = noneHash, noneHash, noneHash, noneHash
	st.w[n+1], st.p[n+1], st.u[n+1], st.suf[n+1] = rootHash, rootHash, rootHash, rootHash
	st.c0[0], st.c1[0], st.c2[0] = noneHash, noneHash, noneHash
	st.c0[n+1], st.c1[n+1], st.c2[n+1] = rootHash, rootHash, rootHash
	for i := range toks {
		f := toks[i].Form()
		st.w[i+1] = wordHash(f)
		cl := wc.Lookup(wordclass.Hash(f))
		st.c0[i+1], st.c1[i+1], st.c2[i+1] = uint64(cl[0]), uint64(cl[1]), uint64(cl[2])
		st.p[i+1] = perceptron.String(toks[i].XPOS)
		st.u[i+1] = perceptron.String(toks[i].UPOS)
		st.suf[i+1] = wordHash(f[max(0, len(f)-3):])
	}
	for i := range st.wp {
		st.wp[i] = st.w[i]*0x9E3779B97F4A7C15 ^ st.p[i]
		st.head[i] = -1
	}
}

// wordHash hashes the lowercase form with digits 0-8 mapped to 9, without
// allocating.
func wordHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 32
		case c >= '0' && c <= '8':
			c = '9'
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func (st *state) terminal() bool { return len(st.stack) == 0 && int(st.b) == st.n+1 }

func (st *state) s(k int) int32 {
	if k < len(st.stack) {
		return st.stack[len(st.stack)-1-k]
	}
	return 0
}

// valid reports whether transition c may be applied; root is the index of
// the root label, the only label allowed (and required) on the root's arc.
func (st *state) valid(c, root int) bool {
	atRoot := int(st.b) == st.n+1
	if c == shift {
		return !atRoot
	}
	l := (c - 1) / 2
	if c%2 == 1 { // left
		if len(st.stack) == 0 {
			return false
		}
		if atRoot {
			return len(st.stack) == 1 && l == root
		}
		return l != root
	}
	return len(st.stack) >= 2 && l != root
}

func (st *state) apply(c int) {
	if c == shift {
		st.stack = append(st.stack, st.b)
		st.b++
		return
	}
	l := (c - 1) / 2
	d := st.stack[len(st.stack)-1]
	st.stack = st.stack[:len(st.stack)-1]
	var h int32
	if c%2 == 1 {
		h = st.b
		st.lc2[h] = st.lc1[h]
		st.lc1[h] = d
		st.nl[h]++
		st.lset[h] |= 1 << (uint(l) & 63)
	} else {
		h = st.stack[len(st.stack)-1]
		st.rc2[h] = st.rc1[h]
		st.rc1[h] = d
		st.nr[h]++
		st.rset[h] |= 1 << (uint(l) & 63)
	}
	st.head[d] = h
	st.label[d] = int16(l)
}

func dist(a, b int32) uint64 {
	d := b - a
	if d < 0 {
		d = -d
	}
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	default:
		return 7
	}
}

// features appends the feature hashes of the configuration to f.
func (st *state) features(f []uint32) []uint32 {
	s0, s1, s2 := st.s(0), st.s(1), st.s(2)
	b0 := st.b
	var b1, b2 int32
	if int(b0)+1 <= st.n+1 {
		b1 = b0 + 1
	}
	if int(b0)+2 <= st.n+1 {
		b2 = b0 + 2
	}
	w, p, wp := st.w, st.p, st.wp
	lab := func(i int32) uint64 {
		if i == 0 {
			return 255
		}
		return uint64(st.label[i])
	}
	s0l, s0l2, s0r, s0r2 := st.lc1[s0], st.lc2[s0], st.rc1[s0], st.rc2[s0]
	b0l, b0l2 := st.lc1[b0], st.lc2[b0]
	s1r, s1l := st.rc1[s1], st.lc1[s1]
	var d uint64
	if s0 != 0 {
		d = dist(s0, b0)
	}
	h := perceptron.Hash
	f = append(f,
		h(0, 0, 0, 0),
		h(1, wp[s0], 0, 0), h(2, w[s0], 0, 0), h(3, p[s0], 0, 0),
		h(4, wp[b0], 0, 0), h(5, w[b0], 0, 0), h(6, p[b0], 0, 0),
		h(7, wp[b1], 0, 0), h(8, w[b1], 0, 0), h(9, p[b1], 0, 0),
		h(10, w[b2], 0, 0), h(11, p[b2], 0, 0),
		h(12, wp[s0], wp[b0], 0), h(13, wp[s0], w[b0], 0), h(14, w[s0], wp[b0], 0),
		h(15, wp[s0], p[b0], 0), h(16, p[s0], wp[b0], 0), h(17, w[s0], w[b0], 0),
		h(18, p[s0], p[b0], 0), h(19, p[b0], p[b1], 0),
		h(20, p[b0], p[b1], p[b2]), h(21, p[s0], p[b0], p[b1]), h(22, p[s1], p[s0], p[b0]),
		h(23, p[s0], p[s0l], p[b0]), h(24, p[s0], p[s0r], p[b0]), h(25, p[s0], p[b0], p[b0l]),
		h(26, w[s0], d, 0), h(27, p[s0], d, 0), h(28, w[b0], d, 0), h(29, p[b0], d, 0),
		h(30, w[s0], w[b0], d), h(31, p[s0], p[b0], d),
		h(32, w[s0], uint64(st.nr[s0]), 0), h(33, p[s0], uint64(st.nr[s0]), 0),
		h(34, w[s0], uint64(st.nl[s0]), 0), h(35, p[s0], uint64(st.nl[s0]), 0),
		h(36, w[b0], uint64(st.nl[b0]), 0), h(37, p[b0], uint64(st.nl[b0]), 0),
		h(38, w[s1], 0, 0), h(39, p[s1], 0, 0), h(40, wp[s1], 0, 0),
		h(41, w[s0l], 0, 0), h(42, p[s0l], 0, 0), h(43, lab(s0l), 0, 0),
		h(44, w[s0r], 0, 0), h(45, p[s0r], 0, 0), h(46, lab(s0r), 0, 0),
		h(47, w[b0l], 0, 0), h(48, p[b0l], 0, 0), h(49, lab(b0l), 0, 0),
		h(50, w[s0l2], 0, 0), h(51, p[s0l2], 0, 0), h(52, lab(s0l2), 0, 0),
		h(53, w[s0r2], 0, 0), h(54, p[s0r2], 0, 0), h(55, lab(s0r2), 0, 0),
		h(56, w[b0l2], 0, 0), h(57, p[b0l2], 0, 0), h(58, lab(b0l2), 0, 0),
		h(59, p[s0], p[s0l], p[s0l2]), h(60, p[s0], p[s0r], p[s0r2]), h(61, p[b0], p[b0l], p[b0l2]),
		h(62, w[s0], st.rset[s0], 0), h(63, p[s0], st.rset[s0], 0),
		h(64, w[s0], st.lset[s0], 0), h(65, p[s0], st.lset[s0], 0),
		h(66, w[b0], st.lset[b0], 0), h(67, p[b0], st.lset[b0], 0),
		h(68, p[s1], p[s0], 0), h(69, w[s1], w[s0], 0), h(70, wp[s1], wp[s0], 0),
		h(71, p[s2], p[s1], p[s0]), h(72, p[s1r], lab(s1r), 0), h(73, p[s1], p[s1r], p[s0]),
		h(74, w[s1], p[s0], 0), h(75, p[s1], w[s0], 0), h(76, p[s1], lab(s1l), 0),
		h(77, p[s1], p[s0], dist(s1, s0)), h(78, w[s1], p[s0], p[b0]), h(79, p[s1], p[s0], w[b0]),
		h(80, p[s0], w[b0], p[b1]), h(81, w[s0], p[b0], p[b1]),
		h(82, st.u[s0], st.u[b0], 0), h(83, st.u[s1], st.u[s0], st.u[b0]), h(84, st.u[s0], st.u[b0], st.u[b1]),
		h(85, st.suf[s0], p[s0], 0), h(86, st.suf[b0], p[b0], 0), h(87, w[b0], w[b1], 0),
		h(88, w[s0], w[b1], 0), h(89, st.u[s0], st.u[b0], d),
	)
	c0, c1, c2 := st.c0, st.c1, st.c2
	f = append(f,
		h(90, c1[s0], 0, 0), h(91, c1[b0], 0, 0), h(92, c2[s0], 0, 0), h(93, c2[b0], 0, 0),
		h(94, c1[b1], 0, 0), h(95, c1[s1], 0, 0),
		h(96, c1[s0], c1[b0], 0), h(97, c1[s0], p[b0], 0), h(98, p[s0], c1[b0], 0),
		h(99, c2[s0], p[b0], 0), h(100, p[s0], c2[b0], 0), h(101, c1[s1], c1[s0], 0),
		h(102, c0[s0], c0[b0], d), h(103, c1[s0], p[s0l], lab(s0l)), h(104, c1[b0], p[b0l], lab(b0l)),
		h(105, c1[s0l], 0, 0), h(106, c1[s0r], 0, 0), h(107, c1[b0l], 0, 0), h(108, c1[b2], 0, 0),
		h(109, c1[s0], c1[b0], c1[b1]), h(110, w[s0], c1[b0], 0), h(111, c1[s0], w[b0], 0), h(112, c2[s0], c2[b0], 0),
	)
	return f
}

// Format of a parser file (gzip compressed), integers as unsigned varints,
// strings as length + bytes:
//
//	magic "dyad-parser\n", version (2)
//	label count, labels
//	word classes: 0, or 1 and a table (see package wordclass)
//	perceptron model over 1+2*labels transition classes (see package perceptron)
//
// Version 1 files (before word classes) are refused.
const (
	magic   = "dyad-parser\n"
	version = 2
)

// Save writes the model to w in its gzip-compressed binary format.
func (m *Model) Save(w io.Writer) error {
	mw, err := modelfile.Create(w, magic, version)
	if err != nil {
		return err
	}
	mw.Uvarint(uint64(len(m.labels)))
	for _, l := range m.labels {
		mw.String(l)
	}
	if err := wordclass.WriteOptional(mw.Raw(), m.wc); err != nil {
		return err
	}
	if _, err := m.w.WriteTo(mw.Raw()); err != nil {
		return err
	}
	return mw.Close()
}

// ErrFormat reports a malformed parser file.
var ErrFormat = fmt.Errorf("%w: parser", modelfile.ErrFormat)

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	mr, err := modelfile.Open(r, "parser", magic, version)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	nl, err := mr.Uvarint(1000)
	if err != nil || nl == 0 {
		return nil, fmt.Errorf("%w: label count", ErrFormat)
	}
	m := &Model{root: -1}
	for i := range int(nl) {
		l, err := mr.String(64)
		if err != nil {
			return nil, fmt.Errorf("%w: label %d: %v", ErrFormat, i, err)
		}
		m.labels = append(m.labels, l)
		if l == "root" {
			m.root = i
		}
	}
	if m.root < 0 {
		return nil, fmt.Errorf("%w: no root label", ErrFormat)
	}
	br := mr.Raw()
	if m.wc, err = wordclass.ReadOptional(br); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	w, err := perceptron.Read(br)
	if err != nil {
		return nil, err
	}
	if w.Classes() != 1+2*len(m.labels) {
		return nil, fmt.Errorf("%w: weights for %d classes, want %d", ErrFormat, w.Classes(), 1+2*len(m.labels))
	}
	m.w = w
	return m, nil
}

// Default loads the parser embedded in the binary (data/models). Each call
// decodes a new Model; load once and share it, it is safe for concurrent use.
func Default() (*Model, error) {
	m, err := Load(strings.NewReader(models.Parser))
	if err != nil {
		return nil, fmt.Errorf("embedded parser: %w", err)
	}
	return m, nil
}

// Prune returns a copy of m without the weights whose magnitude is below
// minAbs.
func (m *Model) Prune(minAbs float32) *Model {
	return &Model{labels: m.labels, root: m.root, wc: m.wc, w: m.w.Prune(minAbs)}
}

// Features returns the number of features with weights.
func (m *Model) Features() int { return m.w.Features() }

// Weights returns the number of stored weights.
func (m *Model) Weights() int { return m.w.Weights() }
