// Package recase rewrites the case of sentences the way real input differs
// from edited prose: headlines in title case, archives in lower case,
// datelines and wire slugs in capitals. Training uses it to show the tagger
// and parser such sentences; "dyad eval parse --case" uses it to make the
// case variants of a gold file.
package recase

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/conllu"
)

// Case is a way of rewriting the case of a text.
type Case int

const (
	Keep  Case = iota // as written
	Title             // the first letter of every whitespace-delimited word upper case, the rest as written
	Lower             // everything lower case
	Upper             // everything upper case
)

// Parse returns the Case named "", "cased", "title", "lower" or "upper".
func Parse(s string) (Case, error) {
	switch s {
	case "", "cased", "keep":
		return Keep, nil
	case "title":
		return Title, nil
	case "lower":
		return Lower, nil
	case "upper":
		return Upper, nil
	}
	return Keep, fmt.Errorf("unknown case %q (want title, lower or upper)", s)
}

func (c Case) String() string {
	return [...]string{"cased", "title", "lower", "upper"}[c]
}

// Word rewrites one word; begins says whether it begins a
// whitespace-delimited word of the text (only then does Title change it).
func (c Case) Word(w string, begins bool) string {
	switch c {
	case Lower:
		return strings.ToLower(w)
	case Upper:
		return strings.ToUpper(w)
	case Title:
		if !begins || w == "" {
			return w
		}
		r, n := utf8.DecodeRuneInString(w)
		if !unicode.IsLower(r) {
			return w
		}
		return string(unicode.ToUpper(r)) + w[n:]
	}
	return w
}

// Sentence rewrites the Text and Norm of every token of s in place. Offsets
// are left as they were: the result is for training and scoring, not for
// slicing a document.
func Sentence(s *nlp.Sentence, c Case) {
	if c == Keep {
		return
	}
	begins := true
	for i := range s.Tokens {
		t := &s.Tokens[i]
		t.Text = c.Word(t.Text, begins)
		if t.Norm != "" {
			t.Norm = c.Word(t.Norm, begins)
		}
		begins = t.SpaceAfter
	}
}

// CoNLLU rewrites the forms of the words and multiword tokens of s in place
// (lemmas are left alone).
func CoNLLU(s *conllu.Sentence, c Case) {
	if c == Keep {
		return
	}
	begins := true
	mi := 0
	for i := 0; i < len(s.Words); i++ {
		w := &s.Words[i]
		if mi < len(s.Multi) && s.Multi[mi].First == w.ID {
			m := &s.Multi[mi]
			mi++
			m.Form = c.Word(m.Form, begins)
			for j := m.First; j <= m.Last && j <= len(s.Words); j++ {
				s.Words[j-1].Form = c.Word(s.Words[j-1].Form, begins && j == m.First)
			}
			begins = conllu.SpaceAfter(m.Misc)
			i = m.Last - 1
			continue
		}
		w.Form = c.Word(w.Form, begins)
		begins = conllu.SpaceAfter(w.Misc)
	}
}

// Mix gives the shares of training sentences shown in each case; the rest
// are shown as written.
type Mix struct{ Title, Lower, Upper float64 }

// Pick returns the case for a uniform random number r in [0, 1).
func (m Mix) Pick(r float64) Case {
	switch {
	case r < m.Title:
		return Title
	case r < m.Title+m.Lower:
		return Lower
	case r < m.Title+m.Lower+m.Upper:
		return Upper
	}
	return Keep
}

// Zero reports whether m recases nothing.
func (m Mix) Zero() bool { return m.Title <= 0 && m.Lower <= 0 && m.Upper <= 0 }

// Augment rewrites sentences in place, each in the case m picks for it with
// a random number seeded by seed and its position, and returns how many it
// changed.
func Augment(sents []nlp.Sentence, m Mix, seed uint64) int {
	rng := rand.New(rand.NewPCG(seed, 0xca5e))
	n := 0
	for i := range sents {
		if c := m.Pick(rng.Float64()); c != Keep {
			sents[i].Tokens = slices.Clone(sents[i].Tokens)
			Sentence(&sents[i], c)
			n++
		}
	}
	return n
}
