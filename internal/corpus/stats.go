package corpus

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/dyad-project/dyad/internal/cameo"
)

// SentenceFunc splits a text into sentences, returning their byte ranges.
type SentenceFunc func(text string) [][2]int

// Row is one line of the mix table: a measured figure and the target it must
// meet (the issue that asked for the corpus states them).
type Row struct {
	Group  string
	Name   string
	Value  float64
	Unit   string // "", "%"
	Op     string // ">=" or "<="
	Target float64
}

// OK reports whether the row meets its target.
func (r Row) OK() bool {
	if r.Op == "<=" {
		return r.Value <= r.Target
	}
	return r.Value >= r.Target
}

// Mix is the corpus's composition: the rows of the table and the counts
// behind them.
type Mix struct {
	Rows        []Row
	Docs        int
	Sentences   int
	Events      int
	PerSplit    map[string][3]int // documents, sentences, events
	Regions     map[string]int    // events by the source's (else target's) region
	SectorOnly  int               // events whose source is sector-only
	Domestic    int               // events with a sub-state actor (police, courts, parties, rebels, protesters, ...)
	Codes       map[string]int    // events by full code
	UnknownCode map[string]int    // actor codes the dictionaries do not know
}

// Failures returns the rows that miss their target.
func (m *Mix) Failures() []Row {
	var out []Row
	for _, r := range m.Rows {
		if !r.OK() {
			out = append(out, r)
		}
	}
	return out
}

// domesticSectors are sectors below the state: an event with one of them on
// either side involves domestic actors.
var domesticSectors = []string{"COP", "JUD", "LEG", "OPP", "PTY", "REB", "INS", "UAF", "CVL", "LAB", "EDU", "BUS", "MED", "CRM", "REF", "HLH", "HRI", "NGO", "REL"}

// Stats measures the mix of the split files (split name → documents).
func Stats(files map[string][]Document, c *Checker, cb *cameo.Codebook, sentences SentenceFunc) *Mix {
	m := &Mix{PerSplit: map[string][3]int{}, Regions: map[string]int{}, Codes: map[string]int{}, UnknownCode: map[string]int{}}
	regs := map[string]int{}
	roots := map[string]int{}
	plover := map[string]int{}
	status := map[string]int{}
	var noEvent, caseDocs, notObject, coref, place, dated int
	for split, docs := range files {
		ps := m.PerSplit[split]
		for _, d := range docs {
			m.Docs++
			ps[0]++
			regs[d.Register]++
			if allOneCase(d.Text) {
				caseDocs++
			}
			sents := sentences(d.Text)
			m.Sentences += len(sents)
			ps[1] += len(sents)
			has := make([]bool, len(sents))
			for _, e := range d.Events {
				for i, s := range sents {
					if e.Trigger.Start >= s[0] && e.Trigger.Start < s[1] {
						has[i] = true
						break
					}
				}
			}
			for _, h := range has {
				if !h {
					noEvent++
				}
			}
			for _, e := range d.Events {
				m.Events++
				ps[2]++
				m.Codes[e.Code]++
				roots[cameo.Root(e.Code)]++
				if e.PloverType != "" {
					plover[e.PloverType]++
				}
				status[e.Status]++
				if e.Target != nil && e.Target.Attach != "object" {
					notObject++
				}
				if e.Source.Coref || (e.Target != nil && e.Target.Coref) {
					coref++
				}
				if e.Location != nil {
					place++
				}
				if !e.Date.Publication {
					dated++
				}
				region := c.Region(e.Source.Code)
				if region == "" && e.Target != nil {
					region = c.Region(e.Target.Code)
				}
				if region == "" {
					region = "(none: IGO or sector only)"
				}
				m.Regions[region]++
				if SectorOnly(e.Source.Code) {
					m.SectorOnly++
				}
				if domestic(e.Source.Code) || (e.Target != nil && domestic(e.Target.Code)) {
					m.Domestic++
				}
				for _, a := range []*Actor{&e.Source, e.Target, e.Speaker} {
					if a != nil && a.Code != "" && !c.KnownActor(a.Code) {
						m.UnknownCode[a.Code]++
					}
				}
			}
		}
		m.PerSplit[split] = ps
	}
	pct := func(n, of int) float64 {
		if of == 0 {
			return 0
		}
		return 100 * float64(n) / float64(of)
	}
	add := func(group, name string, v float64, unit, op string, target float64) {
		m.Rows = append(m.Rows, Row{group, name, v, unit, op, target})
	}
	add("size", "documents", float64(m.Docs), "", ">=", 2500)
	add("size", "sentences", float64(m.Sentences), "", ">=", 12000)
	add("size", "events", float64(m.Events), "", ">=", 10000)
	add("size", "sentences with no event", pct(noEvent, m.Sentences), "%", ">=", 20)
	add("register", "wire", pct(regs["wire"], m.Docs), "%", ">=", 30)
	add("register", "headline", pct(regs["headline"], m.Docs), "%", ">=", 15)
	add("register", "interview", pct(regs["interview"], m.Docs), "%", ">=", 10)
	add("register", "analysis", pct(regs["analysis"], m.Docs), "%", ">=", 10)
	add("register", "readout", pct(regs["readout"], m.Docs), "%", ">=", 10)
	add("register", "lower-case or all-capitals text", pct(caseDocs, m.Docs), "%", ">=", 5)
	for r := 1; r <= 20; r++ {
		root := fmt.Sprintf("%02d", r)
		code, _ := cb.Lookup(root)
		add("CAMEO root", root+" "+strings.ToLower(code.Name), float64(roots[root]), "", ">=", 150)
	}
	var types []string
	for _, code := range cb.Codes() {
		if code.PloverType != "" && !slices.Contains(types, code.PloverType) {
			types = append(types, code.PloverType)
		}
	}
	sort.Strings(types)
	for _, t := range types {
		add("PLOVER type", t, float64(plover[t]), "", ">=", 150)
	}
	for _, s := range statuses[1:] {
		add("status", s, float64(status[s]), "", ">=", 300)
	}
	add("arguments", "target not the direct object", float64(notObject), "", ">=", 1500)
	add("arguments", "source or target through coreference", float64(coref), "", ">=", 1000)
	add("arguments", "stated place", float64(place), "", ">=", 1000)
	add("arguments", "date fixed by the text", float64(dated), "", ">=", 1500)
	var top string
	var topN int
	for r, n := range m.Regions {
		if !strings.HasPrefix(r, "(") && (n > topN || (n == topN && r < top)) {
			top, topN = r, n
		}
	}
	add("actors", "largest region ("+top+")", pct(topN, m.Events), "%", "<=", 25)
	add("actors", "events with a domestic actor", float64(m.Domestic), "", ">=", 1000)
	return m
}

func domestic(code string) bool {
	for i := 3; i+3 <= len(code); i += 3 {
		if slices.Contains(domesticSectors, code[i:i+3]) {
			return true
		}
	}
	return SectorOnly(code) && code != ""
}

// allOneCase reports whether the text's letters are all lower case or all
// upper case (at least 20 letters).
func allOneCase(s string) bool {
	lower, upper := 0, 0
	for _, r := range s {
		if unicode.IsLower(r) {
			lower++
		} else if unicode.IsUpper(r) {
			upper++
		}
	}
	return lower+upper >= 20 && (lower == 0 || upper == 0)
}

// Print writes the mix table with a mark on each row that misses its target.
func (m *Mix) Print(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintf(tw, "group\tfigure\tvalue\ttarget\t\n")
	for _, r := range m.Rows {
		mark := "ok"
		if !r.OK() {
			mark = "MISSED"
		}
		val := fmt.Sprintf("%.0f", r.Value)
		if r.Unit == "%" {
			val = fmt.Sprintf("%.1f %%", r.Value)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s %g%s\t%s\n", r.Group, r.Name, val, r.Op, r.Target, strings.TrimSpace(" "+r.Unit), mark)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nsplits:")
	for _, s := range splits {
		ps := m.PerSplit[s]
		fmt.Fprintf(w, " %s %d docs / %d sentences / %d events;", s, ps[0], ps[1], ps[2])
	}
	fmt.Fprintf(w, "\nregions (events by the source's country, else the target's):")
	var rs []string
	for r := range m.Regions {
		rs = append(rs, r)
	}
	sort.Strings(rs)
	for _, r := range rs {
		fmt.Fprintf(w, " %s %.1f %%;", r, 100*float64(m.Regions[r])/float64(max(m.Events, 1)))
	}
	fmt.Fprintf(w, "\nsector-only sources: %d of %d events (%.1f %%)\n", m.SectorOnly, m.Events, 100*float64(m.SectorOnly)/float64(max(m.Events, 1)))
	if len(m.UnknownCode) > 0 {
		var cs []string
		for c, n := range m.UnknownCode {
			cs = append(cs, fmt.Sprintf("%s (%d)", c, n))
		}
		sort.Strings(cs)
		fmt.Fprintf(w, "actor codes the dictionaries do not know: %s\n", strings.Join(cs, ", "))
	}
	return nil
}
