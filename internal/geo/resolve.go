package geo

import (
	"fmt"
	"strings"

	"github.com/dyad-project/dyad/internal/doc"
)

// Resolve returns the place a span of the text states, such as an event's
// location: the most precise mention Find found in it (the first of equals);
// else a gazetteer name written in it, taken whatever its cues ("at the
// White House" → Washington); else the place a phrase refers back to — "the
// capital", "Burundi's capital" or "the Belarusian capital" is the capital
// of the country named in it, of the dateline or of the document's main
// country; "the city", "the region" is the nearest place of that kind
// before it; any other phrase is the dateline's place. It returns false
// when none of these applies.
func (p *Places) Resolve(span doc.Span) (Mention, bool) {
	g := p.g
	capital := p.head(span) == "capital"
	best := -1
	for i, m := range p.Mentions {
		if m.Span.Start < span.End && span.Start < m.Span.End {
			if best < 0 || m.Place.Kind < p.Mentions[best].Place.Kind {
				best = i
			}
		}
	}
	if best >= 0 {
		m := p.Mentions[best]
		if capital && m.Place.Kind == Country {
			// "Sudan's capital", "the capital of Mali".
			if c, ok := g.capital[m.Place.Country]; ok {
				m.Place = g.place(c)
				m.Cue = "capital"
				m.Why = fmt.Sprintf("%s: the capital of %s, named in the phrase", m.Place.Name, m.Text)
			}
		}
		return m, true
	}
	var bm *match
	for i := range p.ms {
		m := &p.ms[i]
		if m.span.Start >= span.End || span.Start >= m.span.End || g.excluded(m.key) || len(m.scores) == 0 {
			continue
		}
		if m.mode == cased && m.lower {
			continue // a lower-case word of ordinary prose ("the airport")
		}
		if !p.knownOrSupported(m) {
			continue // "Bole International Airport" is not Bole in China
		}
		k := g.entries[m.cands[m.best].entry].kind
		if bm == nil || k < g.entries[bm.cands[bm.best].entry].kind {
			bm = m
		}
	}
	if bm != nil {
		m := g.mention(p.text, bm)
		m.Cue = "span"
		return m, true
	}
	return p.refer(span)
}

// nameWord reports a capitalised word inside a sentence of ordinary prose,
// part of a name ("Crocus City Hall") rather than an anaphor ("the city").
func (p *Places) nameWord(sent int, word string) bool {
	return p.modes[sent] == cased && capitalised(word)
}

// knownOrSupported reports a match whose chosen entry is known well (a
// country, division, capital or news place) or lies in a country the
// document is about.
func (p *Places) knownOrSupported(m *match) bool {
	e := &p.g.entries[m.cands[m.best].entry]
	return e.kind != City || e.flags&(flagCapital|flagKnown) != 0 || p.ctx.countries[p.g.codes[e.country]] > 0
}

// head returns the normalised head noun of a span's words when it is one of
// cues.txt's anaphors ("capital", "city", "region"), else "".
func (p *Places) head(span doc.Span) string {
	h := ""
	for si := range p.sents {
		s := &p.sents[si]
		if s.End <= span.Start || s.Start >= span.End {
			continue
		}
		for _, t := range s.Tokens {
			if t.Start >= span.Start && t.End <= span.End && !p.nameWord(si, t.Text) {
				if k := Normalize(t.Text); p.g.lists.anaphor[k].text != "" {
					h = k
				}
			}
		}
	}
	return h
}

// refer resolves a span that names no place by what it refers back to.
func (p *Places) refer(span doc.Span) (Mention, bool) {
	g := p.g
	var head cue
	var headWord string
	country := ""
	for si := range p.sents {
		for _, t := range p.sents[si].Tokens {
			if t.Start < span.Start || t.End > span.End {
				continue
			}
			k := Normalize(t.Text)
			if c, ok := g.lists.anaphor[k]; ok && !p.nameWord(si, t.Text) {
				head, headWord = c, k
			}
			if e, ok := g.demonym[k]; ok {
				country = g.codes[g.entries[e].country]
			}
		}
	}
	out := Mention{Span: span, Text: p.text[span.Start:span.End], Sent: -1}
	for si := range p.sents {
		if s := p.sents[si]; s.Start <= span.Start && span.Start < s.End {
			out.Sent = si
			for ti, t := range s.Tokens {
				if t.End <= span.Start {
					out.TokStart = ti + 1
				}
				if t.Start < span.End {
					out.TokEnd = ti + 1
				}
			}
		}
	}
	dateline := -1
	for i, m := range p.Mentions {
		if m.Dateline {
			dateline = i
			break
		}
	}
	if headWord == "capital" {
		why := ""
		switch {
		case country != "":
			why = "a demonym in the phrase"
		case dateline >= 0:
			country, why = p.Mentions[dateline].Place.Country, "the dateline's country"
		default:
			country, why = p.mainCountry(), "the document's main country"
		}
		if c, ok := g.capital[country]; ok {
			out.Place = g.place(c)
			out.Cue = "capital"
			out.Why = fmt.Sprintf("%s: the capital of %s, %s", out.Place.Name, country, why)
			return out, true
		}
	}
	if headWord != "" {
		for i := len(p.Mentions) - 1; i >= 0; i-- {
			m := p.Mentions[i]
			if m.Span.Start >= span.Start {
				continue
			}
			if head.kind != 0 && m.Place.Kind != head.kind {
				continue
			}
			if head.kind == 0 && m.Place.Kind == Country {
				continue
			}
			out.Place, out.Cue, out.Score = m.Place, headWord, m.Score
			out.Why = fmt.Sprintf("%s: %q refers back to %q", m.Place.Name, strings.ToLower(headWord), m.Text)
			return out, true
		}
	}
	if dateline >= 0 {
		m := p.Mentions[dateline]
		out.Place, out.Cue, out.Score = m.Place, "dateline", m.Score
		out.Why = fmt.Sprintf("%s: the dateline's place", m.Place.Name)
		return out, true
	}
	// No dateline: the nearest city before the span, else the capital of
	// the document's main country ("outside parliament").
	for i := len(p.Mentions) - 1; i >= 0; i-- {
		m := p.Mentions[i]
		if m.Span.Start < span.Start && m.Place.Kind == City {
			out.Place, out.Cue, out.Score = m.Place, "before", m.Score
			out.Why = fmt.Sprintf("%s: the nearest city named before", m.Place.Name)
			return out, true
		}
	}
	if cc := p.mainCountry(); cc != "" {
		if c, ok := g.capital[cc]; ok {
			out.Place, out.Cue = g.place(c), "capital"
			out.Why = fmt.Sprintf("%s: the capital of the document's main country", out.Place.Name)
			return out, true
		}
	}
	return Mention{}, false
}

// mainCountry returns the country the document names most (ties to the
// smaller code), or "".
func (p *Places) mainCountry() string {
	country, top := "", 0.0
	for cc, n := range p.ctx.countries {
		if n > top || n == top && cc < country {
			country, top = cc, n
		}
	}
	return country
}
