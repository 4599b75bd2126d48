package actor

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
)

// PetrarchKind says which PETRARCH dictionary a file is, which decides the
// kind its entries get.
type PetrarchKind int

const (
	PetrarchCountries     PetrarchKind = iota // Phoenix.Countries.actors.txt
	PetrarchInternational                     // Phoenix.International.actors.txt
	PetrarchNonState                          // Phoenix.MilNonState.actors.txt
	PetrarchAgents                            // Phoenix.agents.txt
	PetrarchDiscards                          // Phoenix.discards.txt
)

// ImportPetrarch converts one PETRARCH/TABARI dictionary into entries of
// dyad's format. Actor files are read as blocks: a phrase line (words
// joined by "_"), "+" alias lines, and code lines "[CODE]", "[CODE >YYMMDD]",
// "[CODE <YYMMDD]" or "[CODE YYMMDD-YYMMDD]"; phrase lines that come before
// any code share the codes that follow (a synonym block). Six-digit dates
// with a year below 30 are 20YY, others 19YY. Problems name the line of
// the input; entries with unusable codes are dropped with a warning.
func ImportPetrarch(r io.Reader, name string, kind PetrarchKind) ([]*Entry, Problems) {
	switch kind {
	case PetrarchAgents:
		return importAgents(r, name)
	case PetrarchDiscards:
		return importDiscards(r, name)
	}
	return importActors(r, name, kind)
}

type pblock struct {
	line   int
	names  []string
	codes  []Role
	undate []string
}

func importActors(r io.Reader, name string, kind PetrarchKind) ([]*Entry, Problems) {
	var (
		out   []*Entry
		probs Problems
		cur   *pblock
	)
	warn := func(line int, format string, args ...any) {
		probs = append(probs, Problem{File: name, Line: line, Message: fmt.Sprintf(format, args...), Warning: true})
	}
	flush := func() {
		if cur == nil {
			return
		}
		if e := blockEntry(cur, kind); e != nil {
			out = append(out, e)
		} else if len(cur.names) > 0 {
			warn(cur.line, "%q has no usable code; left out", cur.names[0])
		}
		cur = nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		raw := sc.Text()
		line := raw
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		indented := line[0] == ' ' || line[0] == '\t'
		line = strings.TrimSpace(line)
		phrase, codes := line, ""
		if i := strings.IndexByte(line, '['); i >= 0 {
			phrase, codes = strings.TrimSpace(line[:i]), line[i:]
		}
		switch {
		case strings.HasPrefix(phrase, "+"):
			if cur == nil {
				warn(n, "alias line before any entry")
				continue
			}
			for p := range strings.SplitSeq(phrase, "+") {
				if p = strings.TrimSpace(p); p != "" {
					cur.names = append(cur.names, p)
				}
			}
		case phrase != "" && !indented:
			if cur != nil && (len(cur.codes) > 0 || len(cur.undate) > 0) {
				flush()
			}
			if cur == nil {
				cur = &pblock{line: n}
			}
			cur.names = append(cur.names, phrase)
		case phrase != "":
			warn(n, "indented text %q is neither alias nor code; ignored", phrase)
		}
		if codes != "" {
			if cur == nil {
				warn(n, "code line before any entry")
				continue
			}
			parseCodes(codes, n, cur, warn)
		}
	}
	flush()
	return out, probs
}

// parseCodes reads "[CODE ...] [CODE ...]" into the block.
func parseCodes(s string, line int, b *pblock, warn func(int, string, ...any)) {
	for s != "" {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			return
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			warn(line, "unclosed code bracket in %q", s)
			return
		}
		body := strings.TrimSpace(s[i+1 : i+j])
		s = s[i+j+1:]
		f := strings.Fields(body)
		if len(f) == 0 || f[0] == "---" {
			continue
		}
		code := f[0]
		if checkCode(code) != nil {
			warn(line, "code %q is not CAMEO-shaped; left out", code)
			continue
		}
		if len(f) == 1 {
			b.undate = append(b.undate, code)
			continue
		}
		r := Role{Code: code, Line: line}
		d := strings.Join(f[1:], "")
		var err error
		switch {
		case strings.HasPrefix(d, ">"):
			r.From, err = petrarchDate(d[1:])
		case strings.HasPrefix(d, "<"):
			r.To, err = petrarchDate(d[1:])
		default:
			from, to, ok := strings.Cut(d, "-")
			if !ok {
				err = fmt.Errorf("want >DATE, <DATE or DATE-DATE")
				break
			}
			if r.From, err = petrarchDate(from); err == nil {
				r.To, err = petrarchDate(to)
			}
			if err == nil && r.To.Before(r.From) {
				err = fmt.Errorf("ends before it starts")
			}
		}
		if err != nil {
			warn(line, "code %s date %q: %v; role left out", code, d, err)
			continue
		}
		b.codes = append(b.codes, r)
	}
}

// petrarchDate reads YYMMDD or YYYYMMDD.
func petrarchDate(s string) (time.Time, error) {
	switch len(s) {
	case 6:
		yy := int(s[0]-'0')*10 + int(s[1]-'0')
		if yy < 30 {
			s = "20" + s
		} else {
			s = "19" + s
		}
	case 8:
	default:
		return time.Time{}, fmt.Errorf("date %q has %d digits, want 6 or 8", s, len(s))
	}
	t, err := time.Parse("20060102", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: not a calendar day", s)
	}
	return t, nil
}

func blockEntry(b *pblock, kind PetrarchKind) *Entry {
	var names []string
	for _, n := range b.names {
		if p := petrarchPhrase(n); p != "" {
			names = append(names, n)
		}
	}
	b.names = names
	if len(b.names) == 0 || len(b.codes)+len(b.undate) == 0 {
		return nil
	}
	e := &Entry{Name: petrarchPhrase(b.names[0]), Roles: b.codes}
	seen := map[string]bool{strings.ToLower(e.Name): true}
	addAlias := func(a string) {
		if k := strings.ToLower(a); a != "" && !seen[k] {
			seen[k] = true
			e.Aliases = append(e.Aliases, a)
		}
	}
	if base, abbr := splitParen(e.Name); abbr != "" {
		e.Name = base
		seen[strings.ToLower(base)] = true
		addAlias(abbr)
	}
	for _, n := range b.names[1:] {
		p := petrarchPhrase(n)
		base, abbr := splitParen(p)
		addAlias(base)
		addAlias(abbr)
	}
	if len(b.undate) > 0 {
		e.Code = b.undate[0]
	}
	code := e.Code
	if code == "" {
		code = b.codes[0].Code
	}
	switch {
	case kind == PetrarchCountries && (len(e.Code) == 3 || e.Code == "" && len(code) == 3):
		e.Kind = Country // a state, even with dated codes for other periods
	case (len(b.codes) > 0 || strings.HasSuffix(code, "ELI")) && !orgName(e.Name):
		e.Kind = Person
	case kind == PetrarchCountries && len(code) == 3:
		e.Kind = Country
	case kind == PetrarchNonState:
		e.Kind = Group
	case strings.HasPrefix(code, "IGO"):
		e.Kind = IGO
	default:
		e.Kind = Org
	}
	return e
}

// orgName reports whether a name is a body's, not a person's: it holds a
// word like "Forces", "Front" or "Party", or "of".
func orgName(n string) bool {
	for _, w := range strings.Fields(strings.ToLower(n)) {
		switch strings.Trim(w, "().,'") {
		case "forces", "force", "front", "party", "army", "council", "ministry", "committee", "group", "brigade",
			"brigades", "movement", "organization", "organisation", "observatory", "union", "state", "of", "the",
			"national", "islamic", "republic", "government", "coalition", "alliance", "battalion", "corps",
			"agency", "association", "league", "authority", "commission", "assembly", "court", "bank", "company",
			"office", "service", "services", "police", "guard", "guards", "militia", "jaish", "jaysh", "harakat",
			"jabhat", "kataib", "liwa", "ansar", "al-jabhat", "hezbollah", "taliban", "network", "institute":
			return true
		}
	}
	return false
}

// splitParen splits "Aden Islamic Army (AAIA)" into the name and the
// abbreviation in parentheses.
func splitParen(p string) (string, string) {
	i := strings.IndexByte(p, '(')
	j := strings.LastIndexByte(p, ')')
	if i < 0 || j < i {
		return p, ""
	}
	base := strings.TrimSpace(p[:i] + " " + p[j+1:])
	return strings.Join(strings.Fields(base), " "), strings.TrimSpace(p[i+1 : j])
}

// petrarchPhrase turns "VLADIMIR_V._PUTIN_" into "Vladimir V. Putin":
// underscores become spaces and words get capitals, except particles
// ("al", "of") and short acronyms without vowels ("PKK").
func petrarchPhrase(p string) string {
	p = strings.TrimSpace(strings.ReplaceAll(p, "_", " "))
	words := strings.Fields(p)
	for i, w := range words {
		if strings.HasPrefix(w, "(") {
			continue // "(AAIA)": an abbreviation keeps its capitals
		}
		parts := strings.Split(w, "-")
		for k, part := range parts {
			parts[k] = capWord(part)
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

func capWord(w string) string {
	lw := strings.ToLower(w)
	if nameParticle[lw] || lw == "of" || lw == "the" || lw == "and" || lw == "for" || lw == "in" || lw == "on" || lw == "at" || lw == "to" {
		return lw
	}
	if strings.ContainsAny(w, ".0123456789") || (len(w) <= 4 && !strings.ContainsAny(lw, "aeiouy")) {
		return w
	}
	rs := []rune(lw)
	for i, r := range rs {
		if r >= 'a' && r <= 'z' {
			rs[i] = r - 'a' + 'A'
			break
		}
		if r != '(' && r != '\'' {
			break
		}
	}
	return string(rs)
}

func importAgents(r io.Reader, name string) ([]*Entry, Problems) {
	var (
		out   []*Entry
		probs Problems
	)
	macros := map[string][]string{}
	warn := func(line int, format string, args ...any) {
		probs = append(probs, Problem{File: name, Line: line, Message: fmt.Sprintf(format, args...), Warning: true})
	}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if k, v, ok := strings.Cut(line, "="); ok && strings.HasPrefix(line, "!") {
			for x := range strings.SplitSeq(v, ",") {
				macros[strings.TrimSpace(k)] = append(macros[strings.TrimSpace(k)], strings.TrimSpace(x))
			}
			continue
		}
		i := strings.IndexByte(line, '[')
		j := strings.IndexByte(line, ']')
		if i < 0 || j < i {
			warn(n, "agent %q has no [~CODE]; left out", line)
			continue
		}
		code := strings.TrimSpace(line[i+1 : j])
		phrase := strings.TrimSpace(line[:i])
		var plurals []string
		noPlural := false
		if a := strings.IndexByte(phrase, '{'); a >= 0 {
			b := strings.IndexByte(phrase, '}')
			if b < a {
				warn(n, "unclosed {plural}")
				continue
			}
			pl := strings.TrimSpace(phrase[a+1 : b])
			if pl == "" {
				noPlural = true
			} else {
				plurals = append(plurals, strings.ToLower(strings.ReplaceAll(pl, "_", " ")))
			}
			phrase = strings.TrimSpace(phrase[:a])
		}
		e := &Entry{Kind: Agent, AnyCase: true, NoPlural: noPlural, Plurals: plurals}
		switch {
		case strings.HasPrefix(code, "~"):
			e.Sector = code[1:]
		case strings.HasSuffix(code, "~"):
			e.Code = strings.TrimSuffix(code, "~")
		default:
			warn(n, "agent code %q is neither ~SEC nor PREFIX~; left out", code)
			continue
		}
		if e.Sector == "" && e.Code == "" {
			warn(n, "agent %q has an empty code; left out", phrase)
			continue
		}
		bad := false
		for k := 0; k+3 <= len(e.Sector); k += 3 {
			if !sectors[e.Sector[k:k+3]] {
				bad = true
			}
		}
		if bad || len(e.Sector)%3 != 0 || (e.Code != "" && checkCode(e.Code) != nil) {
			warn(n, "agent code %q has an unknown sector; left out", code)
			continue
		}
		forms := expandMacros(phrase, macros)
		for k, f := range forms {
			f = strings.ToLower(strings.TrimSpace(strings.ReplaceAll(f, "_", " ")))
			if strings.HasSuffix(f, "minist") {
				f += "er"
				forms = append(forms, f[:len(f)-2]+"ry")
			}
			forms[k] = f
		}
		for k := range forms {
			forms[k] = strings.Join(strings.Fields(forms[k]), " ")
		}
		if forms[0] == "" {
			warn(n, "agent with an empty phrase; left out")
			continue
		}
		e.Name = forms[0]
		e.Aliases = dedupe(forms[1:], e.Name)
		out = append(out, e)
	}
	return out, probs
}

func expandMacros(p string, macros map[string][]string) []string {
	for k, vs := range macros {
		if strings.Contains(p, k) {
			var out []string
			for _, v := range vs {
				out = append(out, expandMacros(strings.Replace(p, k, v, 1), macros)...)
			}
			return out
		}
	}
	return []string{p}
}

func dedupe(xs []string, not string) []string {
	seen := map[string]bool{not: true}
	var out []string
	for _, x := range xs {
		if !seen[x] && x != "" {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func importDiscards(r io.Reader, name string) ([]*Entry, Problems) {
	var out []*Entry
	sc := bufio.NewScanner(r)
	n := 0
	seen := map[string]bool{}
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		e := &Entry{Kind: Discard, AnyCase: true, Scope: "sentence"}
		if strings.HasPrefix(line, "+") {
			e.Scope = "story"
			line = strings.TrimSpace(line[1:])
		}
		e.Name = strings.Join(strings.Fields(strings.ReplaceAll(line, "_", " ")), " ")
		if e.Name == "" || seen[strings.ToLower(e.Name)] {
			continue
		}
		seen[strings.ToLower(e.Name)] = true
		out = append(out, e)
	}
	return out, nil
}
