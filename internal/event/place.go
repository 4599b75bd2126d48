package event

import (
	"fmt"
	"strings"

	"github.com/dyad-project/dyad/internal/doc"
)

// Place is a place the text names, as the geo stage found and resolved it.
type Place struct {
	Start, End int      // token indices in the sentence, [Start, End)
	Span       doc.Span // byte span in the document
	Text       string   // the words in the document
	Name       string   // the gazetteer's name
	Country    string   // ISO3
	Admin1     string   // first-level division, when known
	Lat, Lon   float64
	Precision  string // city, admin1 or country
	Cue        string // the word that marks it as a place ("in", "near", a dateline), "" when none
	Dateline   bool   // the words of the story's dateline ("KADUNA, Nigeria —"), which are not in any clause
}

// place chooses where the event with trigger (clause head) anchor
// happened: a place in its own clause, then in the clauses governing it,
// then anywhere in its sentence (the nearest), then the place an anaphor
// of its clause refers back to ("around the town": the last town or city
// of the earlier sentences), then the dateline. A place that is also an
// actor's name ("Moscow said", "Kyiv's forces") counts only when a cue
// marks it as a place ("in Moscow"). It returns nil and the reason when
// the text states no place.
func (g *graph) place(anchor int, places []Place, earlier [][]Place, dateline *Place) (*Place, string) {
	usable := make([]*Place, 0, len(places))
	for i := range places {
		p := &places[i]
		switch {
		case p.Dateline:
			continue // "PORT SUDAN — the RSF killed …": the dateline, not the clause, names it
		case g.lx.placeRelations[p.Cue]:
			continue // "flew to Rome", "fled from Mosul": not where the act happened
		case p.Cue == "" && (p.Precision == "country" || g.actorAt(p.Start, p.End)):
			continue // "Washington said", "Iran rejected": an actor, not a place
		}
		usable = append(usable, p)
	}
	// own clause, then up through the clauses that govern it
	for n, steps := anchor, 0; n >= 0 && steps < 4; n, steps = g.heads[n], steps+1 {
		var best *Place
		for _, p := range usable {
			if g.dominates(n, g.placeHead(p)) && (best == nil || better(p, best, anchor)) {
				best = p
			}
		}
		if best != nil {
			if n == anchor {
				return best, fmt.Sprintf("%q in the trigger's clause", best.Text)
			}
			return best, fmt.Sprintf("%q in the clause of %q, which governs the trigger", best.Text, g.toks[n].Text)
		}
		if r := g.baseRel(n); r != "conj" && r != "xcomp" && r != "ccomp" && r != "advcl" && r != "acl" {
			break
		}
	}
	var best *Place
	for _, p := range usable {
		if best == nil || better(p, best, anchor) {
			best = p
		}
	}
	if best != nil {
		return best, fmt.Sprintf("%q in the sentence", best.Text)
	}
	if a := g.placeAnaphor(anchor); a >= 0 {
		for i := len(earlier) - 1; i >= 0; i-- {
			for j := len(earlier[i]) - 1; j >= 0; j-- {
				if p := &earlier[i][j]; p.Precision == "city" && !p.Dateline && !g.lx.placeRelations[p.Cue] {
					return p, fmt.Sprintf("%q, which %q refers back to", p.Text, g.phraseText(a-1, a+1))
				}
			}
		}
	}
	if dateline != nil {
		return dateline, fmt.Sprintf("the dateline %q", dateline.Text)
	}
	return nil, "no place in its sentence and no dateline"
}

// better prefers the more precise place (a city to its province or
// country: "in Saraqeb, Idlib province"), then one marked by a cue, then
// one nearer the trigger.
func better(p, q *Place, anchor int) bool {
	if rp, rq := precisionRank(p.Precision), precisionRank(q.Precision); rp != rq {
		return rp > rq
	}
	if (p.Cue != "") != (q.Cue != "") {
		return p.Cue != ""
	}
	return dist(p.Start, anchor) < dist(q.Start, anchor)
}

func precisionRank(p string) int {
	switch p {
	case "city":
		return 2
	case "admin1":
		return 1
	}
	return 0
}

func dist(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}

// placeHead is the token of a place whose head lies outside it.
func (g *graph) placeHead(p *Place) int {
	for i := p.Start; i < p.End && i < len(g.toks); i++ {
		if h := g.heads[i]; h < p.Start || h >= p.End {
			return i
		}
	}
	return min(p.Start, len(g.toks)-1)
}

// actorAt reports whether tokens [start, end) overlap a coded actor mention.
func (g *graph) actorAt(start, end int) bool {
	for i := range g.ms {
		if g.ms[i].Code != "" && g.ms[i].Start < end && start < g.ms[i].End {
			return true
		}
	}
	return false
}

// placeAnaphor returns the token of a definite place noun in the
// trigger's clause ("around the town", "the city's hospital"), or -1.
func (g *graph) placeAnaphor(anchor int) int {
	for i := 1; i < len(g.toks); i++ {
		if g.lx.placeNouns[g.lemma(i)] && strings.EqualFold(g.toks[i-1].Text, "the") && g.dominates(anchor, i) {
			return i
		}
	}
	return -1
}
