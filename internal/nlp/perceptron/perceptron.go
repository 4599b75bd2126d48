// Package perceptron implements the multiclass averaged perceptron shared by
// the POS tagger and the dependency parser: a Trainer that learns sparse
// weights over hashed features, and a compact read-only Model with a
// documented binary encoding (see docs/models.md).
//
// Features are uint32 hashes made by the callers with Hash; a feature's
// weights are a short sparse row of (class, weight) pairs, so scoring costs
// one table probe per feature and no allocation.
package perceptron

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// Hash mixes a template number and up to three values into a feature key.
// Callers hash strings once with String and combine the results here.
func Hash(tmpl uint64, a, b, c uint64) uint32 {
	h := tmpl*0x9E3779B97F4A7C15 ^ a
	h = (h ^ h>>31) * 0xBF58476D1CE4E5B9
	h ^= b
	h = (h ^ h>>29) * 0x94D049BB133111EB
	h ^= c
	h = (h ^ h>>32) * 0xD6E8FEB86659FD93
	h ^= h >> 32
	return uint32(h)
}

// String hashes a string (FNV-1a, 64 bit). The empty string hashes to a
// fixed non-zero value.
func String(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

type entry struct {
	class int32
	w     float32
	total float64 // sum of w over the updates seen, for averaging
	ts    int32   // update count when w last changed
}

// Trainer learns averaged perceptron weights. It is not safe for concurrent
// use.
type Trainer struct {
	NClasses int
	index    map[uint32]int32
	rows     [][]entry
	now      int32
}

// NewTrainer returns a trainer for n classes.
func NewTrainer(n int) *Trainer {
	return &Trainer{NClasses: n, index: make(map[uint32]int32, 1<<20)}
}

// Score adds the current weights of feats to scores (len NClasses) after
// zeroing it.
func (t *Trainer) Score(feats []uint32, scores []float32) {
	clear(scores)
	for _, f := range feats {
		i, ok := t.index[f]
		if !ok {
			continue
		}
		for _, e := range t.rows[i] {
			scores[e.class] += e.w
		}
	}
}

// Tick advances the averaging clock; call it once per training instance.
func (t *Trainer) Tick() { t.now++ }

// Update moves weight from class guess to class truth on feats. It does
// nothing when they are equal.
func (t *Trainer) Update(feats []uint32, truth, guess int) {
	if truth == guess {
		return
	}
	for _, f := range feats {
		t.add(f, truth, 1)
		t.add(f, guess, -1)
	}
}

func (t *Trainer) add(f uint32, class int, d float32) {
	i, ok := t.index[f]
	if !ok {
		i = int32(len(t.rows))
		t.index[f] = i
		t.rows = append(t.rows, nil)
	}
	row := t.rows[i]
	for k := range row {
		e := &row[k]
		if e.class == int32(class) {
			e.total += float64(t.now-e.ts) * float64(e.w)
			e.ts = t.now
			e.w += d
			return
		}
	}
	t.rows[i] = append(row, entry{class: int32(class), w: d, ts: t.now})
}

// Average returns the model whose weights are the averages over all ticks,
// dropping weights whose magnitude is below minAbs and quantising the rest
// to 16 bits. The trainer can go on training afterwards.
func (t *Trainer) Average(minAbs float64) *Model {
	now := float64(t.now)
	if now == 0 {
		now = 1
	}
	type fw struct {
		key  uint32
		ents []Entry
	}
	var feats []fw
	var maxAbs float64
	tmp := make(map[int32]float64)
	for key, i := range t.index {
		clear(tmp)
		var ents []Entry
		for _, e := range t.rows[i] {
			avg := (e.total + float64(t.now-e.ts)*float64(e.w)) / now
			if math.Abs(avg) < minAbs || avg == 0 {
				continue
			}
			maxAbs = max(maxAbs, math.Abs(avg))
			ents = append(ents, Entry{Class: uint16(e.class), W: float32(avg)})
		}
		if len(ents) > 0 {
			slices.SortFunc(ents, func(a, b Entry) int { return int(a.Class) - int(b.Class) })
			feats = append(feats, fw{key, ents})
		}
	}
	slices.SortFunc(feats, func(a, b fw) int {
		if a.key < b.key {
			return -1
		}
		if a.key > b.key {
			return 1
		}
		return 0
	})
	scale := float32(maxAbs / 32767)
	if scale == 0 {
		scale = 1
	}
	b := newBuilder(t.NClasses, scale, len(feats))
	for _, f := range feats {
		for k := range f.ents {
			f.ents[k].W = float32(math.Round(float64(f.ents[k].W/scale))) * scale
		}
		b.add(f.key, f.ents)
	}
	return b.finish()
}

// Entry is one weight of a feature's row.
type Entry struct {
	Class uint16
	W     float32
}

type slot struct {
	key uint32
	off uint32 // offset of the feature's row in data, plus one; 0 marks an empty slot
}

// Model is a read-only averaged perceptron. It is safe for concurrent use.
//
// A feature's row sits in data as its entry count followed by the entries,
// each packed as class<<16 | uint16(quantised weight), so that scoring a
// feature touches one slot and one short run of memory.
type Model struct {
	nclasses int
	scale    float32 // quantisation step of the stored weights
	shift    uint32
	slots    []slot
	keys     []uint32 // sorted feature keys, for encoding
	foff     []uint32 // offset of each feature's row in data
	data     []uint32
	nweights int
}

type builder struct{ m *Model }

// newBuilder starts a model; nfeat is a capacity hint only.
func newBuilder(nclasses int, scale float32, nfeat int) *builder {
	nfeat = min(nfeat, 1<<16)
	m := &Model{nclasses: nclasses, scale: scale, keys: make([]uint32, 0, nfeat), foff: make([]uint32, 0, nfeat)}
	return &builder{m}
}

// add appends a feature whose entries' weights are multiples of the scale.
func (b *builder) add(key uint32, ents []Entry) {
	m := b.m
	m.keys = append(m.keys, key)
	m.foff = append(m.foff, uint32(len(m.data)))
	m.data = append(m.data, uint32(len(ents)))
	for _, e := range ents {
		q := int16(math.Round(float64(e.W / m.scale)))
		m.data = append(m.data, uint32(e.Class)<<16|uint32(uint16(q)))
	}
	m.nweights += len(ents)
}

// finish builds the open-addressing table over the added features.
func (b *builder) finish() *Model {
	m := b.m
	size, shift := 1, uint32(32)
	for 2*size < 3*len(m.keys)+2 { // load factor at most 2/3
		size <<= 1
		shift--
	}
	m.shift = shift
	m.slots = make([]slot, size)
	mask := uint32(size - 1)
	for k, key := range m.keys {
		i := (key * 0x9E3779B1) >> m.shift
		for m.slots[i].off != 0 {
			i = (i + 1) & mask
		}
		m.slots[i] = slot{key, m.foff[k] + 1}
	}
	return m
}

// row returns the packed entries of feature i.
func (m *Model) row(i int) []uint32 {
	o := m.foff[i]
	return m.data[o+1 : o+1+m.data[o]]
}

func (m *Model) unpack(e uint32) Entry {
	return Entry{Class: uint16(e >> 16), W: float32(int16(uint16(e))) * m.scale}
}

// Classes returns the number of classes.
func (m *Model) Classes() int { return m.nclasses }

// Features returns the number of features with weights.
func (m *Model) Features() int { return len(m.keys) }

// Weights returns the number of stored weights.
func (m *Model) Weights() int { return m.nweights }

// Score sets scores (len Classes) to the sum of the weights of feats.
//
// It works in two passes over chunks of features: first it finds every
// feature's row, then it adds the rows up. The loads of one pass do not
// depend on each other, so the processor can overlap their cache misses.
func (m *Model) Score(feats []uint32, scores []float32) {
	clear(scores)
	mask := uint32(len(m.slots) - 1)
	slots, data, scale := m.slots, m.data, m.scale
	var offs [128]uint32
	for len(feats) > 0 {
		chunk := feats[:min(len(feats), len(offs))]
		feats = feats[len(chunk):]
		for k, f := range chunk {
			i := (f * 0x9E3779B1) >> m.shift
			off := uint32(0)
			for {
				s := slots[i]
				if s.key == f && s.off != 0 {
					off = s.off
					break
				}
				if s.off == 0 {
					break
				}
				i = (i + 1) & mask
			}
			offs[k] = off
		}
		for _, o := range offs[:len(chunk)] {
			if o == 0 {
				continue
			}
			n := data[o-1]
			for _, e := range data[o : o+n] {
				scores[e>>16] += float32(int16(uint16(e))) * scale
			}
		}
	}
}

// Encoding: all integers are unsigned varints unless said otherwise.
//
//	classes, scale (float32 bits, 4 bytes little endian), features
//	per feature, in increasing key order:
//	  key delta from the previous key, entry count n,
//	  n times: class delta from the previous class of the row (first: class),
//	           weight/scale as a zigzag varint
const maxFeatures = 1 << 26

// WriteTo writes the model's encoding to w.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	var n int64
	buf := make([]byte, binary.MaxVarintLen64)
	put := func(v uint64) {
		k := binary.PutUvarint(buf, v)
		bw.Write(buf[:k])
		n += int64(k)
	}
	put(uint64(m.nclasses))
	var sb [4]byte
	binary.LittleEndian.PutUint32(sb[:], math.Float32bits(m.scale))
	bw.Write(sb[:])
	n += 4
	put(uint64(len(m.keys)))
	prev := uint32(0)
	for i, key := range m.keys {
		put(uint64(key - prev))
		prev = key
		row := m.row(i)
		put(uint64(len(row)))
		pc := uint16(0)
		for _, pe := range row {
			e := m.unpack(pe)
			put(uint64(e.Class - pc))
			pc = e.Class
			q := int64(math.Round(float64(e.W / m.scale)))
			put(uint64(q<<1) ^ uint64(q>>63))
		}
	}
	return n, bw.Flush()
}

// ErrFormat reports a malformed model encoding.
var ErrFormat = errors.New("malformed perceptron model")

// Read decodes a model written by WriteTo.
func Read(r io.ByteReader) (*Model, error) {
	get := func(what string) (uint64, error) {
		v, err := binary.ReadUvarint(r)
		if err != nil {
			return 0, fmt.Errorf("%w: reading %s: %v", ErrFormat, what, err)
		}
		return v, nil
	}
	nc, err := get("class count")
	if err != nil {
		return nil, err
	}
	if nc == 0 || nc > 1<<16 {
		return nil, fmt.Errorf("%w: %d classes", ErrFormat, nc)
	}
	var sb [4]byte
	for i := range sb {
		if sb[i], err = r.ReadByte(); err != nil {
			return nil, fmt.Errorf("%w: reading scale: %v", ErrFormat, err)
		}
	}
	scale := math.Float32frombits(binary.LittleEndian.Uint32(sb[:]))
	if !(scale > 0) || math.IsInf(float64(scale), 0) {
		return nil, fmt.Errorf("%w: scale %v", ErrFormat, scale)
	}
	nf, err := get("feature count")
	if err != nil {
		return nil, err
	}
	if nf > maxFeatures {
		return nil, fmt.Errorf("%w: %d features", ErrFormat, nf)
	}
	b := newBuilder(int(nc), scale, int(nf))
	key := uint32(0)
	var ents []Entry
	for i := uint64(0); i < nf; i++ {
		d, err := get("feature key")
		if err != nil {
			return nil, err
		}
		if (i > 0 && d == 0) || d > math.MaxUint32 || uint64(key)+d > math.MaxUint32 {
			return nil, fmt.Errorf("%w: feature %d: keys not increasing", ErrFormat, i)
		}
		key += uint32(d)
		n, err := get("entry count")
		if err != nil {
			return nil, err
		}
		if n == 0 || n > nc {
			return nil, fmt.Errorf("%w: feature %d: %d entries", ErrFormat, i, n)
		}
		ents = ents[:0]
		c := uint64(0)
		for j := uint64(0); j < n; j++ {
			dc, err := get("class")
			if err != nil {
				return nil, err
			}
			c += dc
			if c >= nc || (j > 0 && dc == 0) {
				return nil, fmt.Errorf("%w: feature %d: class %d", ErrFormat, i, c)
			}
			zq, err := get("weight")
			if err != nil {
				return nil, err
			}
			q := int64(zq>>1) ^ -int64(zq&1)
			if q < math.MinInt16 || q > math.MaxInt16 {
				return nil, fmt.Errorf("%w: feature %d: weight %d out of 16-bit range", ErrFormat, i, q)
			}
			ents = append(ents, Entry{Class: uint16(c), W: float32(q) * scale})
		}
		b.add(key, ents)
	}
	return b.finish(), nil
}

// Prune returns a copy of m without the weights whose magnitude is below
// minAbs.
func (m *Model) Prune(minAbs float32) *Model {
	b := newBuilder(m.nclasses, m.scale, len(m.keys))
	var ents []Entry
	for i, key := range m.keys {
		ents = ents[:0]
		for _, pe := range m.row(i) {
			e := m.unpack(pe)
			if e.W >= minAbs || e.W <= -minAbs {
				ents = append(ents, e)
			}
		}
		if len(ents) > 0 {
			b.add(key, ents)
		}
	}
	return b.finish()
}

// Weight returns the weight of feature f for class, 0 when it has none. It
// serves explanations: a decision's strongest features are those whose
// weights for the chosen class are largest.
func (m *Model) Weight(f uint32, class int) float32 {
	if len(m.slots) == 0 {
		return 0
	}
	mask := uint32(len(m.slots) - 1)
	for i := (f * 0x9E3779B1) >> m.shift; ; i = (i + 1) & mask {
		s := m.slots[i]
		if s.off == 0 {
			return 0
		}
		if s.key != f {
			continue
		}
		n := m.data[s.off-1]
		for _, e := range m.data[s.off : s.off+n] {
			if int(e>>16) == class {
				return float32(int16(uint16(e))) * m.scale
			}
		}
		return 0
	}
}

// Mean returns the model whose weights are the means of the models'
// weights (an ensemble of runs with different shuffles, at the cost of one
// model), quantised as Average does. The models must have the same classes.
func Mean(models ...*Model) *Model {
	if len(models) == 1 {
		return models[0]
	}
	sums := map[uint32]map[uint16]float64{}
	for _, m := range models {
		for i, key := range m.keys {
			row := sums[key]
			if row == nil {
				row = map[uint16]float64{}
				sums[key] = row
			}
			for _, e := range m.row(i) {
				en := m.unpack(e)
				row[en.Class] += float64(en.W)
			}
		}
	}
	keys := make([]uint32, 0, len(sums))
	var maxAbs float64
	for k, row := range sums {
		keys = append(keys, k)
		for c, w := range row {
			row[c] = w / float64(len(models))
			maxAbs = max(maxAbs, math.Abs(row[c]))
		}
	}
	slices.Sort(keys)
	scale := float32(maxAbs / 32767)
	if scale == 0 {
		scale = 1
	}
	b := newBuilder(models[0].nclasses, scale, len(keys))
	for _, k := range keys {
		row := sums[k]
		ents := make([]Entry, 0, len(row))
		for c, w := range row {
			q := float32(math.Round(w/float64(scale))) * scale
			if q != 0 {
				ents = append(ents, Entry{Class: c, W: q})
			}
		}
		if len(ents) == 0 {
			continue
		}
		slices.SortFunc(ents, func(a, b Entry) int { return int(a.Class) - int(b.Class) })
		b.add(k, ents)
	}
	return b.finish()
}
