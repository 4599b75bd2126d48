// Package postag is a greedy left-to-right averaged-perceptron tagger that
// predicts the Penn Treebank tag (XPOS) and the Universal POS tag (UPOS) of
// every token as one joint label.
//
// Features are hashed: the word and its lowercase form, prefixes and
// suffixes, a word shape, the two previous predicted tags, the two words on
// either side, and the tags the training data gave the next two words
// (a look-ahead that a left-to-right tagger otherwise lacks). Frequent words
// that carried one tag in training are tagged from a dictionary.
//
// A Model is read-only after loading and safe for concurrent use.
package postag

import (
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/data/models"
	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/modelfile"
	"github.com/dyad-project/dyad/internal/nlp/perceptron"
	"github.com/dyad-project/dyad/internal/nlp/wordclass"
)

// Model is a trained tagger.
type Model struct {
	classes []string // "XPOS UPOS"
	xpos    []string
	upos    []string
	// lex maps a lowercase word seen in training to what it knows of it.
	lex map[string]lexEntry
	// wc gives the word-vector classes of lowercase words; nil: none.
	wc *wordclass.Table
	w  *perceptron.Model

	pool sync.Pool // *scratch
}

// lexEntry is what the lexicon knows of a word: its most frequent class,
// a hash of the set of classes it took (its ambiguity class), and whether it
// is frequent and unambiguous enough to be tagged without the perceptron.
type lexEntry struct {
	best   uint16
	amb    uint64
	unique bool
}

type scratch struct {
	feats  []uint32
	scores []float32
	words  []wordInfo
}

// wordInfo holds per-token hashes computed once per sentence.
type wordInfo struct {
	word, lower, shape uint64
	cfshape            uint64 // shape with case folded: "Xxxx" and "xxxx" alike
	suf, pre           [4]uint64
	cls                [wordclass.Levels]uint64 // word-vector classes, coarse to fine; 0 unknown
	best, amb          uint64
	known, unique      bool
}

func (m *Model) getScratch() *scratch {
	if s, ok := m.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{feats: make([]uint32, 0, 64), scores: make([]float32, len(m.classes))}
}

// Classes returns the joint "XPOS UPOS" labels the model predicts.
func (m *Model) Classes() []string { return slices.Clone(m.classes) }

// Tag sets UPOS and XPOS on every token of s.
func (m *Model) Tag(s *nlp.Sentence) {
	sc := m.getScratch()
	defer m.pool.Put(sc)
	var mode uint64
	sc.words, mode = prepare(m.lex, m.wc, s.Tokens, sc.words[:0])
	p1, p2 := uint64(1), uint64(2) // start symbols
	verb := uint64(0)              // 1 once a verb or modal has been predicted
	for i := range s.Tokens {
		var c int
		if wi := &sc.words[i]; wi.unique {
			c = int(wi.best) - 1
		} else {
			sc.feats = features(sc.feats[:0], sc.words, i, p1, p2, verb, mode)
			m.w.Score(sc.feats, sc.scores)
			c = argmax(sc.scores)
		}
		s.Tokens[i].XPOS, s.Tokens[i].UPOS = m.xpos[c], m.upos[c]
		p2, p1 = p1, uint64(c)+16
		if isVerb(m.xpos[c]) {
			verb = 1
		}
	}
}

func argmax(s []float32) int {
	best := 0
	for i, v := range s {
		if v > s[best] {
			best = i
		}
	}
	return best
}

// lowerKey returns the lexicon key of a word: lowercase, digits as 9.
func lowerKey(w string) string {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '8') {
			return strings.Map(func(r rune) rune {
				switch {
				case r >= 'A' && r <= 'Z':
					return r + 32
				case r >= '0' && r <= '9':
					return '9'
				}
				return r
			}, w)
		}
		if c >= utf8.RuneSelf {
			break
		}
	}
	if !strings.ContainsFunc(w, func(r rune) bool { return r >= utf8.RuneSelf }) {
		return w
	}
	return strings.ToLower(w)
}

// shape maps letters to X/x and digits to d, collapsing runs longer than two.
func shape(w string) uint64 { return shapeOf(w, false) }

// shapeOf is shape, with every letter mapped to x when fold is set.
func shapeOf(w string, fold bool) uint64 {
	h := uint64(14695981039346656037)
	var last rune
	run := 0
	n := 0
	for _, r := range w {
		var c rune
		switch {
		case r >= 'A' && r <= 'Z' && !fold:
			c = 'X'
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			c = 'x'
		case r >= '0' && r <= '9':
			c = 'd'
		case r >= utf8.RuneSelf:
			c = 'u'
		default:
			c = r
		}
		if c == last {
			run++
			if run > 2 {
				continue
			}
		} else {
			run = 1
			last = c
		}
		h ^= uint64(c)
		h *= 1099511628211
		if n++; n > 12 {
			break
		}
	}
	return h
}

// Case modes of a sentence (see caseMode).
const (
	modeNormal = iota
	modeLower
	modeTitle
	modeUpper
)

// caseMode tells how a sentence uses case: normal prose, all lower case,
// title case (most words after the first capitalised) or all capitals.
// Outside normal prose the case of a word says little, so the tagger then
// sees the words lowercased and the mode as a feature.
func caseMode(toks []nlp.Token) uint64 {
	words, upperWords, capsAfterFirst, after, anyUpper := 0, 0, 0, 0, false
	for i := range toks {
		w := toks[i].Form()
		letters, upper := 0, 0
		first := rune(0)
		for _, r := range w {
			if unicode.IsLetter(r) {
				if first == 0 {
					first = r
				}
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
		if letters == 0 {
			continue
		}
		words++
		if upper > 0 {
			anyUpper = true
		}
		if upper == letters {
			upperWords++
		}
		if i > 0 {
			after++
			if unicode.IsUpper(first) {
				capsAfterFirst++
			}
		}
	}
	switch {
	case words >= 2 && 10*upperWords >= 8*words:
		return modeUpper
	case words >= 2 && !anyUpper:
		return modeLower
	case after >= 3 && 10*capsAfterFirst >= 7*after:
		return modeTitle
	}
	return modeNormal
}

// prepare computes the per-token hashes of a sentence and its case mode.
func prepare(lex map[string]lexEntry, wc *wordclass.Table, toks []nlp.Token, out []wordInfo) ([]wordInfo, uint64) {
	mode := caseMode(toks)
	for i := range toks {
		w := toks[i].Form()
		low := lowerKey(w)
		wi := wordInfo{word: perceptron.String(w), lower: perceptron.String(low), shape: shape(w), cfshape: shapeOf(w, true)}
		if mode != modeNormal {
			// Outside normal prose case says little: the word is seen
			// lowercased and its shape with case folded.
			wi.word, wi.shape = wi.lower, wi.cfshape
		}
		cls := wc.Lookup(wordclass.Hash(w))
		for l, c := range cls {
			wi.cls[l] = uint64(c)
		}
		for k := 1; k <= 4; k++ {
			if len(low) > k {
				wi.suf[k-1] = perceptron.String(low[len(low)-k:])
				wi.pre[k-1] = perceptron.String(low[:k])
			}
		}
		if le, ok := lex[low]; ok {
			wi.known, wi.unique, wi.best, wi.amb = true, le.unique, uint64(le.best)+1, le.amb
		}
		out = append(out, wi)
	}
	return out, mode
}

var none = wordInfo{word: 3, lower: 3, shape: 3, best: 3, amb: 3}

// isVerb reports whether a Penn tag is a verb or a modal.
func isVerb(xpos string) bool { return strings.HasPrefix(xpos, "VB") || xpos == "MD" }

// features appends the feature hashes for position i given the two previous
// predicted classes p1 and p2 and whether a verb was predicted before i
// (verb is 0 or 1; it tells a past tense from a participle: "police
// arrested" against "the men arrested on Monday were").
//
// mode is the sentence's case mode; the word-vector classes of the word and
// its neighbours stand in for words the treebank did not teach.
func features(f []uint32, ws []wordInfo, i int, p1, p2, verb, mode uint64) []uint32 {
	at := func(j int) *wordInfo {
		if j < 0 || j >= len(ws) {
			return &none
		}
		return &ws[j]
	}
	w, l1, l2, r1, r2 := at(i), at(i-1), at(i-2), at(i+1), at(i+2)
	h := perceptron.Hash
	f = append(f,
		h(1, 0, 0, 0),
		h(2, w.word, 0, 0),
		h(3, w.lower, 0, 0),
		h(4, w.shape, 0, 0),
		h(5, w.suf[0], 0, 0), h(6, w.suf[1], 0, 0), h(7, w.suf[2], 0, 0), h(8, w.suf[3], 0, 0),
		h(9, w.pre[0], 0, 0), h(10, w.pre[1], 0, 0), h(11, w.pre[2], 0, 0),
		h(12, p1, 0, 0), h(13, p2, 0, 0), h(14, p1, p2, 0),
		h(15, p1, w.lower, 0),
		h(16, l1.lower, 0, 0), h(17, l2.lower, 0, 0), h(18, r1.lower, 0, 0), h(19, r2.lower, 0, 0),
		h(20, l1.suf[2], 0, 0), h(21, r1.suf[2], 0, 0),
		h(22, l1.lower, w.lower, 0), h(23, w.lower, r1.lower, 0),
		h(24, r1.best, 0, 0), h(25, r2.best, 0, 0), h(26, r1.amb, 0, 0), h(27, w.amb, 0, 0),
		h(28, p1, r1.best, 0), h(29, w.shape, r1.shape, 0), h(30, p1, w.suf[2], 0),
		h(31, l1.shape, w.shape, 0), h(32, r1.best, r2.best, 0),
		h(34, r1.shape, 0, 0), h(35, w.lower, r1.best, 0), h(36, p1, w.suf[1], 0),
		h(37, w.suf[2], r1.best, 0), h(38, l1.best, 0, 0), h(39, r1.suf[1], 0, 0),
		h(40, p2, p1, w.lower), h(41, l1.lower, r1.lower, 0),
		h(42, verb, w.suf[1], 0), h(43, verb, p1, 0), h(44, verb, w.lower, 0),
		h(45, verb, p1, w.suf[1]), h(46, verb, w.suf[1], r1.best),
		h(47, mode, 0, 0), h(48, mode, w.shape, 0), h(49, mode, p1, 0), h(50, w.cfshape, 0, 0),
		h(51, w.cls[0], 0, 0), h(52, w.cls[1], 0, 0), h(53, w.cls[2], 0, 0),
		h(54, l1.cls[1], 0, 0), h(55, r1.cls[1], 0, 0), h(56, l1.cls[2], 0, 0), h(57, r1.cls[2], 0, 0),
		h(58, p1, w.cls[1], 0), h(59, w.cls[2], w.suf[1], 0), h(60, w.cls[1], r1.cls[1], 0),
		h(61, r2.cls[1], 0, 0), h(62, w.cls[2], r1.best, 0),
	)
	if i == 0 {
		f = append(f, h(33, w.shape, 0, 0))
	}
	return f
}

// Format of a tagger file (gzip compressed), integers as unsigned varints,
// strings as length + bytes:
//
//	magic "dyad-tagger\n", version (2)
//	class count, classes ("XPOS UPOS")
//	lexicon size; per word: word, best class, ambiguity hash (8 bytes LE), unique (0/1)
//	word classes: 0, or 1 and a table (see package wordclass)
//	perceptron model (see package perceptron)
//
// Version 1 files (before word classes and case modes) are refused.
const (
	magic   = "dyad-tagger\n"
	version = 2
)

// Save writes the model to w in its gzip-compressed binary format.
func (m *Model) Save(w io.Writer) error {
	mw, err := modelfile.Create(w, magic, version)
	if err != nil {
		return err
	}
	mw.Uvarint(uint64(len(m.classes)))
	for _, c := range m.classes {
		mw.String(c)
	}
	words := make([]string, 0, len(m.lex))
	for k := range m.lex {
		words = append(words, k)
	}
	slices.Sort(words)
	mw.Uvarint(uint64(len(words)))
	var b8 [8]byte
	for _, k := range words {
		le := m.lex[k]
		mw.String(k)
		mw.Uvarint(uint64(le.best))
		binary.LittleEndian.PutUint64(b8[:], le.amb)
		mw.Raw().Write(b8[:])
		u := byte(0)
		if le.unique {
			u = 1
		}
		mw.Byte(u)
	}
	if err := wordclass.WriteOptional(mw.Raw(), m.wc); err != nil {
		return err
	}
	if _, err := m.w.WriteTo(mw.Raw()); err != nil {
		return err
	}
	return mw.Close()
}

// ErrFormat reports a malformed tagger file.
var ErrFormat = fmt.Errorf("%w: tagger", modelfile.ErrFormat)

const maxString = 1 << 10

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	mr, err := modelfile.Open(r, "tagger", magic, version)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	nc, err := mr.Uvarint(1 << 12)
	if err != nil || nc == 0 {
		return nil, fmt.Errorf("%w: class count", ErrFormat)
	}
	m := &Model{lex: map[string]lexEntry{}}
	for range nc {
		c, err := mr.String(maxString)
		if err != nil {
			return nil, fmt.Errorf("%w: class: %v", ErrFormat, err)
		}
		x, u, ok := strings.Cut(c, " ")
		if !ok {
			return nil, fmt.Errorf("%w: class %q is not \"XPOS UPOS\"", ErrFormat, c)
		}
		m.classes = append(m.classes, c)
		m.xpos = append(m.xpos, x)
		m.upos = append(m.upos, u)
	}
	nw, err := mr.Uvarint(1 << 22)
	if err != nil {
		return nil, fmt.Errorf("%w: lexicon size", ErrFormat)
	}
	br := mr.Raw()
	var b8 [8]byte
	for range nw {
		k, err := mr.String(maxString)
		if err != nil {
			return nil, fmt.Errorf("%w: lexicon: %v", ErrFormat, err)
		}
		best, err := mr.Uvarint(nc - 1)
		if err != nil {
			return nil, fmt.Errorf("%w: lexicon class of %q", ErrFormat, k)
		}
		if _, err := io.ReadFull(br, b8[:]); err != nil {
			return nil, fmt.Errorf("%w: lexicon: %v", ErrFormat, err)
		}
		u, err := mr.Byte()
		if err != nil || u > 1 {
			return nil, fmt.Errorf("%w: lexicon flag of %q", ErrFormat, k)
		}
		m.lex[k] = lexEntry{best: uint16(best), amb: binary.LittleEndian.Uint64(b8[:]), unique: u == 1}
	}
	if m.wc, err = wordclass.ReadOptional(br); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	w, err := perceptron.Read(br)
	if err != nil {
		return nil, err
	}
	if w.Classes() != len(m.classes) {
		return nil, fmt.Errorf("%w: weights for %d classes, model has %d", ErrFormat, w.Classes(), len(m.classes))
	}
	m.w = w
	return m, nil
}

// Default loads the tagger embedded in the binary (data/models). Each call
// decodes a new Model; load once and share it, it is safe for concurrent use.
func Default() (*Model, error) {
	m, err := Load(strings.NewReader(models.Tagger))
	if err != nil {
		return nil, fmt.Errorf("embedded tagger: %w", err)
	}
	return m, nil
}

// Prune returns a copy of m without the weights whose magnitude is below
// minAbs.
func (m *Model) Prune(minAbs float32) *Model {
	return &Model{classes: m.classes, xpos: m.xpos, upos: m.upos, lex: m.lex, wc: m.wc, w: m.w.Prune(minAbs)}
}
