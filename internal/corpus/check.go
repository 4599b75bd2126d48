package corpus

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/actor"
	"github.com/dyad-project/dyad/internal/cameo"
)

// Size caps of one document, checked by Check.
const (
	MaxText   = 64 << 10
	MaxTitle  = 400
	MaxEvents = 200
)

// Earliest and latest publication dates the corpus accepts.
const (
	FirstDate = "2015-01-01"
	LastDate  = "2026-11-30"
)

// Checker validates documents against the codebook, the actor dictionaries
// and the guideline's rules. It is read-only once made and safe for
// concurrent use.
type Checker struct {
	cb        *cameo.Codebook
	codes     map[string]bool // every code a dictionary entry or role gives
	countries map[string]bool // ISO alpha-3 codes of country entries
	regions   map[string]string
}

// NewChecker returns a checker over the codebook, the dictionary and the
// region table (data/geo/regions.tsv).
func NewChecker(cb *cameo.Codebook, dict *actor.Dictionary, regions string) *Checker {
	c := &Checker{cb: cb, codes: map[string]bool{}, countries: map[string]bool{}, regions: ParseRegions(regions)}
	for _, e := range dict.Entries() {
		if e.Code != "" {
			c.codes[e.Code] = true
		}
		for _, r := range e.Roles {
			c.codes[r.Code] = true
		}
		if e.Kind == actor.Country && len(e.Code) == 3 {
			c.countries[e.Code] = true
		}
	}
	for code := range c.regions {
		c.countries[code] = true
	}
	return c
}

// ParseRegions reads the region table: "ISO3<TAB>region" lines.
func ParseRegions(s string) map[string]string {
	m := map[string]string{}
	for line := range strings.SplitSeq(s, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if k, v, ok := strings.Cut(line, "\t"); ok {
			m[k] = v
		}
	}
	return m
}

// Region returns the world region of an actor code's country, or "" for
// codes without one (IGOs, sector-only codes).
func (c *Checker) Region(code string) string {
	if len(code) < 3 {
		return ""
	}
	return c.regions[code[:3]]
}

// KnownActor reports whether an actor code is one the dictionaries give, or
// a country or dictionary code followed by known sectors, or sectors alone.
func (c *Checker) KnownActor(code string) bool {
	if code == "" || len(code)%3 != 0 {
		return false
	}
	for cut := len(code); cut >= 0; cut -= 3 {
		head, rest := code[:cut], code[cut:]
		if head != "" && !c.codes[head] && !c.countries[head] {
			continue
		}
		ok := true
		for i := 0; i < len(rest); i += 3 {
			if !actor.IsSector(rest[i : i+3]) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// SectorOnly reports whether an actor code names no country or organisation:
// only sectors ("COP", "REBUAF").
func SectorOnly(code string) bool {
	if code == "" || len(code)%3 != 0 {
		return false
	}
	for i := 0; i < len(code); i += 3 {
		if !actor.IsSector(code[i:i+3]) || code[i:i+3] == "IGO" || code[i:i+3] == "IMG" || code[i:i+3] == "NGO" || code[i:i+3] == "MNC" {
			return false
		}
	}
	return true
}

var (
	idRE      = regexp.MustCompile(`^[a-z]+(-[a-z0-9]+)*-[0-9]{4}$`)
	timemlRE  = regexp.MustCompile(`^([0-9]{4})(-(0[1-9]|1[0-2])(-([0-2][0-9]|3[01]))?|-W([0-4][0-9]|5[0-3])|-(SP|SU|FA|WI)|-Q[1-4])?$`)
	weekdayRE = regexp.MustCompile(`(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b`)
)

// ValidTimeML reports whether v is a TimeML date value the corpus accepts:
// YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, a season (YYYY-SU) or quarter (YYYY-Q1).
func ValidTimeML(v string) bool {
	m := timemlRE.FindStringSubmatch(v)
	if m == nil {
		return false
	}
	if m[5] != "" {
		_, err := time.Parse("2006-01-02", v)
		return err == nil
	}
	return true
}

// Check validates each document and returns its findings. file labels the
// diagnostics; split, when not empty, is the split the file holds and every
// id must hash to it.
func (c *Checker) Check(file, split string, docs []Document) []Diagnostic {
	var out []Diagnostic
	ids := map[string]int{}
	for i := range docs {
		d := &docs[i]
		line := i + 1
		if d.line > 0 {
			line = d.line
		}
		add := func(isErr bool, format string, args ...any) {
			out = append(out, Diagnostic{File: file, Line: line, Doc: d.ID, Err: isErr, Msg: fmt.Sprintf(format, args...)})
		}
		if !idRE.MatchString(d.ID) {
			add(true, "id %q: want lower-case words and a four-digit number (wire-sec-0001)", d.ID)
		}
		if prev, dup := ids[d.ID]; dup {
			add(true, "id %q also on line %d", d.ID, prev)
		}
		ids[d.ID] = line
		if split != "" && SplitOf(d.ID) != split {
			add(true, "id %q belongs to %s, not %s", d.ID, SplitOf(d.ID), split)
		}
		if !slices.Contains(registers, d.Register) {
			add(true, "register %q: want one of %s", d.Register, strings.Join(registers, ", "))
		}
		if t, err := time.Parse("2006-01-02", d.Date); err != nil {
			add(true, "date %q: want YYYY-MM-DD", d.Date)
		} else if s := t.Format("2006-01-02"); s < FirstDate || s > LastDate {
			add(true, "date %s outside %s..%s", s, FirstDate, LastDate)
		}
		if strings.TrimSpace(d.Outlet) == "" {
			add(true, "outlet is empty")
		}
		if strings.TrimSpace(d.Title) == "" {
			add(true, "title is empty")
		} else if len(d.Title) > MaxTitle {
			add(true, "title is %d bytes (cap %d)", len(d.Title), MaxTitle)
		}
		if strings.TrimSpace(d.Text) == "" {
			add(true, "text is empty")
		} else if len(d.Text) > MaxText {
			add(true, "text is %d bytes (cap %d)", len(d.Text), MaxText)
		}
		if !utf8.ValidString(d.Text) {
			add(true, "text is not valid UTF-8")
		}
		if len(d.Events) > MaxEvents {
			add(true, "%d events (cap %d)", len(d.Events), MaxEvents)
		}
		seen := map[string]int{}
		for k := range d.Events {
			e := &d.Events[k]
			where := fmt.Sprintf("event %d (%q)", k+1, e.Trigger.Text)
			evLine := line
			if k < len(d.eventLines) {
				evLine = d.eventLines[k]
			}
			evErr := func(format string, args ...any) {
				out = append(out, Diagnostic{File: file, Line: evLine, Doc: d.ID, Err: true, Msg: fmt.Sprintf(where+": "+format, args...)})
			}
			c.checkSpan(d.Text, "trigger", &e.Trigger, evErr)
			if code, ok := c.cb.Lookup(e.Code); !ok {
				evErr("code %q is not in the CAMEO codebook", e.Code)
			} else if e.PloverType != code.PloverType || e.PloverMode != code.PloverMode {
				evErr("plover %q/%q does not match the codebook's %q/%q for %s", e.PloverType, e.PloverMode, code.PloverType, code.PloverMode, e.Code)
			}
			c.checkActor(d.Text, "source", &e.Source, false, evErr, add, where)
			if e.Target != nil {
				c.checkActor(d.Text, "target", e.Target, true, evErr, add, where)
			}
			if e.Speaker != nil {
				c.checkActor(d.Text, "speaker", e.Speaker, false, evErr, add, where)
			}
			switch {
			case !slices.Contains(statuses, e.Status):
				evErr("status %q: want one of %s", e.Status, strings.Join(statuses, ", "))
			case e.Status == "asserted" && e.Cue != nil:
				evErr("an asserted event has no cue (cue %q)", e.Cue.Text)
			case e.Status != "asserted" && e.Cue == nil:
				evErr("status %s needs a cue", e.Status)
			}
			if (e.Status == "reported" || e.Status == "denied") && e.Speaker == nil {
				evErr("status %s needs a speaker", e.Status)
			}
			if e.Cue != nil {
				c.checkSpan(d.Text, "cue", e.Cue, evErr)
			}
			c.checkDate(d, e, evErr)
			if l := e.Location; l != nil {
				c.checkSpan(d.Text, "location", &l.Span, evErr)
				if strings.TrimSpace(l.Name) == "" {
					evErr("location %q has no name", l.Text)
				}
				if !c.countries[l.Country] {
					evErr("location %q: country %q is not an ISO alpha-3 code of the dictionaries (dyad actors \"NAME\" prints the code)", l.Text, l.Country)
				}
			}
			key := fmt.Sprintf("%d|%s|%d|%s|%d|%s", e.Trigger.Start, e.Code, e.Source.Start, e.Source.Code, targetStart(e), targetCode(e))
			if prev, dup := seen[key]; dup {
				evErr("duplicates event %d (same trigger, code, source and target)", prev+1)
			}
			seen[key] = k
		}
	}
	return out
}

func targetStart(e *Event) int {
	if e.Target == nil {
		return -1
	}
	return e.Target.Start
}

func targetCode(e *Event) string {
	if e.Target == nil {
		return ""
	}
	return e.Target.Code
}

func (c *Checker) checkSpan(text, what string, s *Span, evErr func(string, ...any)) {
	if s.Start < 0 || s.End <= s.Start || s.End > len(text) {
		evErr("%s span %d..%d outside the text (%d bytes)", what, s.Start, s.End, len(text))
		return
	}
	if text[s.Start:s.End] != s.Text {
		evErr("%s %q does not match the text at %d..%d (%q)", what, s.Text, s.Start, s.End, text[s.Start:s.End])
	}
}

func (c *Checker) checkActor(text, what string, a *Actor, target bool, evErr func(string, ...any), add func(bool, string, ...any), where string) {
	if a.Text == "" && a.Code == "" {
		evErr("no %s", what)
		return
	}
	c.checkSpan(text, what, &a.Span, evErr)
	if a.Code == "" || len(a.Code)%3 != 0 || !isUpper(a.Code) {
		evErr("%s %q: code %q is not a run of three upper-case letters or digits", what, a.Text, a.Code)
	} else if !c.KnownActor(a.Code) {
		add(false, "%s: %s %q: unknown actor code %s (dyad actors \"NAME\" prints the dictionaries' code)", where, what, a.Text, a.Code)
	}
	switch {
	case target && a.Attach == "":
		evErr("target %q has no attach (%s)", a.Text, strings.Join(attachments, ", "))
	case target && !slices.Contains(attachments, a.Attach):
		evErr("target %q: attach %q: want one of %s", a.Text, a.Attach, strings.Join(attachments, ", "))
	case !target && a.Attach != "":
		evErr("%s %q: only a target has an attach", what, a.Text)
	}
}

func isUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] < 'A' || s[i] > 'Z') && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

func (c *Checker) checkDate(d *Document, e *Event, evErr func(string, ...any)) {
	dt := e.Date
	if dt.Publication {
		if dt.Value != d.Date {
			evErr("a publication date must be the document's date %s, not %q", d.Date, dt.Value)
		}
		if dt.Text != "" {
			evErr("a publication date has no span (%q)", dt.Text)
		}
		return
	}
	if dt.Text == "" {
		evErr("date %q has no span; omit the date to use the publication date", dt.Value)
		return
	}
	c.checkSpan(d.Text, "date", &Span{Text: dt.Text, Start: dt.Start, End: dt.End}, evErr)
	if !ValidTimeML(dt.Value) {
		evErr("date %q: value %q is not YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, YYYY-SU or YYYY-Q1", dt.Text, dt.Value)
		return
	}
	if y := dt.Value[:4]; y < "1900" || y > "2030" {
		evErr("date %q: year %s is implausible", dt.Text, y)
	}
	if m := weekdayRE.FindString(dt.Text); m != "" && len(dt.Value) == 10 {
		t, _ := time.Parse("2006-01-02", dt.Value)
		if !strings.EqualFold(t.Weekday().String(), m) {
			evErr("date %q: %s is a %s", dt.Text, dt.Value, t.Weekday())
		}
	}
}
