package eval

import (
	"strings"

	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/conllu"
)

// ParseScores counts what a tagger and parser got right against gold
// CoNLL-U with the same tokenisation. Accuracies are in percent over all
// words, punctuation included. LAS compares the universal part of the
// relation (before ":") as the CoNLL 2018 shared task does; LASFull compares
// the whole label.
type ParseScores struct {
	Words                               int
	UPOS, XPOS, UAS, LAS, LASFull, Sent int // counts of correct words; Sent: sentences
}

// Pct returns 100*n/Words.
func (p ParseScores) Pct(n int) float64 {
	if p.Words == 0 {
		return 0
	}
	return 100 * float64(n) / float64(p.Words)
}

// AddGoldTokenised scores one system sentence against its gold sentence;
// both must have the same words. It reports false when the word counts
// differ.
func (p *ParseScores) AddGoldTokenised(gold, sys *conllu.Sentence) bool {
	if len(gold.Words) != len(sys.Words) {
		return false
	}
	p.Sent++
	for i := range gold.Words {
		g, s := &gold.Words[i], &sys.Words[i]
		p.Words++
		if g.UPOS == s.UPOS {
			p.UPOS++
		}
		if g.XPOS == s.XPOS {
			p.XPOS++
		}
		if g.Head == s.Head {
			p.UAS++
			if universal(g.Deprel) == universal(s.Deprel) {
				p.LAS++
			}
			if g.Deprel == s.Deprel {
				p.LASFull++
			}
		}
	}
	return true
}

func universal(rel string) string {
	r, _, _ := strings.Cut(rel, ":")
	return r
}

// Span is a byte range of a document text.
type Span struct{ Start, End int }

// AlignedWord is one syntactic word with the span of the surface token it
// belongs to (for words of a multiword token, the whole token's span).
type AlignedWord struct {
	Span      Span
	Multiword bool
	Form      string
	UPOS      string
	XPOS      string
	Head      int // index into the document's word list, -1 for the root
	Deprel    string
}

// Doc is a document's tokens, sentences and words with spans into one text,
// the unit the raw-text evaluation aligns.
type Doc struct {
	Tokens    []Span
	Sentences []Span
	Words     []AlignedWord
}

// AddSentence appends a CoNLL-U sentence whose words and tokens have the
// given spans: tokenSpan(i) for word i (1-based) not in a multiword token,
// and multiSpan(k) for multiword token k. Heads become document indices.
func (d *Doc) AddSentence(s *conllu.Sentence, wordSpan func(i int) Span, multiSpan func(k int) Span) {
	base := len(d.Words)
	mi := 0
	start := -1
	end := 0
	for i := 1; i <= len(s.Words); i++ {
		w := &s.Words[i-1]
		var sp Span
		multi := false
		if mi < len(s.Multi) && s.Multi[mi].First <= i && i <= s.Multi[mi].Last {
			sp = multiSpan(mi)
			multi = true
			if i == s.Multi[mi].First {
				d.Tokens = append(d.Tokens, sp)
			}
			if i == s.Multi[mi].Last {
				mi++
			}
		} else {
			sp = wordSpan(i)
			d.Tokens = append(d.Tokens, sp)
		}
		if start < 0 {
			start = sp.Start
		}
		end = max(end, sp.End)
		head := -1
		if w.Head > 0 {
			head = base + w.Head - 1
		}
		d.Words = append(d.Words, AlignedWord{Span: sp, Multiword: multi, Form: w.Form, UPOS: w.UPOS, XPOS: w.XPOS, Head: head, Deprel: w.Deprel})
	}
	if start >= 0 {
		d.Sentences = append(d.Sentences, Span{start, end})
	}
}

// Matched counts gold, system and correct items for precision, recall and F1 over counts.
type Matched struct {
	Gold, System, Correct int
}

// Precision, Recall and F in percent.
func (f Matched) Precision() float64 { return pctOf(f.Correct, f.System) }
func (f Matched) Recall() float64    { return pctOf(f.Correct, f.Gold) }
func (f Matched) F() float64 {
	p, r := f.Precision(), f.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func pctOf(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// RawScores are the CoNLL 2018 shared task metrics of a system run on raw
// text against gold.
type RawScores struct {
	Tokens, Sentences, Words, UPOS, XPOS, UAS, LAS Matched
}

// ScoreRaw aligns system words to gold words over the same text, as the
// CoNLL 2018 shared task evaluation does: words whose token spans are equal
// align; where a multiword token is involved on either side, the words of
// the overlapping stretch are aligned by the longest common subsequence of
// their lowercase forms. A word's head is right when the system head is
// aligned to the gold head (or both are the root).
func ScoreRaw(gold, sys *Doc) RawScores {
	var r RawScores
	r.Tokens = spanF1(gold.Tokens, sys.Tokens)
	r.Sentences = spanF1(gold.Sentences, sys.Sentences)
	g2s := align(gold.Words, sys.Words)
	s2g := make([]int, len(sys.Words))
	for i := range s2g {
		s2g[i] = -1
	}
	for gi, si := range g2s {
		if si >= 0 {
			s2g[si] = gi
		}
	}
	for _, f := range []*Matched{&r.Words, &r.UPOS, &r.XPOS, &r.UAS, &r.LAS} {
		f.Gold, f.System = len(gold.Words), len(sys.Words)
	}
	for gi, si := range g2s {
		if si < 0 {
			continue
		}
		g, s := &gold.Words[gi], &sys.Words[si]
		r.Words.Correct++
		if g.UPOS == s.UPOS {
			r.UPOS.Correct++
		}
		if g.XPOS == s.XPOS {
			r.XPOS.Correct++
		}
		headOK := (g.Head < 0 && s.Head < 0) || (g.Head >= 0 && s.Head >= 0 && s2g[s.Head] == g.Head)
		if headOK {
			r.UAS.Correct++
			if universal(g.Deprel) == universal(s.Deprel) {
				r.LAS.Correct++
			}
		}
	}
	return r
}

// spanF1 counts spans present in both sorted lists.
func spanF1(gold, sys []Span) Matched {
	f := Matched{Gold: len(gold), System: len(sys)}
	i, j := 0, 0
	for i < len(gold) && j < len(sys) {
		g, s := gold[i], sys[j]
		switch {
		case g == s:
			f.Correct++
			i++
			j++
		case g.Start < s.Start || (g.Start == s.Start && g.End < s.End):
			i++
		default:
			j++
		}
	}
	return f
}

// align returns for each gold word the index of its system word or -1.
func align(gold, sys []AlignedWord) []int {
	g2s := make([]int, len(gold))
	for i := range g2s {
		g2s[i] = -1
	}
	gi, si := 0, 0
	for gi < len(gold) && si < len(sys) {
		g, s := &gold[gi], &sys[si]
		if g.Multiword || s.Multiword {
			gs, ss := gi, si
			end := max(g.Span.End, s.Span.End)
			if !g.Multiword {
				end = s.Span.End
			} else if !s.Multiword {
				end = g.Span.End
			}
			for {
				grew := false
				for gi < len(gold) && gold[gi].Span.Start < end {
					end = max(end, gold[gi].Span.End)
					gi++
					grew = true
				}
				for si < len(sys) && sys[si].Span.Start < end {
					end = max(end, sys[si].Span.End)
					si++
					grew = true
				}
				if !grew {
					break
				}
			}
			lcsAlign(gold[gs:gi], sys[ss:si], gs, ss, g2s)
			continue
		}
		switch {
		case g.Span == s.Span:
			g2s[gi] = si
			gi++
			si++
		case g.Span.End < s.Span.End:
			gi++
		case s.Span.End < g.Span.End:
			si++
		default:
			gi++
			si++
		}
	}
	return g2s
}

// lcsAlign aligns two short runs of words by the longest common
// subsequence of their lowercase forms.
func lcsAlign(gold, sys []AlignedWord, gbase, sbase int, g2s []int) {
	n, m := len(gold), len(sys)
	if n == 0 || m == 0 || n*m > 1<<20 {
		return // nothing to align, or a stretch too long to align word by word
	}
	gf := make([]string, n)
	sf := make([]string, m)
	for i := range gold {
		gf[i] = strings.ToLower(gold[i].Form)
	}
	for j := range sys {
		sf[j] = strings.ToLower(sys[j].Form)
	}
	// dp[i][j] = LCS length of gold[i:] and sys[j:]
	dp := make([][]int, n+1)
	for i := range dp {
		dp[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if gf[i] == sf[j] {
				dp[i][j] = 1 + dp[i+1][j+1]
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case gf[i] == sf[j]:
			g2s[gbase+i] = sbase + j
			i++
			j++
		case dp[i+1][j] >= dp[i][j+1]:
			i++
		default:
			j++
		}
	}
}

// GoldDoc rebuilds the raw text of gold CoNLL-U sentences, as the CoNLL
// 2018 shared task did: each sentence's words joined by their SpaceAfter
// spacing, sentences separated by a space, and paragraphs (a "newpar" or
// "newdoc" comment) by a blank line. It returns the text and the gold Doc
// over it.
func GoldDoc(sents []*conllu.Sentence) (string, *Doc) {
	var text strings.Builder
	d := &Doc{}
	for i, s := range sents {
		if i > 0 {
			if s.Comment("newpar id") != "" || s.Comment("newdoc id") != "" || hasComment(s, "newpar") || hasComment(s, "newdoc") {
				text.WriteString("\n\n")
			} else {
				text.WriteString(" ")
			}
		}
		ns, st := conllu.ToNLP(s, text.Len())
		text.WriteString(strings.TrimRight(st, " "))
		multi := make([]Span, len(s.Multi))
		for k, m := range s.Multi {
			multi[k] = Span{ns.Tokens[m.First-1].Start, ns.Tokens[m.First-1].End}
		}
		d.AddSentence(s, func(i int) Span { return Span{ns.Tokens[i-1].Start, ns.Tokens[i-1].End} },
			func(k int) Span { return multi[k] })
	}
	return text.String(), d
}

func hasComment(s *conllu.Sentence, key string) bool {
	for _, c := range s.Comments {
		if strings.TrimSpace(c) == key {
			return true
		}
	}
	return false
}

// SystemDoc converts annotated sentences into a Doc, grouping split words
// into multiword tokens the way conllu.FromNLP writes them.
func SystemDoc(sents []nlp.Sentence) *Doc {
	d := &Doc{}
	for i := range sents {
		s := &sents[i]
		cs := conllu.FromNLP(s)
		d.AddSentence(cs, func(i int) Span { return Span{s.Tokens[i-1].Start, s.Tokens[i-1].End} },
			func(k int) Span {
				m := cs.Multi[k]
				return Span{s.Tokens[m.First-1].Start, s.Tokens[m.Last-1].End}
			})
	}
	return d
}
