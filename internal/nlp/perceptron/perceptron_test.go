package perceptron

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
)

// Three classes, each signalled by one feature; a shared bias feature is noise.
func trainToy(t testing.TB) *Model {
	tr := NewTrainer(3)
	scores := make([]float32, 3)
	data := []struct {
		feats []uint32
		class int
	}{
		{[]uint32{1, 10}, 0}, {[]uint32{2, 10}, 1}, {[]uint32{3, 10}, 2}, {[]uint32{1, 2, 10}, 0},
	}
	for epoch := 0; epoch < 10; epoch++ {
		for _, d := range data {
			tr.Score(d.feats, scores)
			guess := argmax(scores)
			tr.Update(d.feats, d.class, guess)
			tr.Tick()
		}
	}
	return tr.Average(0)
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

func TestLearnAndRoundTrip(t *testing.T) {
	m := trainToy(t)
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Read(bufio.NewReader(&buf))
	if err != nil {
		t.Fatal(err)
	}
	for _, mm := range []*Model{m, m2} {
		s := make([]float32, 3)
		for want, f := range []uint32{1, 2, 3} {
			mm.Score([]uint32{f, 10}, s)
			if got := argmax(s); got != want {
				t.Errorf("feature %d: class %d, want %d (scores %v)", f, got, want, s)
			}
		}
	}
	if m.Features() != m2.Features() || m.Weights() != m2.Weights() {
		t.Errorf("decoded %d/%d features/weights, want %d/%d", m2.Features(), m2.Weights(), m.Features(), m.Weights())
	}
	s1, s2 := make([]float32, 3), make([]float32, 3)
	m.Score([]uint32{1, 2, 3, 10}, s1)
	m2.Score([]uint32{1, 2, 3, 10}, s2)
	for i := range s1 {
		if math.Abs(float64(s1[i]-s2[i])) > 1e-4 {
			t.Errorf("score %d: %v after decoding, want %v", i, s2[i], s1[i])
		}
	}
}

func TestReadErrors(t *testing.T) {
	for _, in := range []string{"", "\x00", "\x03\x00\x00\x80\x3f\x01\x05\x00"} {
		if _, err := Read(bufio.NewReader(strings.NewReader(in))); err == nil {
			t.Errorf("Read(%q): no error", in)
		}
	}
}

func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	trainToy(f).WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, in []byte) {
		m, err := Read(bufio.NewReader(bytes.NewReader(in)))
		if err != nil {
			return
		}
		s := make([]float32, m.Classes())
		m.Score([]uint32{0, 1, 2, 3}, s)
	})
}

func Example() {
	tr := NewTrainer(2)
	scores := make([]float32, 2)
	for range 5 {
		for _, d := range []struct {
			f     uint32
			class int
		}{{Hash(1, String("rain"), 0, 0), 0}, {Hash(1, String("sun"), 0, 0), 1}} {
			tr.Score([]uint32{d.f}, scores)
			tr.Update([]uint32{d.f}, d.class, argmax(scores))
			tr.Tick()
		}
	}
	m := tr.Average(0)
	m.Score([]uint32{Hash(1, String("sun"), 0, 0)}, scores)
	fmt.Println(argmax(scores))
	// Output: 1
}

func TestMean(t *testing.T) {
	train := func(w float32) *Model {
		tr := NewTrainer(2)
		for i := 0; i < int(w); i++ {
			tr.Update([]uint32{7}, 1, 0)
			tr.Tick()
		}
		return tr.Average(0)
	}
	a, b := train(2), train(4)
	m := Mean(a, b)
	got, want := m.Weight(7, 1), (a.Weight(7, 1)+b.Weight(7, 1))/2
	if d := got - want; d > 1e-3 || d < -1e-3 {
		t.Errorf("mean weight %v, want %v", got, want)
	}
	if m.Weight(8, 1) != 0 || Mean(a) != a {
		t.Error("unknown feature has a weight, or a single model was copied")
	}
}
