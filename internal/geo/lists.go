package geo

import (
	"bufio"
	"fmt"
	"strings"
)

// maxNameWords bounds the words of a name Find tries ("Saint Vincent and
// the Grenadines" has five).
const maxNameWords = 6

// cue is a word or phrase next to a name that makes it a place.
type cue struct {
	text     string   // as written in cues.txt
	kind     Kind     // the kind of place it calls for (province → Admin1), 0 for any
	strength strength // how much it says on its own
}

// strength is how much a cue says about the name beside it.
type strength uint8

const (
	plain  strength = iota
	strong          // a place even at the start of a longer capitalised name, when known well
	weak            // a place only when known well or in a country the document is about
)

// lists are the word lists of cues.txt and exclude.txt.
type lists struct {
	before   map[string]cue  // normalised words right before a name: "in", "city of", "northern"
	after    map[string]cue  // normalised words right after a name: "province", "city"
	anaphor  map[string]cue  // head nouns of phrases that refer back to a place: "capital", "city"
	particle map[string]bool // lower-case words inside people's names: "da", "von"
	never    map[string]bool // normalised names never taken as a mention
	cueOnly  map[string]bool // ordinary words that are places only beside a cue
	maxCue   int             // the most words a before-cue has
}

// parseLists reads cues.txt (lines "before WORDS [KIND]", "after WORDS
// [KIND]", "anaphor WORD [KIND]") and exclude.txt (one name a line, in
// sections "[never]" and "[cue]"). Lines starting with "#" are comments.
func parseLists(cues, exclude string) (*lists, error) {
	ls := &lists{before: map[string]cue{}, after: map[string]cue{}, anaphor: map[string]cue{}, particle: map[string]bool{}, never: map[string]bool{}, cueOnly: map[string]bool{}}
	sc := bufio.NewScanner(strings.NewReader(cues))
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || s[0] == '#' {
			continue
		}
		if i := strings.Index(s, " #"); i >= 0 {
			s = strings.TrimSpace(s[:i])
		}
		f := strings.Fields(s)
		if len(f) < 2 {
			return nil, fmt.Errorf("cues.txt line %d: want POSITION WORDS [KIND]", line)
		}
		c := cue{}
		words := f[1:]
		for len(words) > 1 {
			last := words[len(words)-1]
			if k, ok := parseKind(last); ok {
				c.kind = k
			} else if last == "strong" {
				c.strength = strong
			} else if last == "weak" {
				c.strength = weak
			} else {
				break
			}
			words = words[:len(words)-1]
		}
		c.text = strings.Join(words, " ")
		key := Normalize(c.text)
		switch f[0] {
		case "before":
			ls.before[key] = c
			ls.maxCue = max(ls.maxCue, len(words))
		case "after":
			ls.after[key] = c
		case "anaphor":
			ls.anaphor[key] = c
		case "particle":
			ls.particle[key] = true
		default:
			return nil, fmt.Errorf("cues.txt line %d: unknown position %q", line, f[0])
		}
	}
	var section map[string]bool
	line = 0
	for s := range strings.SplitSeq(exclude, "\n") {
		line++
		if i := strings.IndexByte(s, '#'); i >= 0 {
			s = s[:i]
		}
		switch s = strings.TrimSpace(s); s {
		case "":
			continue
		case "[never]":
			section = ls.never
			continue
		case "[cue]":
			section = ls.cueOnly
			continue
		}
		if section == nil {
			return nil, fmt.Errorf("exclude.txt line %d: a name before a [never] or [cue] section", line)
		}
		if k := Normalize(s); k != "" {
			section[k] = true
		}
	}
	return ls, nil
}
