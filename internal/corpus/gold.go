package corpus

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/cameo"
)

// ParseGold reads the authoring format of docs/annotation.md §12 and returns
// the documents with every span located in the text (byte offsets computed
// here) and the PLOVER fields filled from the codebook. A span that cannot be
// located, a malformed field or an unknown key is a diagnostic naming the
// file and line; the event (not the document) is dropped.
func ParseGold(name string, r io.Reader, cb *cameo.Codebook) ([]Document, []Diagnostic) {
	p := goldParser{name: name, cb: cb}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), MaxLine)
	var lines []string
	for sc.Scan() {
		lines = append(lines, strings.TrimRight(sc.Text(), " \t\r"))
	}
	if err := sc.Err(); err != nil {
		p.errf(len(lines)+1, "", "read: %v", err)
	}
	p.parse(lines)
	return p.docs, p.diags
}

type goldParser struct {
	name  string
	cb    *cameo.Codebook
	docs  []Document
	diags []Diagnostic
}

func (p *goldParser) errf(line int, doc, format string, args ...any) {
	p.diags = append(p.diags, Diagnostic{File: p.name, Line: line, Doc: doc, Err: true, Msg: fmt.Sprintf(format, args...)})
}

// rawEvent is an event as written: field values with their line numbers.
type rawEvent struct {
	line   int
	fields map[string]string
	lines  map[string]int
}

func (p *goldParser) parse(lines []string) {
	i := 0
	for i < len(lines) && !strings.HasPrefix(lines[i], "### ") {
		if strings.TrimSpace(lines[i]) != "" {
			p.errf(i+1, "", "text before the first \"### ID\" line")
		}
		i++
	}
	for i < len(lines) {
		start := i
		j := i + 1
		for j < len(lines) && !strings.HasPrefix(lines[j], "### ") {
			j++
		}
		p.parseDoc(lines[start:j], start+1)
		i = j
	}
}

// parseDoc reads one "### ID" block; first is the 1-based line of its header.
func (p *goldParser) parseDoc(lines []string, first int) {
	d := Document{ID: strings.TrimSpace(strings.TrimPrefix(lines[0], "### ")), line: first}
	i := 1
	seen := map[string]bool{}
	for ; i < len(lines); i++ {
		l := lines[i]
		if strings.TrimSpace(l) == "" {
			continue
		}
		key, val, ok := strings.Cut(l, ":")
		if !ok {
			p.errf(first+i, d.ID, "want \"key: value\" in the header, got %q", l)
			continue
		}
		key = strings.TrimSpace(key)
		val = strings.TrimSpace(val)
		if seen[key] {
			p.errf(first+i, d.ID, "%s given twice", key)
		}
		seen[key] = true
		switch key {
		case "register":
			d.Register = val
		case "date":
			d.Date = val
		case "outlet":
			d.Outlet = val
		case "title":
			d.Title = val
		case "text":
			if val != "" {
				p.errf(first+i, d.ID, "the text starts on the line after \"text:\"")
			}
		default:
			p.errf(first+i, d.ID, "unknown header field %q (want register, date, outlet, title, text)", key)
		}
		if key == "text" {
			i++
			break
		}
	}
	textStart := i
	for i < len(lines) && lines[i] != "events:" {
		i++
	}
	if i == len(lines) {
		p.errf(first, d.ID, "no \"events:\" line (write it even when there are no events)")
	}
	body := lines[textStart:i]
	for len(body) > 0 && strings.TrimSpace(body[0]) == "" {
		body = body[1:]
	}
	for len(body) > 0 && strings.TrimSpace(body[len(body)-1]) == "" {
		body = body[:len(body)-1]
	}
	d.Text = strings.Join(body, "\n")
	if !utf8.ValidString(d.Text) {
		p.errf(first, d.ID, "text is not valid UTF-8")
	}
	i++
	var raws []rawEvent
	for ; i < len(lines); i++ {
		l := lines[i]
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if strings.HasPrefix(t, "- ") {
			raws = append(raws, rawEvent{line: first + i, fields: map[string]string{}, lines: map[string]int{}})
			t = strings.TrimSpace(t[2:])
		} else if len(raws) == 0 {
			p.errf(first+i, d.ID, "an event starts with \"- trigger:\", got %q", t)
			continue
		}
		key, val, ok := strings.Cut(t, ":")
		key = strings.TrimSpace(key)
		if !ok || !eventKeys[key] {
			p.errf(first+i, d.ID, "unknown event field in %q (want trigger, code, source, target, status, cue, speaker, date, location)", t)
			continue
		}
		ev := &raws[len(raws)-1]
		if _, dup := ev.fields[key]; dup {
			p.errf(first+i, d.ID, "event field %s given twice", key)
		}
		ev.fields[key] = strings.TrimSpace(val)
		ev.lines[key] = first + i
	}
	for _, r := range raws {
		if e, ok := p.event(&d, r); ok {
			d.Events = append(d.Events, e)
			d.eventLines = append(d.eventLines, r.line)
		}
	}
	if d.Events == nil {
		d.Events = []Event{}
	}
	p.docs = append(p.docs, d)
}

var eventKeys = map[string]bool{"trigger": true, "code": true, "source": true, "target": true,
	"status": true, "cue": true, "speaker": true, "date": true, "location": true}

// event builds one event, locating its spans; ok is false when it is unusable.
func (p *goldParser) event(d *Document, r rawEvent) (Event, bool) {
	ok := true
	fail := func(key, format string, args ...any) {
		line := r.lines[key]
		if line == 0 {
			line = r.line
		}
		p.errf(line, d.ID, format, args...)
		ok = false
	}
	var e Event
	trig, has := r.fields["trigger"]
	if !has || trig == "" {
		fail("trigger", "event without a trigger")
		return e, false
	}
	tspan, err := locateTrigger(d.Text, trig)
	if err != nil {
		fail("trigger", "trigger %q: %v", trig, err)
		return e, false
	}
	e.Trigger = tspan
	e.Code = r.fields["code"]
	if e.Code == "" {
		fail("code", "event %q has no code", trig)
	} else if c, found := p.cb.Lookup(e.Code); !found {
		fail("code", "code %q is not in the CAMEO codebook", e.Code)
	} else {
		e.PloverType, e.PloverMode = c.PloverType, c.PloverMode
	}
	actor := func(key string, target bool) *Actor {
		v, has := r.fields[key]
		if !has {
			return nil
		}
		if target && strings.EqualFold(v, "none") {
			return nil
		}
		parts := splitFields(v)
		if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
			fail(key, "%s %q: want \"WORDS | CODE\" and optional flags", key, v)
			return nil
		}
		sp, err := locateNear(d.Text, parts[0], tspan)
		if err != nil {
			fail(key, "%s %q: %v", key, parts[0], err)
			return nil
		}
		a := &Actor{Span: sp, Code: parts[1]}
		for _, f := range parts[2:] {
			switch {
			case f == "inferred":
				a.CountryInferred = true
			case f == "coref":
				a.Coref = true
			case target && slices.Contains(attachments, f):
				if a.Attach != "" {
					fail(key, "target %q has two attachments", parts[0])
				}
				a.Attach = f
			default:
				fail(key, "%s %q: unknown flag %q", key, parts[0], f)
			}
		}
		return a
	}
	if src := actor("source", false); src != nil {
		e.Source = *src
	} else if _, has := r.fields["source"]; !has {
		fail("trigger", "event %q has no source", trig)
	}
	e.Target = actor("target", true)
	e.Speaker = actor("speaker", false)
	e.Status = "asserted"
	if s, has := r.fields["status"]; has {
		e.Status = s
	}
	if c, has := r.fields["cue"]; has && c != "" && !strings.EqualFold(c, "none") {
		sp, err := locateNear(d.Text, c, tspan)
		if err != nil {
			fail("cue", "cue %q: %v", c, err)
		} else {
			e.Cue = &sp
		}
	}
	if v, has := r.fields["date"]; has && !strings.EqualFold(v, "publication") {
		parts := splitFields(v)
		if len(parts) != 2 {
			fail("date", "date %q: want \"WORDS | VALUE\"", v)
		} else if sp, err := locateNear(d.Text, parts[0], tspan); err != nil {
			fail("date", "date %q: %v", parts[0], err)
		} else {
			e.Date = Date{Text: sp.Text, Start: sp.Start, End: sp.End, Value: parts[1]}
		}
	} else {
		e.Date = Date{Value: d.Date, Publication: true}
	}
	if v, has := r.fields["location"]; has && !strings.EqualFold(v, "none") {
		parts := splitFields(v)
		if len(parts) != 3 {
			fail("location", "location %q: want \"WORDS | NAME | COUNTRY\"", v)
		} else if sp, err := locateNear(d.Text, parts[0], tspan); err != nil {
			fail("location", "location %q: %v", parts[0], err)
		} else {
			e.Location = &Location{Span: sp, Name: parts[1], Country: parts[2]}
		}
	}
	return e, ok
}

func splitFields(v string) []string {
	parts := strings.Split(v, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// spec is a quoted span, possibly with context: "minister [met] her".
type spec struct {
	context string // the whole string without brackets
	off     int    // byte offset of the span inside context
	span    string
}

func parseSpec(s string) (spec, error) {
	open := strings.IndexByte(s, '[')
	if open < 0 {
		if strings.IndexByte(s, ']') >= 0 {
			return spec{}, fmt.Errorf("a \"]\" without \"[\"")
		}
		return spec{context: s, span: s}, nil
	}
	close := strings.IndexByte(s[open:], ']')
	if close < 0 {
		return spec{}, fmt.Errorf("a \"[\" without \"]\"")
	}
	close += open
	inner := s[open+1 : close]
	if inner == "" || strings.ContainsAny(inner, "[]") || strings.ContainsAny(s[close+1:], "[]") {
		return spec{}, fmt.Errorf("want exactly one non-empty [span] inside the context")
	}
	return spec{context: s[:open] + inner + s[close+1:], off: open, span: inner}, nil
}

// occurrences returns the start offsets of s in text where it stands as
// whole words (no letter or digit glued to either end).
func occurrences(text, s string) []int {
	var out []int
	if s == "" {
		return nil
	}
	for from := 0; ; {
		i := strings.Index(text[from:], s)
		if i < 0 {
			return out
		}
		i += from
		if wordEdge(text, i, true, s) && wordEdge(text, i+len(s), false, s) {
			out = append(out, i)
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		from = i + size
	}
}

// wordEdge reports whether offset at is a word boundary for a span that
// starts (start true) or ends there.
func wordEdge(text string, at int, start bool, s string) bool {
	if start {
		r, _ := utf8.DecodeRuneInString(s)
		if !isWord(r) || at == 0 {
			return true
		}
		prev, _ := utf8.DecodeLastRuneInString(text[:at])
		return !isWord(prev)
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if !isWord(r) || at == len(text) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(text[at:])
	return !isWord(next)
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// locateTrigger finds a trigger: its context must occur exactly once.
func locateTrigger(text, s string) (Span, error) {
	sp, err := parseSpec(s)
	if err != nil {
		return Span{}, err
	}
	occ := occurrences(text, sp.context)
	switch len(occ) {
	case 0:
		return Span{}, fmt.Errorf("not found in the text%s", hint(text, sp.context))
	case 1:
	default:
		return Span{}, fmt.Errorf("occurs %d times; give context with [brackets], e.g. \"word [%s] word\"", len(occ), sp.span)
	}
	start := occ[0] + sp.off
	return Span{Text: sp.span, Start: start, End: start + len(sp.span)}, nil
}

// locateNear finds a non-trigger span: with context it must be unique; without
// context, the occurrence nearest the trigger within the trigger's line, else
// the nearest in the document.
func locateNear(text, s string, trig Span) (Span, error) {
	sp, err := parseSpec(s)
	if err != nil {
		return Span{}, err
	}
	occ := occurrences(text, sp.context)
	if len(occ) == 0 {
		return Span{}, fmt.Errorf("not found in the text%s", hint(text, sp.context))
	}
	if sp.off > 0 || sp.context != sp.span {
		if len(occ) > 1 {
			return Span{}, fmt.Errorf("context occurs %d times; make it longer", len(occ))
		}
		start := occ[0] + sp.off
		return Span{Text: sp.span, Start: start, End: start + len(sp.span)}, nil
	}
	lineStart := strings.LastIndexByte(text[:trig.Start], '\n') + 1
	lineEnd := len(text)
	if k := strings.IndexByte(text[trig.End:], '\n'); k >= 0 {
		lineEnd = trig.End + k
	}
	best, bestDist, bestIn := -1, 0, false
	for _, o := range occ {
		in := o >= lineStart && o+len(sp.span) <= lineEnd
		dist := o - trig.Start
		if dist < 0 {
			dist = -dist
		}
		if best < 0 || (in && !bestIn) || (in == bestIn && dist < bestDist) {
			best, bestDist, bestIn = o, dist, in
		}
	}
	return Span{Text: sp.span, Start: best, End: best + len(sp.span)}, nil
}

// hint suggests why a quoted span was not found: a case or spacing difference.
func hint(text, s string) string {
	if i := strings.Index(strings.ToLower(text), strings.ToLower(s)); i >= 0 && i+len(s) <= len(text) {
		return fmt.Sprintf(" (the text has %q: copy its case exactly)", text[i:i+len(s)])
	}
	if strings.Contains(text, s) {
		return " (found only inside a longer word)"
	}
	return ""
}
