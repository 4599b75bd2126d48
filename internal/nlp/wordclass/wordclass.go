// Package wordclass maps words to classes learnt from pretrained word
// vectors: each word of the vector vocabulary belongs to one cluster at each
// of three granularities (for example 64, 256 and 1024 clusters), nested so
// that the fine cluster decides the coarser ones. The tagger and the parser
// use the classes as features, keyed by the lowercase form, so that a word
// the treebank never showed (or showed in another case) still looks like
// the words it behaves like.
//
// The table is made by tools/wordvectors from GloVe vectors (see
// data/vectors/SOURCE.md). A Table is read-only after loading and safe for
// concurrent use.
package wordclass

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Levels is the number of granularities a table holds.
const Levels = 3

// Classes are the cluster numbers of a word, coarse to fine, each from 1;
// 0 means the word is not in the table.
type Classes [Levels]uint16

// Table maps lowercase words (digits folded to 9) to their classes.
type Table struct {
	sizes [Levels]int
	words []string // in the order of the file (most frequent first)
	m     map[uint64]Classes
}

// New returns a table of the given cluster counts (coarse to fine) over
// words with their classes; a word whose key is already present keeps its
// first classes.
func New(sizes [Levels]int, words []string, classes []Classes) (*Table, error) {
	if len(words) != len(classes) {
		return nil, fmt.Errorf("wordclass: %d words, %d class lists", len(words), len(classes))
	}
	t := &Table{sizes: sizes, m: make(map[uint64]Classes, len(words))}
	for i, w := range words {
		for l, c := range classes[i] {
			if c == 0 || int(c) > sizes[l] {
				return nil, fmt.Errorf("wordclass: class %d of %q out of range 1..%d", c, w, sizes[l])
			}
		}
		k := Hash(w)
		if _, ok := t.m[k]; ok {
			continue
		}
		t.m[k] = classes[i]
		t.words = append(t.words, w)
	}
	return t, nil
}

// Sizes returns the cluster counts, coarse to fine.
func (t *Table) Sizes() [Levels]int { return t.sizes }

// Len returns the number of words.
func (t *Table) Len() int { return len(t.m) }

// Lookup returns the classes of a word given its Hash; the zero Classes
// when it is unknown. A nil table knows no word.
func (t *Table) Lookup(h uint64) Classes {
	if t == nil {
		return Classes{}
	}
	return t.m[h]
}

// Word returns the classes of a word as written (it is lowercased and its
// digits folded before the lookup).
func (t *Table) Word(w string) Classes { return t.Lookup(Hash(w)) }

// Hash hashes the lowercase form of w with the digits 0-8 folded to 9
// (FNV-1a, 64 bit), without allocating for ASCII words. It equals the hash
// the parser uses for words.
func Hash(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return hashSlow(w)
		}
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

func hashSlow(w string) uint64 {
	low := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '8' {
			return '9'
		}
		return r
	}, strings.ToLower(w))
	h := uint64(14695981039346656037)
	for i := 0; i < len(low); i++ {
		h ^= uint64(low[i])
		h *= 1099511628211
	}
	return h
}

// Format (inside whatever stream holds it; integers are unsigned varints,
// strings length + bytes):
//
//	magic "dyad-wordclass\n", version (1)
//	the three cluster counts, coarse to fine
//	word count W, then W times: word, its three classes
const (
	magic   = "dyad-wordclass\n"
	version = 1
)

// ErrFormat reports a malformed table.
var ErrFormat = errors.New("malformed word class table")

// WriteTo writes the table in its binary format (uncompressed).
func (t *Table) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	var b [binary.MaxVarintLen64]byte
	n := int64(0)
	put := func(v uint64) {
		k, _ := bw.Write(b[:binary.PutUvarint(b[:], v)])
		n += int64(k)
	}
	k, _ := bw.WriteString(magic)
	n += int64(k)
	put(version)
	for _, s := range t.sizes {
		put(uint64(s))
	}
	put(uint64(len(t.words)))
	for _, wd := range t.words {
		put(uint64(len(wd)))
		k, _ := bw.WriteString(wd)
		n += int64(k)
		for _, c := range t.m[Hash(wd)] {
			put(uint64(c))
		}
	}
	return n, bw.Flush()
}

// Read reads a table written by WriteTo. r must be buffered by the caller
// when that matters; Read reads exactly the table's bytes.
func Read(r io.ByteReader) (*Table, error) {
	for i := 0; i < len(magic); i++ {
		c, err := r.ReadByte()
		if err != nil || c != magic[i] {
			return nil, fmt.Errorf("%w: not a word class table", ErrFormat)
		}
	}
	v, err := binary.ReadUvarint(r)
	if err != nil || v != version {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrFormat, v, version)
	}
	var sizes [Levels]int
	for l := range sizes {
		s, err := binary.ReadUvarint(r)
		if err != nil || s == 0 || s > 1<<15 {
			return nil, fmt.Errorf("%w: cluster count", ErrFormat)
		}
		sizes[l] = int(s)
	}
	nw, err := binary.ReadUvarint(r)
	if err != nil || nw > 1<<22 {
		return nil, fmt.Errorf("%w: word count", ErrFormat)
	}
	// The words go into one arena and become substrings of one string:
	// two allocations instead of one per word.
	arena := make([]byte, 0, 8*nw)
	ends := make([]int, 0, nw)
	classes := make([]Classes, 0, nw)
	for range nw {
		k, err := binary.ReadUvarint(r)
		if err != nil || k == 0 || k > 256 {
			return nil, fmt.Errorf("%w: word length", ErrFormat)
		}
		w0 := len(arena)
		for range k {
			c, err := r.ReadByte()
			if err != nil {
				return nil, fmt.Errorf("%w: %v", ErrFormat, err)
			}
			arena = append(arena, c)
		}
		var cs Classes
		for l := range cs {
			c, err := binary.ReadUvarint(r)
			if err != nil || c == 0 || c > uint64(sizes[l]) {
				return nil, fmt.Errorf("%w: class of %q", ErrFormat, arena[w0:])
			}
			cs[l] = uint16(c)
		}
		ends = append(ends, len(arena))
		classes = append(classes, cs)
	}
	all := string(arena)
	t := &Table{sizes: sizes, words: make([]string, 0, nw), m: make(map[uint64]Classes, nw)}
	prev := 0
	for i, e := range ends {
		w := all[prev:e]
		prev = e
		h := Hash(w)
		if _, ok := t.m[h]; ok {
			continue
		}
		t.m[h] = classes[i]
		t.words = append(t.words, w)
	}
	return t, nil
}

// WriteOptional writes t as a model file's optional section: a flag byte
// (0 none, 1 a table) and then the table.
func WriteOptional(w io.Writer, t *Table) error {
	if t == nil {
		_, err := w.Write([]byte{0})
		return err
	}
	if _, err := w.Write([]byte{1}); err != nil {
		return err
	}
	_, err := t.WriteTo(w)
	return err
}

// ReadOptional reads the section WriteOptional wrote; nil means none.
func ReadOptional(r io.ByteReader) (*Table, error) {
	switch has, err := r.ReadByte(); {
	case err != nil || has > 1:
		return nil, fmt.Errorf("word class flag")
	case has == 1:
		return Read(r)
	}
	return nil, nil
}
