package cameo

import (
	"bufio"
	"fmt"
	cameodata "github.com/dyad-project/dyad/data/cameo"
	"sort"
	"strings"
)

// Kind says whether a rule's trigger is a verb or a noun.
type Kind string

const (
	Verb Kind = "verb"
	Noun Kind = "noun"
)

// Term matches a noun phrase by the lemma of its head and, optionally, the
// lemmas of some of its dependents ("diplomatic_tie": head tie with a
// dependent diplomatic). Alternatives come from "a|b" or a synonym set.
type Term struct {
	Alts []Phrase
}

// Phrase is one alternative of a Term.
type Phrase struct {
	Head string   // lemma of the head word
	Mods []string // lemmas that must depend on the head
}

// PP is a prepositional dependent: its case word (a preposition) and
// optionally the noun it introduces.
type PP struct {
	Preps []string // alternatives, e.g. to|into
	Noun  *Term    // nil: any noun
}

// Rule is one compiled pattern: a trigger lemma with constraints and the
// code it yields when they hold.
type Rule struct {
	ID      string // "verbs.txt:812"
	Kind    Kind
	Lemma   string
	Code    string // forward code, source→target; "" with Reverse only
	Reverse string // code of the paired event target→source, "" when none
	Block   bool   // "---": the trigger in this frame codes to nothing
	Subj    *Term
	Obj     *Term
	Prt     []string // particle alternatives (compound:prt)
	PPs     []PP
	Pre     [][]string // alternatives of words that precede the trigger, in order (see docs/patterns.md)
	Target  []string   // where the target comes from: obj, iobj, or prepositions
	Source  []string   // nouns: prepositions introducing the source ("by", "of", "between")
	Own     bool       // the code was given on the member line, not inherited from the group
	Text    string     // the pattern as written, for display
}

// Specificity ranks rules: the one that constrains more wins.
func (r *Rule) Specificity() int {
	n := 0
	if r.Subj != nil {
		n += 2
	}
	if r.Obj != nil {
		n += 2 + len(r.Obj.Alts[0].Mods)
	}
	if len(r.Prt) > 0 {
		n += 2
	}
	if len(r.Pre) > 0 {
		n += 1 + len(r.Pre[0])
	}
	for _, p := range r.PPs {
		n++
		if p.Noun != nil {
			n++
		}
	}
	n *= 2
	if r.Own {
		n++
	}
	return n
}

// Patterns indexes compiled rules by trigger lemma. It is read-only after
// parsing and safe for concurrent use.
type Patterns struct {
	verbs map[string][]*Rule
	nouns map[string][]*Rule
	sets  map[string][]Phrase
	n     int
}

// NewPatterns returns an empty pattern set; add files with Parse.
func NewPatterns() *Patterns {
	return &Patterns{verbs: map[string][]*Rule{}, nouns: map[string][]*Rule{}, sets: map[string][]Phrase{}}
}

// Verbs returns the rules whose trigger is the verb lemma, in file order.
func (p *Patterns) Verbs(lemma string) []*Rule { return p.verbs[lemma] }

// Nouns returns the rules whose trigger is the noun lemma, in file order.
func (p *Patterns) Nouns(lemma string) []*Rule { return p.nouns[lemma] }

// Len returns the number of compiled rules.
func (p *Patterns) Len() int { return p.n }

// Lemmas returns the sorted trigger lemmas of a kind.
func (p *Patterns) Lemmas(k Kind) []string {
	m := p.verbs
	if k == Noun {
		m = p.nouns
	}
	out := make([]string, 0, len(m))
	for l := range m {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// maxLine bounds one line of a pattern file.
const maxLine = 4096

type member struct {
	lemma string
	cons  *Rule // constraints of the member itself
	code  string
	line  int
}

type group struct {
	name    string
	code    string
	members []member
}

// Parse reads a pattern file (see docs/patterns.md) named name and adds its
// rules. Sets must be defined before use. Errors name the file and line;
// on error p may hold the rules read before it.
func (p *Patterns) Parse(name, text string) error {
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 1024), maxLine)
	var g *group
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		errf := func(format string, a ...any) error {
			return fmt.Errorf("%s:%d: %s", name, n, fmt.Sprintf(format, a...))
		}
		switch f[0] {
		case "set":
			if len(f) < 3 || !strings.HasSuffix(f[1], ":") {
				return errf("want \"set NAME: word ...\"")
			}
			setName := strings.TrimSuffix(f[1], ":")
			if !validWord(setName) {
				return errf("bad set name %q", setName)
			}
			var ph []Phrase
			for _, w := range f[2:] {
				if !validWord(w) {
					return errf("bad word %q in set %s", w, setName)
				}
				ph = append(ph, phrase(w))
			}
			p.sets[setName] = append(p.sets[setName], ph...)
		case "group":
			if len(f) != 3 {
				return errf("want \"group NAME CODE\"")
			}
			if f[2] != "none" && !validCode(f[2]) {
				return errf("bad code %q", f[2])
			}
			g = &group{name: f[1], code: f[2]}
		case "end":
			g = nil
		case "verb":
			if g == nil {
				return errf("verb line outside a group")
			}
			if len(f) < 2 || !validWord(f[1]) || strings.Contains(f[1], "_") {
				return errf("want \"verb LEMMA [key=value ...] [CODE]\"")
			}
			m := member{lemma: f[1], line: n}
			r, code, err := p.constraints(Verb, f[2:])
			if err != nil {
				return errf("%v", err)
			}
			m.cons, m.code = r, code
			g.members = append(g.members, m)
			if g.code == "none" && code == "" {
				continue // the group only adds patterns to verbs defined elsewhere
			}
			bare := p.combine(Verb, m, &Rule{}, g.code, fmt.Sprintf("%s:%d", name, n))
			if code != "" {
				bare.Own = true
				bare.Code, bare.Reverse, bare.Block = splitCode(code)
			}
			bare.Text = strings.Join(f, " ")
			p.add(bare)
		case "pattern":
			if g == nil {
				return errf("pattern line outside a group")
			}
			r, code, err := p.constraints(Verb, f[1:])
			if err != nil {
				return errf("%v", err)
			}
			if code == "" {
				return errf("pattern without a code")
			}
			for _, m := range g.members {
				rr := p.combine(Verb, m, r, code, fmt.Sprintf("%s:%d", name, n))
				rr.Text = g.name + ": " + strings.Join(f, " ")
				p.add(rr)
			}
		case "noun":
			if len(f) < 3 || !validWord(f[1]) || strings.Contains(f[1], "_") {
				return errf("want \"noun LEMMA CODE [key=value ...]\"")
			}
			r, code, err := p.constraints(Noun, f[2:])
			if err != nil {
				return errf("%v", err)
			}
			if code == "" {
				return errf("noun rule without a code")
			}
			r.ID, r.Kind, r.Lemma = fmt.Sprintf("%s:%d", name, n), Noun, f[1]
			r.Code, r.Reverse, r.Block = splitCode(code)
			r.Own = true
			r.Text = strings.Join(f, " ")
			p.add(r)
		default:
			return errf("unknown line kind %q (want set, group, verb, pattern, noun or end)", f[0])
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func (p *Patterns) add(r *Rule) {
	if r.Kind == Noun {
		p.nouns[r.Lemma] = append(p.nouns[r.Lemma], r)
	} else {
		p.verbs[r.Lemma] = append(p.verbs[r.Lemma], r)
	}
	p.n++
}

// combine merges a member's own constraints with a pattern's.
func (p *Patterns) combine(k Kind, m member, r *Rule, code, id string) *Rule {
	out := *r
	out.ID, out.Kind, out.Lemma = id, k, m.lemma
	out.Code, out.Reverse, out.Block = splitCode(code)
	c := m.cons
	if c != nil {
		if out.Subj == nil {
			out.Subj = c.Subj
		}
		if out.Obj == nil {
			out.Obj = c.Obj
		}
		if len(out.Prt) == 0 {
			out.Prt = c.Prt
		}
		out.PPs = append(append([]PP(nil), c.PPs...), out.PPs...)
		if len(out.Pre) == 0 {
			out.Pre = c.Pre
		}
		if len(out.Target) == 0 {
			out.Target = c.Target
		}
	}
	return &out
}

// constraints parses key=value fields and at most one bare CODE.
func (p *Patterns) constraints(k Kind, fields []string) (*Rule, string, error) {
	r := &Rule{}
	code := ""
	for _, f := range fields {
		key, val, ok := strings.Cut(f, "=")
		if !ok {
			if code != "" {
				return nil, "", fmt.Errorf("two codes: %q and %q", code, f)
			}
			if !validCode(f) {
				return nil, "", fmt.Errorf("bad code %q", f)
			}
			code = f
			continue
		}
		if val == "" {
			return nil, "", fmt.Errorf("empty value for %s", key)
		}
		switch key {
		case "subj", "obj":
			t, err := p.term(val)
			if err != nil {
				return nil, "", fmt.Errorf("%s: %w", key, err)
			}
			if key == "subj" {
				r.Subj = t
			} else {
				r.Obj = t
			}
		case "prt":
			alts, err := words(val)
			if err != nil {
				return nil, "", fmt.Errorf("prt: %w", err)
			}
			r.Prt = alts
		case "pp":
			prep, noun, hasNoun := strings.Cut(val, ":")
			alts, err := words(prep)
			if err != nil {
				return nil, "", fmt.Errorf("pp: %w", err)
			}
			pp := PP{Preps: alts}
			if hasNoun {
				t, err := p.term(noun)
				if err != nil {
					return nil, "", fmt.Errorf("pp: %w", err)
				}
				pp.Noun = t
			}
			r.PPs = append(r.PPs, pp)
		case "pre":
			for _, a := range strings.Split(val, "|") {
				ws := strings.Split(a, "_")
				for _, w := range ws {
					if !validWord(w) {
						return nil, "", fmt.Errorf("pre: bad word %q", w)
					}
				}
				r.Pre = append(r.Pre, ws)
			}
		case "target", "source":
			alts, err := words(val)
			if err != nil {
				return nil, "", fmt.Errorf("%s: %w", key, err)
			}
			if key == "target" {
				r.Target = alts
			} else {
				r.Source = alts
			}
		default:
			return nil, "", fmt.Errorf("unknown key %q (want subj, obj, prt, pp, pre, target or source)", key)
		}
	}
	return r, code, nil
}

func (p *Patterns) term(val string) (*Term, error) {
	t := &Term{}
	for _, a := range strings.Split(val, "|") {
		if strings.HasPrefix(a, "&") {
			set, ok := p.sets[a[1:]]
			if !ok {
				return nil, fmt.Errorf("unknown set %q", a)
			}
			t.Alts = append(t.Alts, set...)
			continue
		}
		if !validWord(a) {
			return nil, fmt.Errorf("bad word %q", a)
		}
		t.Alts = append(t.Alts, phrase(a))
	}
	if len(t.Alts) == 0 {
		return nil, fmt.Errorf("empty term")
	}
	return t, nil
}

func words(val string) ([]string, error) {
	alts := strings.Split(val, "|")
	for _, a := range alts {
		if !validWord(a) || strings.Contains(a, "_") {
			return nil, fmt.Errorf("bad word %q", a)
		}
	}
	return alts, nil
}

// phrase turns "diplomatic_tie" into head tie with the dependent diplomatic.
func phrase(w string) Phrase {
	parts := strings.Split(w, "_")
	return Phrase{Head: parts[len(parts)-1], Mods: parts[:len(parts)-1]}
}

// validWord accepts lowercase words with letters, digits, ' - . and _ joins.
func validWord(w string) bool {
	if w == "" || len(w) > 64 || strings.HasPrefix(w, "_") || strings.HasSuffix(w, "_") || strings.Contains(w, "__") {
		return false
	}
	for _, r := range w {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '\'', r == '-', r == '.', r == '_':
		case r > 127 && r != 0xFFFD:
		default:
			return false
		}
	}
	return true
}

// validCode accepts "---", a code, or a pair "A:B" where either side may be
// empty but not both. Codes are 2–4 characters of [0-9A-Za-z+#] so that
// PETRARCH's validation dictionaries, which use test codes, can be read.
func validCode(c string) bool {
	if c == "---" {
		return true
	}
	a, b, paired := strings.Cut(c, ":")
	if !paired {
		return oneCode(a)
	}
	if a == "" && b == "" {
		return false
	}
	return (a == "" || oneCode(a)) && (b == "" || oneCode(b))
}

func oneCode(c string) bool {
	if len(c) < 2 || len(c) > 4 {
		return false
	}
	for _, r := range c {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '+' || r == '#') {
			return false
		}
	}
	return true
}

func splitCode(c string) (fwd, rev string, block bool) {
	if c == "---" {
		return "", "", true
	}
	a, b, _ := strings.Cut(c, ":")
	return a, b, false
}

// DefaultPatterns parses the embedded verb patterns and our own patterns.
func DefaultPatterns() (*Patterns, error) {
	p := NewPatterns()
	if err := p.Parse("verbs.txt", cameodata.Verbs); err != nil {
		return nil, err
	}
	if err := p.Parse("patterns.txt", cameodata.Patterns); err != nil {
		return nil, err
	}
	return p, nil
}
