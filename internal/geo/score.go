package geo

import (
	"fmt"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/nlp"
)

// Gold is a document with the places its annotators say it states (the
// gold corpus's event locations).
type Gold struct {
	Text      string
	Sentences []nlp.Sentence // the tokens Find reads (tagged: Find uses UPOS)
	Countries map[string]int // ISO3 → mentions of actors of that country, as a caller would count them
	Places    []GoldPlace
}

// GoldPlace is a stated place: its span, the place's name as a gazetteer
// spells it and its ISO alpha-3 country.
type GoldPlace struct {
	Span    doc.Span
	Text    string // the words of the span, for messages
	Name    string
	Country string
}

// Result is the outcome for one gold place.
type Result struct {
	Doc      int // the document's index
	Gold     GoldPlace
	Got      Mention // what Resolve gave for the gold span (zero when nothing)
	Resolved bool    // Resolve gave a place
	Exact    bool    // the same place: the same name after Normalize, or the gazetteer entry the gold name names, in the gold country
	Country  bool    // the gold country
	Within   bool    // within 161 km (100 miles) of the gold place's nearest gazetteer entry of that name and country
	Known    bool    // the gazetteer has the gold name in the gold country
	Detected bool    // a mention of Find overlaps the gold span
}

// Figures sums Results.
type Figures struct {
	Docs, Places, Mentions                            int
	Resolved, Exact, Country, Within, Known, Detected int
}

// Score resolves every gold span with Places.Resolve and checks Find's
// mentions against the gold spans.
func Score(g *Gazetteer, docs []Gold) (Figures, []Result) {
	var f Figures
	var rs []Result
	for di, d := range docs {
		p := g.Places(d.Text, d.Sentences, d.Countries)
		f.Docs++
		f.Mentions += len(p.Mentions)
		for _, gp := range d.Places {
			r := Result{Doc: di, Gold: gp}
			for _, m := range p.Mentions {
				if m.Span.Start < gp.Span.End && gp.Span.Start < m.Span.End {
					r.Detected = true
					break
				}
			}
			var golds []Place
			for _, c := range g.candidates(Normalize(gp.Name), false) {
				if pl := g.place(c.entry); pl.Country == gp.Country {
					golds = append(golds, pl)
				}
			}
			r.Known = len(golds) > 0
			r.Got, r.Resolved = p.Resolve(gp.Span)
			if r.Resolved {
				got := r.Got.Place
				r.Country = got.Country == gp.Country
				r.Exact = r.Country && Normalize(got.Name) == Normalize(gp.Name)
				for _, pl := range golds {
					if pl == got {
						r.Exact = true
					}
					if Distance(pl, got) <= 161 {
						r.Within = true
					}
				}
			}
			f.Places++
			f.add(r)
			rs = append(rs, r)
		}
	}
	return f, rs
}

func (f *Figures) add(r Result) {
	for _, x := range []struct {
		ok bool
		n  *int
	}{{r.Resolved, &f.Resolved}, {r.Exact, &f.Exact}, {r.Country, &f.Country}, {r.Within, &f.Within}, {r.Known, &f.Known}, {r.Detected, &f.Detected}} {
		if x.ok {
			*x.n++
		}
	}
}

// String prints the figures as percentages of the gold places.
func (f Figures) String() string {
	pct := func(n int) float64 {
		if f.Places == 0 {
			return 0
		}
		return 100 * float64(n) / float64(f.Places)
	}
	return fmt.Sprintf("%d places in %d documents: exact %.1f %%, country %.1f %%, within 161 km %.1f %%, resolved %.1f %%, gold name in gazetteer %.1f %%; detection recall %.1f %% (%d mentions found)",
		f.Places, f.Docs, pct(f.Exact), pct(f.Country), pct(f.Within), pct(f.Resolved), pct(f.Known), pct(f.Detected), f.Mentions)
}
