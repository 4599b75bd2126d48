package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/event"
)

// Bounds of the stored explanation of an event (the why column). Its
// strings carry words of the document, so they are untrusted text and are
// bounded like the rest of it.
const (
	MaxWhy       = 16 << 10 // bytes of the JSON of one event's Why
	maxWhyString = 1 << 10  // bytes of each string in it
	minWhyString = 256      // bytes of each scalar string when even that is too much
)

// WhyJSON returns the JSON the why column stores for w: "" when w is nil.
// The result is at most MaxWhy bytes. Each string is cut to 1 KB at a
// character boundary; when the whole is still too long, the weakest
// features are dropped: the strongest n of Features, of Code and of
// Patterns are kept, for the largest n that fits. Only when none fits are
// the other strings cut further. Scores and weights that JSON cannot hold
// (NaN, ±Inf) are stored as 0.
func WhyJSON(w *event.Why) (string, error) {
	if w == nil {
		return "", nil
	}
	c := event.Why{
		Score:    finite(w.Score),
		Features: boundWeights(w.Features),
		Code:     boundWeights(w.Code),
		Source:   cut(w.Source, maxWhyString),
		Target:   cut(w.Target, maxWhyString),
		Status:   cut(w.Status, maxWhyString),
		Date:     cut(w.Date, maxWhyString),
	}
	for _, p := range w.Patterns {
		c.Patterns = append(c.Patterns, cut(p, maxWhyString))
	}
	b, err := encodeWhy(&c)
	if err != nil || len(b) <= MaxWhy {
		return string(b), err
	}
	// Keep the strongest n of each list (features, code features,
	// patterns), for the largest n that fits.
	features, code, patterns := c.Features, c.Code, c.Patterns
	keep := func(n int) {
		c.Features, c.Code, c.Patterns = features[:min(n, len(features))], code[:min(n, len(code))], patterns[:min(n, len(patterns))]
	}
	longest := max(len(features), len(code), len(patterns))
	n := sort.Search(longest+1, func(n int) bool {
		keep(n)
		b, err := encodeWhy(&c)
		return err != nil || len(b) > MaxWhy
	}) - 1
	if n >= 0 {
		keep(n)
		return asString(encodeWhy(&c))
	}
	keep(0)
	// Only four long strings of escaped characters get here; cut short,
	// they fit whatever they hold (6 bytes a byte at worst).
	c.Source, c.Target = cut(c.Source, minWhyString), cut(c.Target, minWhyString)
	c.Status, c.Date = cut(c.Status, minWhyString), cut(c.Date, minWhyString)
	return asString(encodeWhy(&c))
}

// asString returns b as a string, with err.
func asString(b []byte, err error) (string, error) { return string(b), err }

// ParseWhy reads the why column: nil for "".
func ParseWhy(s string) (*event.Why, error) {
	if s == "" {
		return nil, nil
	}
	var w event.Why
	if err := json.Unmarshal([]byte(s), &w); err != nil {
		return nil, fmt.Errorf("why: %w", err)
	}
	return &w, nil
}

// encodeWhy is the JSON of w without HTML escaping (the column is data,
// not markup; pages escape it when they show it), with no trailing newline.
func encodeWhy(w *event.Why) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(w); err != nil {
		return nil, fmt.Errorf("why: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func boundWeights(ws []event.Weight) []event.Weight {
	if ws == nil {
		return nil
	}
	out := make([]event.Weight, len(ws))
	for i, w := range ws {
		out[i] = event.Weight{Feature: cut(w.Feature, maxWhyString), Weight: finite(w.Weight)}
	}
	return out
}

func finite(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// cut returns the longest prefix of s of at most n bytes that ends at a
// character boundary.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
