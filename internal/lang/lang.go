// Package lang identifies the language of a text, in pure Go and with no
// external model: the writing system settles most languages (Greek,
// Hebrew, Korean, Japanese against Chinese, ...), and within the Latin,
// Cyrillic and Arabic scripts a naive Bayes classifier over character
// trigrams, with a bonus for each function word, picks among the languages
// it has profiles for. The trigram profiles are built from short news
// paragraphs we wrote for each language (profiles/*.txt, embedded).
//
// Supported: en fr de es it pt nl sv pl tr (Latin), ru uk (Cyrillic),
// ar fa (Arabic script), zh ja, and by script alone ko el he hi th hy ka.
//
// A Detector is immutable and safe for concurrent use.
package lang

import (
	"bufio"
	"compress/gzip"
	"embed"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/data/langprofile"
)

// Undetermined is the code returned when a text has too few letters, or
// letters of no script the detector knows.
const Undetermined = "und"

// sampleBytes is how much of a text Detect reads: enough for a confident
// call, little enough to keep ingest fast on long articles.
const sampleBytes = 1024

// minLetters is the fewest letters of the main script needed for a call;
// CJK scripts carry more per character.
const (
	minLetters    = 6
	minCJKLetters = 2
)

// englishPrior (in nats) favours English when the evidence is thin: dyad
// reads mostly English news, and short English headlines share many
// trigrams with Dutch and German.
const englishPrior = 1.5

// stopBonus (in nats) is added for each word found in a language's list of
// function words.
const stopBonus = 2.0

//go:embed profiles/*.txt
var profileFS embed.FS

// Result is a detected language.
type Result struct {
	Lang       string  // ISO 639-1 code, or Undetermined
	Confidence float64 // in [0, 1]: the posterior of Lang among its script's languages
}

// script groups of the trained languages, in a fixed order.
var groups = map[string][]string{
	"latin":    {"en", "fr", "de", "es", "it", "pt", "nl", "sv", "pl", "tr"},
	"cyrillic": {"ru", "uk"},
	"arabic":   {"ar", "fa"},
}

// group is a naive Bayes model for the languages sharing a script.
type group struct {
	langs  []string
	logp   map[uint64][]float32 // trigram -> log P(trigram | lang), per lang
	unseen []float32            // log P of a trigram never seen in lang
	stop   map[string][]int     // function word -> indexes of langs listing it
	prior  []float32
}

// Detector identifies languages. Build one with New.
type Detector struct {
	groups map[string]*group
}

// New builds a Detector from the embedded profiles.
func New() (*Detector, error) {
	d := &Detector{groups: map[string]*group{}}
	for name, langs := range groups {
		g := &group{langs: langs, logp: map[uint64][]float32{}, stop: map[string][]int{},
			unseen: make([]float32, len(langs)), prior: make([]float32, len(langs))}
		counts := make([]map[uint64]int, len(langs))
		totals := make([]int, len(langs))
		vocab := map[uint64]bool{}
		for i, l := range langs {
			b, err := profileFS.ReadFile("profiles/" + l + ".txt")
			if err != nil {
				return nil, fmt.Errorf("profile %s: %w", l, err)
			}
			counts[i] = map[uint64]int{}
			forTrigrams(string(b), -1, func(_ string, t uint64) {
				counts[i][t]++
				totals[i]++
				vocab[t] = true
			})
			if l == "en" {
				if err := addCounts(counts[i], &totals[i], vocab, langprofile.EnglishGzipped()); err != nil {
					return nil, fmt.Errorf("profile en_ewt: %w", err)
				}
			}
			for _, w := range stopwords[l] {
				g.stop[w] = append(g.stop[w], i)
			}
			if l == "en" {
				g.prior[i] = englishPrior
			}
		}
		const alpha = 0.5
		v := float64(len(vocab))
		for i := range langs {
			g.unseen[i] = float32(math.Log(alpha / (float64(totals[i]) + alpha*v)))
		}
		for t := range vocab {
			row := make([]float32, len(langs))
			for i := range langs {
				row[i] = float32(math.Log((float64(counts[i][t]) + alpha) / (float64(totals[i]) + alpha*v)))
			}
			g.logp[t] = row
		}
		d.groups[name] = g
	}
	return d, nil
}

// addCounts adds gzipped "TRIGRAM<TAB>COUNT" lines to counts.
func addCounts(counts map[uint64]int, total *int, vocab map[uint64]bool, gz string) error {
	zr, err := gzip.NewReader(strings.NewReader(gz))
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(zr)
	for n := 1; sc.Scan(); n++ {
		tri, num, ok := strings.Cut(sc.Text(), "\t")
		r := []rune(tri)
		c, err := strconv.Atoi(num)
		if !ok || len(r) != 3 || err != nil || c <= 0 {
			return fmt.Errorf("line %d: want TRIGRAM<TAB>COUNT, got %q", n, sc.Text())
		}
		t := pack(r[0], r[1], r[2])
		counts[t] += c
		*total += c
		vocab[t] = true
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return zr.Close()
}

// Trigrams calls fn with every character trigram of text as the detector
// sees it: words are runs of letters, lower-cased and padded with a space
// on each side. tools/langdata uses it to count training text.
func Trigrams(text string, fn func(trigram string)) {
	forTrigrams(text, -1, func(_ string, t uint64) {
		fn(string([]rune{rune(t >> 42), rune(t >> 21 & (1<<21 - 1)), rune(t & (1<<21 - 1))}))
	})
}

// Languages lists every code Detect may return, besides Undetermined.
func Languages() []string {
	var out []string
	for _, ls := range groups {
		out = append(out, ls...)
	}
	out = append(out, "zh", "ja", "ko", "el", "he", "hi", "th", "hy", "ka")
	sort.Strings(out)
	return out
}

// Detect returns the language of text and a confidence, or Undetermined
// when text has fewer than 6 letters (2 for Chinese and Japanese) in its
// main script.
func (d *Detector) Detect(text string) Result {
	if len(text) > sampleBytes {
		cut := sampleBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	var sc scriptCounts
	for _, r := range text {
		sc.add(r)
	}
	main, n := sc.main()
	switch main {
	case "":
		return Result{Lang: Undetermined}
	case "han", "kana":
		if sc.han+sc.kana < minCJKLetters {
			return Result{Lang: Undetermined}
		}
		total := float64(sc.han + sc.kana)
		if float64(sc.kana) >= 0.05*total {
			return Result{Lang: "ja", Confidence: share(sc.han+sc.kana, sc.letters)}
		}
		return Result{Lang: "zh", Confidence: share(sc.han, sc.letters)}
	}
	if n < minLetters {
		return Result{Lang: Undetermined}
	}
	if code, ok := scriptOnly[main]; ok {
		return Result{Lang: code, Confidence: share(n, sc.letters)}
	}
	g := d.groups[main]
	return g.classify(text, share(n, sc.letters))
}

// scriptOnly maps scripts that identify one language by themselves.
var scriptOnly = map[string]string{
	"hangul": "ko", "greek": "el", "hebrew": "he", "devanagari": "hi",
	"thai": "th", "armenian": "hy", "georgian": "ka",
}

func share(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(n) / float64(total)
}

// classify scores text against every language of g. scriptShare scales the
// confidence by how much of the text is in this script.
func (g *group) classify(text string, scriptShare float64) Result {
	score := make([]float64, len(g.langs))
	for i, p := range g.prior {
		score[i] = float64(p)
	}
	lastWord := ""
	forTrigrams(text, sampleBytes, func(word string, t uint64) {
		// word is "" for an acronym (UN, EU, AFP): its trigrams count,
		// but "UN" is not the Spanish article.
		if row, ok := g.logp[t]; ok {
			for i, v := range row {
				score[i] += float64(v)
			}
		} else {
			for i, v := range g.unseen {
				score[i] += float64(v)
			}
		}
		if word != lastWord && word != "" {
			lastWord = word
			for _, i := range g.stop[word] {
				score[i] += stopBonus
			}
		}
	})
	best := 0
	for i := range score {
		if score[i] > score[best] {
			best = i
		}
	}
	// Each letter sits in three trigrams, so naive Bayes counts the same
	// evidence about three times over; the confidence undoes that.
	sum := 0.0
	for _, s := range score {
		sum += math.Exp((s - score[best]) / 3)
	}
	return Result{Lang: g.langs[best], Confidence: scriptShare / sum}
}

// forTrigrams calls fn for every character trigram of every lower-cased
// word in s, words padded with a space on each side, passing the word too.
// It stops after limit bytes when limit >= 0.
func forTrigrams(s string, limit int, fn func(word string, t uint64)) {
	if limit >= 0 && len(s) > limit {
		s = s[:limit]
	}
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			wordTrigrams(s[start:i], fn)
			start = -1
		}
	}
	if start >= 0 {
		wordTrigrams(s[start:], fn)
	}
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || r == '\u200c' // ZWNJ joins Persian words
}

// wordTrigrams emits the trigrams of " word ", with the lower-cased word, or
// "" when the word is written in capitals (an acronym).
func wordTrigrams(w string, fn func(string, uint64)) {
	lw := strings.ToLower(w)
	name := lw
	if lw != w && strings.ToUpper(w) == w && utf8.RuneCountInString(w) > 1 {
		name = ""
	}
	var a, b rune = ' ', 0
	first := true
	for _, r := range lw {
		if first {
			b, first = r, false
			continue
		}
		fn(name, pack(a, b, r))
		a, b = b, r
	}
	if first {
		return
	}
	fn(name, pack(a, b, ' '))
}

func pack(a, b, c rune) uint64 {
	return uint64(a)<<42 | uint64(b)<<21 | uint64(c)
}

// scriptCounts counts letters by writing system.
type scriptCounts struct {
	letters                                                int
	latin, cyrillic, arabic, han, kana, hangul, greek      int
	hebrew, devanagari, thai, armenian, georgian, otherLet int
}

func (c *scriptCounts) add(r rune) {
	if !unicode.IsLetter(r) {
		return
	}
	c.letters++
	switch {
	case r < 0x250 || unicode.Is(unicode.Latin, r):
		c.latin++
	case unicode.Is(unicode.Cyrillic, r):
		c.cyrillic++
	case unicode.Is(unicode.Arabic, r):
		c.arabic++
	case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
		c.kana++
	case unicode.Is(unicode.Han, r):
		c.han++
	case unicode.Is(unicode.Hangul, r):
		c.hangul++
	case unicode.Is(unicode.Greek, r):
		c.greek++
	case unicode.Is(unicode.Hebrew, r):
		c.hebrew++
	case unicode.Is(unicode.Devanagari, r):
		c.devanagari++
	case unicode.Is(unicode.Thai, r):
		c.thai++
	case unicode.Is(unicode.Armenian, r):
		c.armenian++
	case unicode.Is(unicode.Georgian, r):
		c.georgian++
	default:
		c.otherLet++
	}
}

// main returns the script with the most letters and its count; "" when no
// known script has any. Han and kana count together for Japanese.
func (c *scriptCounts) main() (string, int) {
	best, n := "", 0
	for _, s := range []struct {
		name string
		n    int
	}{
		{"latin", c.latin}, {"cyrillic", c.cyrillic}, {"arabic", c.arabic},
		{"han", c.han + c.kana}, {"hangul", c.hangul}, {"greek", c.greek},
		{"hebrew", c.hebrew}, {"devanagari", c.devanagari}, {"thai", c.thai},
		{"armenian", c.armenian}, {"georgian", c.georgian},
	} {
		if s.n > n {
			best, n = s.name, s.n
		}
	}
	if best == "han" && c.kana > 0 {
		best = "kana"
	}
	return best, n
}
