package actor

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
)

// Kind says what sort of actor an Entry describes. It decides how a match
// composes with its neighbours and which pronouns may refer back to it.
type Kind string

// The kinds a dictionary entry may have; docs/dictionaries.md describes each.
const (
	Country Kind = "country" // a state; its code is ISO 3166 alpha-3
	Person  Kind = "person"  // a named person; codes come from dated roles
	Org     Kind = "org"     // a national body, party, company or agency
	IGO     Kind = "igo"     // an intergovernmental organisation
	Group   Kind = "group"   // an armed or otherwise non-state group
	Media   Kind = "media"   // a news outlet
	Ethnic  Kind = "ethnic"  // an ethnic or religious community: "the Kurds", "Sunni"
	Agent   Kind = "agent"   // a generic noun naming a sector: "minister", "troops"
	Title   Kind = "title"   // an honorific or rank before a name: "Mr", "Gen."
	Metonym Kind = "metonym" // a place or building standing for an actor: "the Kremlin"
	Discard Kind = "discard" // a phrase that must never be coded: "Manchester United"
)

var kinds = map[Kind]bool{Country: true, Person: true, Org: true, IGO: true, Group: true, Media: true, Ethnic: true,
	Agent: true, Title: true, Metonym: true, Discard: true}

// Role is one dated code of an entry: the code applies on days in
// [From, To]; a zero From or To leaves that side open.
type Role struct {
	Code  string    `json:"code"`
	From  time.Time `json:"from,omitzero"`
	To    time.Time `json:"to,omitzero"`
	Title string    `json:"title,omitempty"`
	Line  int       `json:"line"`
}

// Covers reports whether the role applies on day d.
func (r Role) Covers(d time.Time) bool {
	if !r.From.IsZero() && d.Before(r.From) {
		return false
	}
	if !r.To.IsZero() && d.After(r.To) {
		return false
	}
	return true
}

// Context switches an entry to Code when one of Cues occurs near the match
// ("Brussels" is the EU unless NATO is named nearby).
type Context struct {
	Code string   `json:"code"`
	Cues []string `json:"cues"`
}

// Entry is one actor of a dictionary file.
type Entry struct {
	Kind     Kind      `json:"kind"`
	Name     string    `json:"name"`
	Code     string    `json:"code,omitempty"`    // the code when no role covers the date
	Country  string    `json:"country,omitempty"` // ISO3 the actor belongs to
	Sector   string    `json:"sector,omitempty"`  // GOV, MIL, ... (agents: the sector they name)
	Aliases  []string  `json:"aliases,omitempty"` // other names; Name is always matched too
	Plurals  []string  `json:"plurals,omitempty"` // agents: irregular plural forms
	Roles    []Role    `json:"roles,omitempty"`
	Contexts []Context `json:"contexts,omitempty"`
	Sources  []string  `json:"sources,omitempty"`
	AnyCase  bool      `json:"any_case,omitempty"` // match in any letter case (default for agents)
	NoPlural bool      `json:"no_plural,omitempty"`
	Scope    string    `json:"scope,omitempty"` // discards: sentence or story
	File     string    `json:"file"`
	Line     int       `json:"line"`
	aliasAt  []int     // line of each alias, as far as Parse saw them
	own      int       // Aliases[own:] were taken over from a replaced entry; 0 means all are own
}

// Problem is one finding of Parse or Check, with its place in the file.
type Problem struct {
	File    string
	Line    int
	Field   string
	Message string
	Warning bool // a warning does not make the file invalid
}

func (p Problem) Error() string {
	sev := "error"
	if p.Warning {
		sev = "warning"
	}
	if p.Field != "" {
		return fmt.Sprintf("%s:%d: %s: %s: %s", p.File, p.Line, sev, p.Field, p.Message)
	}
	return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, sev, p.Message)
}

// Problems is the list of findings for a file; as an error it reports the
// first error and how many more there are.
type Problems []Problem

// Errors returns only the problems that are not warnings.
func (ps Problems) Errors() Problems {
	var out Problems
	for _, p := range ps {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

func (ps Problems) Error() string {
	errs := ps.Errors()
	switch len(errs) {
	case 0:
		return "no errors"
	case 1:
		return errs[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", errs[0].Error(), len(errs)-1)
}

// Limits on outside input: a line longer than maxLine or a file with more
// than maxEntries entries is rejected with a Problem.
const (
	maxLine    = 4096
	maxEntries = 500000
)

// Parse reads a dictionary file in dyad's format (docs/dictionaries.md) and
// returns its entries and every problem found, each with file and line.
// Entries with errors are left out; the result is usable whenever
// problems.Errors() is empty.
func Parse(r io.Reader, file string) ([]*Entry, Problems) {
	var (
		entries []*Entry
		probs   Problems
		cur     *Entry
		bad     bool // cur has an error and will be dropped
	)
	add := func(line int, field, format string, args ...any) {
		probs = append(probs, Problem{File: file, Line: line, Field: field, Message: fmt.Sprintf(format, args...)})
	}
	finish := func() {
		if cur == nil {
			return
		}
		if !bad {
			for _, p := range validate(cur) {
				p.File = file
				if !p.Warning {
					bad = true
				}
				probs = append(probs, p)
			}
		}
		if !bad {
			entries = append(entries, cur)
		}
		cur, bad = nil, false
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		raw := sc.Text()
		if len(raw) > maxLine {
			add(n, "", "line longer than %d bytes", maxLine)
			bad = cur != nil
			continue
		}
		line := stripComment(raw)
		if strings.TrimSpace(line) == "" {
			continue
		}
		indented := line[0] == ' ' || line[0] == '\t'
		line = strings.TrimSpace(line)
		word, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimSpace(rest)
		if !indented {
			finish()
			if len(entries) >= maxEntries {
				add(n, "", "more than %d entries", maxEntries)
				return entries, probs
			}
			k := Kind(strings.ToLower(word))
			cur = &Entry{Kind: k, Name: rest, File: file, Line: n, AnyCase: k == Agent || k == Discard}
			if !kinds[k] {
				add(n, "kind", "unknown kind %q (want country, person, org, igo, group, media, ethnic, agent, title, metonym or discard)", word)
				bad = true
			} else if rest == "" {
				add(n, "name", "entry has no name")
				bad = true
			}
			continue
		}
		if cur == nil {
			add(n, "", "attribute line %q before any entry header", word)
			continue
		}
		key := strings.ToLower(word)
		if rest == "" && key != "case" {
			add(n, key, "empty value")
			bad = true
			continue
		}
		switch key {
		case "code":
			if cur.Code != "" {
				add(n, key, "second default code %q (the first was %q); use role lines for dated codes", rest, cur.Code)
				bad = true
			} else if err := checkCode(rest); err != nil {
				add(n, key, "%v", err)
				bad = true
			}
			cur.Code = rest
		case "alias":
			for a := range strings.SplitSeq(rest, ";") {
				if a = strings.TrimSpace(a); a != "" {
					cur.Aliases = append(cur.Aliases, a)
					cur.aliasAt = append(cur.aliasAt, n)
				}
			}
		case "plural":
			if strings.EqualFold(rest, "none") {
				cur.NoPlural = true
				continue
			}
			for a := range strings.SplitSeq(rest, ";") {
				if a = strings.TrimSpace(a); a != "" {
					cur.Plurals = append(cur.Plurals, a)
				}
			}
		case "country":
			if !isUpperAlnum(rest) || len(rest) != 3 {
				add(n, key, "country %q is not a three-letter code", rest)
				bad = true
			}
			cur.Country = rest
		case "sector":
			for i := 0; i+3 <= len(rest); i += 3 {
				if !sectors[rest[i:i+3]] {
					add(n, key, "unknown sector %q (see docs/dictionaries.md for the list)", rest[i:i+3])
					bad = true
				}
			}
			if len(rest)%3 != 0 {
				add(n, key, "sector %q is not a run of three-letter codes", rest)
				bad = true
			}
			cur.Sector = rest
		case "role":
			r, err := parseRole(rest)
			if err != nil {
				add(n, key, "%v", err)
				bad = true
				continue
			}
			r.Line = n
			cur.Roles = append(cur.Roles, r)
		case "context":
			code, cues, ok := strings.Cut(rest, ":")
			code = strings.TrimSpace(code)
			if !ok {
				add(n, key, "want \"context CODE: cue; cue\"")
				bad = true
				continue
			}
			if err := checkCode(code); err != nil {
				add(n, key, "%v", err)
				bad = true
				continue
			}
			c := Context{Code: code}
			for cue := range strings.SplitSeq(cues, ";") {
				if cue = strings.TrimSpace(cue); cue != "" {
					c.Cues = append(c.Cues, cue)
				}
			}
			if len(c.Cues) == 0 {
				add(n, key, "context %s has no cues", code)
				bad = true
			}
			cur.Contexts = append(cur.Contexts, c)
		case "source", "note":
			if key == "source" {
				cur.Sources = append(cur.Sources, rest)
			}
		case "case":
			switch strings.ToLower(rest) {
			case "any":
				cur.AnyCase = true
			case "proper":
				cur.AnyCase = false
			default:
				add(n, key, "want \"case any\" or \"case proper\", got %q", rest)
				bad = true
			}
		case "scope":
			if rest != "sentence" && rest != "story" {
				add(n, key, "want sentence or story, got %q", rest)
				bad = true
			}
			cur.Scope = rest
		default:
			add(n, key, "unknown attribute %q", word)
			bad = true
		}
	}
	if err := sc.Err(); err != nil {
		add(n+1, "", "read: %v", err)
	}
	finish()
	return entries, probs
}

// stripComment removes a comment: a line starting with '#', or " #" and
// what follows it.
func stripComment(s string) string {
	t := strings.TrimLeft(s, " \t")
	if strings.HasPrefix(t, "#") {
		return ""
	}
	if i := strings.Index(s, " #"); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, "\t#"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimRight(s, " \t\r")
}

// validate checks the rules that need the whole entry.
func validate(e *Entry) Problems {
	var ps Problems
	bad := func(field, format string, args ...any) {
		ps = append(ps, Problem{Line: e.Line, Field: field, Message: fmt.Sprintf(format, args...)})
	}
	switch e.Kind {
	case Person:
		if e.Code == "" && len(e.Roles) == 0 && e.Country == "" {
			bad("code", "person %q has no code, role or country", e.Name)
		}
	case Agent, Title, Discard:
	default:
		if e.Code == "" && len(e.Roles) == 0 {
			bad("code", "%s %q has no code", e.Kind, e.Name)
		}
	}
	if e.Kind == Country && e.Code != "" && len(e.Code) != 3 {
		bad("code", "country %q has code %q; a country code has three letters", e.Name, e.Code)
	}
	// Repeated aliases: a quadratic scan is cheaper than a map for the few
	// aliases an entry has.
	for i, a := range e.Aliases {
		if strings.EqualFold(a, e.Name) {
			ps = append(ps, Problem{Line: e.Line, Field: "alias", Message: fmt.Sprintf("alias %q repeated", a), Warning: true})
			continue
		}
		for _, b := range e.Aliases[:i] {
			if strings.EqualFold(a, b) {
				ps = append(ps, Problem{Line: e.Line, Field: "alias", Message: fmt.Sprintf("alias %q repeated", a), Warning: true})
				break
			}
		}
	}
	return ps
}

// checkCode accepts a CAMEO-style code: one or more three-character groups of
// upper-case letters and digits.
func checkCode(c string) error {
	if c == "" || len(c)%3 != 0 || len(c) > 30 || !isUpperAlnum(c) {
		return fmt.Errorf("code %q is not a run of three-character upper-case groups (like IRNGOV)", c)
	}
	return nil
}

func isUpperAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// parseRole reads "CODE [FROM..TO] [title words]".
func parseRole(s string) (Role, error) {
	fields := strings.Fields(s)
	r := Role{Code: fields[0]}
	if err := checkCode(r.Code); err != nil {
		return r, err
	}
	rest := fields[1:]
	if len(rest) > 0 && strings.Contains(rest[0], "..") {
		from, to, _ := strings.Cut(rest[0], "..")
		var err error
		if from != "" {
			if r.From, err = parseDay(from, false); err != nil {
				return r, err
			}
		}
		if to != "" {
			if r.To, err = parseDay(to, true); err != nil {
				return r, err
			}
		}
		if !r.From.IsZero() && !r.To.IsZero() && r.To.Before(r.From) {
			return r, fmt.Errorf("role %s ends (%s) before it starts (%s)", r.Code, to, from)
		}
		rest = rest[1:]
	}
	r.Title = strings.Join(rest, " ")
	return r, nil
}

// parseDay reads YYYY, YYYY-MM or YYYY-MM-DD; a partial end date means the
// last day of its year or month.
func parseDay(s string, end bool) (time.Time, error) {
	var t time.Time
	var err error
	switch len(s) {
	case 4:
		t, err = time.Parse("2006", s)
		if end {
			t = t.AddDate(1, 0, -1)
		}
	case 7:
		t, err = time.Parse("2006-01", s)
		if end {
			t = t.AddDate(0, 1, -1)
		}
	case 10:
		t, err = time.Parse("2006-01-02", s)
	default:
		err = fmt.Errorf("want YYYY, YYYY-MM or YYYY-MM-DD")
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: %v", s, err)
	}
	return t, nil
}

// sectors are the three-letter CAMEO role and sector codes the sector field
// accepts (CAMEO manual, chapter on actor codes).
var sectors = map[string]bool{
	"GOV": true, "MIL": true, "COP": true, "JUD": true, "LEG": true, "OPP": true, "REB": true, "INS": true,
	"MED": true, "BUS": true, "CVL": true, "EDU": true, "HLH": true, "HRI": true, "NGO": true, "REF": true,
	"SPY": true, "AGR": true, "CRM": true, "DEV": true, "ELI": true, "ENV": true, "LAB": true, "MOD": true,
	"PTY": true, "RAD": true, "REL": true, "SEP": true, "UAF": true, "IGO": true, "IMG": true, "MNC": true,
	"NGM": true, "PPL": true, "SET": true, "CHR": true, "MUS": true, "JEW": true, "BUD": true, "HIN": true,
	"CTH": true, "ORT": true, "PRO": true, "SHI": true, "SUN": true, "ALE": true, "DRZ": true, "ATH": true,
	"JAN": true, "MAR": true, "SIK": true, "TAO": true, "ZRO": true, "CON": true, "MOS": true, "ITR": true,
}

// IsSector reports whether s is one of the three-letter CAMEO role and sector
// codes a dictionary's sector field accepts ("GOV", "MIL", "REB", ...).
func IsSector(s string) bool { return sectors[s] }
