package eval

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/dyad-project/dyad/internal/corpus"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/geo"
)

// PlaceScore scores the places of coded events against the gold corpus's
// event locations. A coded event is compared with the gold event whose
// trigger it overlaps.
type PlaceScore struct {
	Matched int // gold events matched by a coded event
	Gold    int // of those, with a gold place
	Coded   int // of those, with a coded place
	Both    int // with both
	Exact   int // of Both: the same place (same name, or the gold name's gazetteer entry) in the gold country
	Country int // of Both: the gold country
	Within  int // of Both: within 161 km of the gold place's entry nearest to the coded one

	// Misses, when not nil, receives a line for each matched event whose
	// place is missing, extra or different.
	Misses io.Writer
}

// AddPlaces scores one document's coded events.
func (s *PlaceScore) AddPlaces(g *geo.Gazetteer, text string, gold []corpus.Event, coded []event.Event) {
	used := make([]bool, len(coded))
	for _, ge := range gold {
		k := -1
		for i, e := range coded {
			if !used[i] && e.Trigger.Start < ge.Trigger.End && ge.Trigger.Start < e.Trigger.End {
				k = i
				break
			}
		}
		if k < 0 {
			continue
		}
		used[k] = true
		e := coded[k]
		s.Matched++
		has, got := ge.Location != nil, e.Location != ""
		if has {
			s.Gold++
		}
		if got {
			s.Coded++
		}
		if !has || !got {
			if s.Misses != nil && has {
				fmt.Fprintf(s.Misses, "NONE %q: gold %s %s; %s\n", e.TriggerText, ge.Location.Name, ge.Location.Country, why(e))
			}
			if s.Misses != nil && got {
				fmt.Fprintf(s.Misses, "EXTRA %q: coded %s %s; %s\n", e.TriggerText, e.Location, e.LocationCountry, why(e))
			}
			continue
		}
		s.Both++
		l := ge.Location
		country := e.LocationCountry == l.Country
		if country {
			s.Country++
		}
		var near []geo.Place
		for _, p := range g.Lookup(l.Name) {
			if p.Country == l.Country {
				near = append(near, p)
			}
		}
		exact := country && geo.Normalize(e.Location) == geo.Normalize(l.Name)
		if e.Lat != nil && e.Lon != nil {
			pt := geo.Place{Lat: *e.Lat, Lon: *e.Lon}
			for _, p := range near {
				if p.Name == e.Location && p.Country == e.LocationCountry && p.Lat == *e.Lat && p.Lon == *e.Lon {
					exact = true
				}
				if geo.Distance(p, pt) <= 161 {
					s.Within++
					break
				}
			}
		}
		if exact {
			s.Exact++
		} else if s.Misses != nil {
			fmt.Fprintf(s.Misses, "WRONG %q: gold %s %s, coded %s %s %s; %s\n\t%s\n", e.TriggerText, l.Name, l.Country, e.Location, e.LocationCountry, e.GeoPrecision, why(e),
				text[e.Sentence.Start:e.Sentence.End])
		}
	}
}

// Print writes the figures.
func (s PlaceScore) Print(w io.Writer, name string) error {
	pct := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return 100 * float64(a) / float64(b)
	}
	p, r := pct(s.Both, s.Coded), pct(s.Both, s.Gold)
	fmt.Fprintf(w, "%s: %d gold events matched by a coded event; %d with a gold place, %d with a coded place\n", name, s.Matched, s.Gold, s.Coded)
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "figure\tvalue\t")
	fmt.Fprintf(tw, "place detection P\t%.1f\t\n", p)
	fmt.Fprintf(tw, "place detection R\t%.1f\t\n", r)
	fmt.Fprintf(tw, "place detection F1\t%.1f\t\n", 100*F1(p/100, r/100))
	if err := tw.Flush(); err != nil {
		return err
	}
	tw = tabwriter.NewWriter(w, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "of the events with\tboth places\ta gold place (none counts wrong)\t")
	fmt.Fprintf(tw, "\t%d\t%d\t\n", s.Both, s.Gold)
	for _, x := range []struct {
		name string
		n    int
	}{{"exact place", s.Exact}, {"country", s.Country}, {"within 161 km", s.Within}} {
		fmt.Fprintf(tw, "%s\t%.1f\t%.1f\t\n", x.name, pct(x.n, s.Both), pct(x.n, s.Gold))
	}
	return tw.Flush()
}

// GoldPlaces turns a corpus document's event locations into geo.Gold
// places, one per distinct span.
func GoldPlaces(d corpus.Document) []geo.GoldPlace {
	var out []geo.GoldPlace
	seen := map[[2]int]bool{}
	for _, e := range d.Events {
		l := e.Location
		if l == nil || seen[[2]int{l.Start, l.End}] {
			continue
		}
		seen[[2]int{l.Start, l.End}] = true
		out = append(out, geo.GoldPlace{Span: doc.Span{Start: l.Start, End: l.End}, Text: strings.TrimSpace(l.Text), Name: l.Name, Country: l.Country})
	}
	return out
}

func why(e event.Event) string {
	if e.Why == nil {
		return ""
	}
	return e.Why.Place
}
