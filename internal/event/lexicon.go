package event

import (
	"bufio"
	"fmt"
	"sort"
	"strings"

	cameodata "github.com/dyad-project/dyad/data/cameo"
)

// Lexicon holds the coder's cue words: the lists of data/cameo/cues.txt
// (negation, modality, speech, light verbs, ...). Knowledge lives in that
// file; the logic that reads it lives here. It is read-only after
// ParseLexicon and safe for concurrent use.
type Lexicon struct {
	firstPerson        map[string]bool
	negWords           map[string]bool
	hypoAux            map[string]bool
	futureAux          map[string]bool
	conditionals       map[string]bool
	negControl         map[string]bool
	futureControl      map[string]bool
	hypoControl        map[string]bool
	denyVerbs          map[string]bool
	speechVerbs        map[string]bool
	falsehoods         map[string]bool
	claimNouns         map[string]bool
	falseAdjs          map[string]bool
	futureNouns        map[string]bool
	headerLabels       map[string]bool
	reciprocal         map[string]bool
	lightVerbs         map[string]bool
	relPronouns        map[string]bool
	misparsedParticles map[string]bool
	contentVerbs       map[string]bool
	timeWords          map[string]bool
	placeRelations     map[string]bool // place cues that do not say where an act happened ("to", "from")
	placeNouns         map[string]bool // nouns that refer back to a place ("the town")
}

// ParseLexicon reads a cue file: one list a line, "name: word word ...",
// "_" standing for a space inside a word; "#" starts a comment. Every list
// the coder reads must be present once; errors name the line.
func ParseLexicon(text string) (*Lexicon, error) {
	lx := &Lexicon{}
	lists := map[string]*map[string]bool{
		"first person":         &lx.firstPerson,
		"negation":             &lx.negWords,
		"hypothetical":         &lx.hypoAux,
		"future":               &lx.futureAux,
		"conditional":          &lx.conditionals,
		"negative control":     &lx.negControl,
		"future control":       &lx.futureControl,
		"hypothetical control": &lx.hypoControl,
		"denial":               &lx.denyVerbs,
		"speech":               &lx.speechVerbs,
		"falsehood":            &lx.falsehoods,
		"claim":                &lx.claimNouns,
		"false":                &lx.falseAdjs,
		"intention":            &lx.futureNouns,
		"header":               &lx.headerLabels,
		"reciprocal":           &lx.reciprocal,
		"light":                &lx.lightVerbs,
		"relative":             &lx.relPronouns,
		"particle":             &lx.misparsedParticles,
		"content":              &lx.contentVerbs,
		"time":                 &lx.timeWords,
		"place relation":       &lx.placeRelations,
		"place noun":           &lx.placeNouns,
	}
	sc := bufio.NewScanner(strings.NewReader(text))
	for line := 1; sc.Scan(); line++ {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		name, words, ok := strings.Cut(l, ":")
		if !ok {
			return nil, fmt.Errorf("cues line %d: want \"name: word word ...\"", line)
		}
		p, known := lists[strings.TrimSpace(name)]
		if !known {
			return nil, fmt.Errorf("cues line %d: unknown list %q", line, name)
		}
		if *p != nil {
			return nil, fmt.Errorf("cues line %d: list %q given twice", line, name)
		}
		*p = map[string]bool{}
		for _, w := range strings.Fields(words) {
			(*p)[strings.ReplaceAll(w, "_", " ")] = true
		}
	}
	var missing []string
	for name, p := range lists {
		if *p == nil {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, fmt.Errorf("cues: lists missing: %s", strings.Join(missing, ", "))
	}
	return lx, nil
}

// DefaultLexicon parses the embedded data/cameo/cues.txt.
func DefaultLexicon() (*Lexicon, error) { return ParseLexicon(cameodata.Cues) }
