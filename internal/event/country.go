package event

import (
	"fmt"
	"sort"
)

// docCountries ranks the countries a document is about by how often its
// actor mentions name them, the first sentences counting double.
type docCountries struct {
	top   string
	count int
}

func documentCountries(in Input) docCountries {
	n := map[string]int{}
	for si, ms := range in.Mentions {
		w := 1
		if si < 2 {
			w = 2
		}
		for _, m := range ms {
			if m.Country != "" {
				n[m.Country] += w
			}
		}
	}
	keys := make([]string, 0, len(n))
	for k := range n {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		if n[keys[a]] != n[keys[b]] {
			return n[keys[a]] > n[keys[b]]
		}
		return keys[a] < keys[b]
	})
	if len(keys) == 0 {
		return docCountries{}
	}
	return docCountries{top: keys[0], count: n[keys[0]]}
}

// inferCountry gives a generic actor ("police", "the rebels", "a
// spokesman") the country the text supports: a country named in a
// modifier or a prepositional phrase of the mention ("police in Lagos"),
// else the only country of the sentence's other mentions, else the
// document's main country. It records how in a.Inferred and leaves the
// actor sector-only when nothing supports a country.
func (g *graph) inferCountry(a *Actor, mi int, countries docCountries) {
	set := func(country, how string) {
		a.Country = country
		a.Code = country + a.Code
		a.Inferred = how
	}
	if mi >= 0 {
		h := g.mentHead[mi]
		for _, k := range g.kids[h] {
			if om := g.findActor(k); om >= 0 && om != mi && g.ms[om].Country != "" && len(g.ms[om].Code) == 3 {
				set(g.ms[om].Country, fmt.Sprintf("named beside it: %q", g.ms[om].Text))
				return
			}
		}
	}
	one := ""
	var text string
	for k, m := range g.ms {
		if k == mi || m.Country == "" {
			continue
		}
		if one != "" && one != m.Country {
			one = "-"
			break
		}
		one, text = m.Country, m.Text
	}
	if one != "" && one != "-" {
		set(one, fmt.Sprintf("the sentence's only country: %q", text))
		return
	}
	if countries.top != "" {
		set(countries.top, fmt.Sprintf("the document's main country (%d mentions)", countries.count))
	}
}
