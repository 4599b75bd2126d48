package store_test

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

func TestWhyJSON(t *testing.T) {
	long := func(s string, n int) string { return strings.Repeat(s, n) }
	many := func(n int, name string) []event.Weight {
		ws := make([]event.Weight, n)
		for i := range ws {
			ws[i] = event.Weight{Feature: name, Weight: float64(n - i)}
		}
		return ws
	}
	tests := []struct {
		name string
		in   *event.Why
		want *event.Why // nil: in itself
		cut  bool       // too long: only prefixes of the lists are kept
	}{
		{name: "nil", in: nil},
		{name: "small", in: &event.Why{Score: 0.5, Features: many(5, "w=<b>"), Patterns: []string{"p"}, Status: "s", Date: "d"}},
		{name: "not finite", in: &event.Why{Score: math.NaN(), Features: []event.Weight{{Feature: "a", Weight: math.Inf(1)}}},
			want: &event.Why{Score: 0, Features: []event.Weight{{Feature: "a", Weight: 0}}}},
		{name: "many features", in: &event.Why{Score: 0.5, Features: many(3000, "lemma=attack"), Code: many(3, "c")},
			cut: true},
		{name: "many codes", in: &event.Why{Features: many(1, "x"), Code: many(5000, "lemma=attack")},
			cut: true},
		{name: "long strings", in: &event.Why{Features: many(10, long("é", 2000)), Source: long("\x01", 5000),
			Target: long("\x02", 5000), Status: long("\x03", 5000), Date: long("\x04", 5000), Patterns: []string{long("<", 9000)}},
			cut: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := store.WhyJSON(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if len(s) > store.MaxWhy {
				t.Errorf("%d bytes, more than %d", len(s), store.MaxWhy)
			}
			got, err := store.ParseWhy(s)
			if err != nil {
				t.Fatalf("ParseWhy(%.80q): %v", s, err)
			}
			if tc.in == nil {
				if s != "" || got != nil {
					t.Errorf("nil why = %q, %v; want empty", s, got)
				}
				return
			}
			if !tc.cut {
				want := tc.want
				if want == nil {
					want = tc.in
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
				return
			}
			// Cut: the strongest n of each list, strings at character boundaries.
			n := max(len(got.Features), len(got.Code), len(got.Patterns))
			if n == max(len(tc.in.Features), len(tc.in.Code), len(tc.in.Patterns)) {
				t.Errorf("kept all of the longest list (%d)", n)
			}
			for _, l := range []struct {
				name    string
				in, got []event.Weight
			}{{"features", tc.in.Features, got.Features}, {"code", tc.in.Code, got.Code}} {
				if len(l.got) != min(n, len(l.in)) {
					t.Errorf("%s: kept %d of %d, want the first %d", l.name, len(l.got), len(l.in), n)
				}
				for i, w := range l.got {
					if w.Weight != l.in[i].Weight || !strings.HasPrefix(l.in[i].Feature, w.Feature) {
						t.Errorf("%s[%d] = %+v, not a prefix of %+v", l.name, i, w, l.in[i])
						break
					}
				}
			}
			for _, s := range []string{got.Source, got.Target, got.Status, got.Date} {
				if strings.ContainsRune(s, '\uFFFD') {
					t.Errorf("string cut inside a character: %q", s)
				}
			}
		})
	}
}
