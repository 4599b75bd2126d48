package actor

import (
	"path"
	"sort"
	"strings"
)

// Candidate is an actor a looked-up name or code may mean.
type Candidate struct {
	Code    string `json:"code"`
	Name    string `json:"name"`    // the dictionary's name for Code (Dictionary.Name)
	Matched string `json:"matched"` // the entry name or alias that matched, or the code
	Kind    Kind   `json:"kind"`
}

// lookupKinds are the kinds whose names Lookup resolves: actors that keep
// their code over time. A person's code changes with the roles they hold,
// and agents, titles, metonyms and discards name no one actor.
var lookupKinds = map[Kind]bool{Country: true, Org: true, IGO: true, Group: true, Media: true, Ethnic: true}

// lookupIndex is built on the first call of Lookup or Name.
type lookupIndex struct {
	byKey  map[string][]*Entry // folded name or alias -> entries, in load order
	byCode map[string]*Entry   // code -> the entry whose name is the code's own name
	codes  map[string]bool     // every code an entry or role gives
	sorted []string            // the same, sorted
	keys   []string            // the keys of byKey, sorted, for Suggest
}

func (d *Dictionary) index() *lookupIndex {
	d.lookupOnce.Do(func() {
		x := &lookupIndex{byKey: map[string][]*Entry{}, byCode: map[string]*Entry{}, codes: map[string]bool{}}
		rank := map[*Entry]int{}
		for _, e := range d.entries {
			if e.Kind == Discard {
				continue
			}
			if e.Code != "" {
				x.codes[e.Code] = true
			}
			for _, r := range e.Roles {
				x.codes[r.Code] = true
			}
			if !lookupKinds[e.Kind] {
				continue
			}
			code := codeOf(e)
			if code == "" {
				continue
			}
			// The code's own name: a country's from the countries table,
			// else the first entry of the latest layer that names it.
			rk := layerRank(path.Dir(e.File))
			if old, ok := x.byCode[code]; !ok || rk > rank[old] {
				x.byCode[code], rank[e] = e, rk
			}
			seen := map[string]bool{}
			for _, n := range append([]string{e.Name}, e.Aliases...) {
				k := lookupKey(n)
				if k == "" || seen[k] {
					continue
				}
				seen[k] = true
				x.byKey[k] = append(x.byKey[k], e)
			}
		}
		for c := range x.codes {
			x.sorted = append(x.sorted, c)
		}
		sort.Strings(x.sorted)
		for k := range x.byKey {
			x.keys = append(x.keys, k)
		}
		sort.Strings(x.keys)
		d.lookup = x
	})
	return d.lookup
}

// lookupKey folds s for Lookup: lower case, common Latin diacritics
// removed, periods dropped, runs of spaces made one, a leading "the"
// dropped.
func lookupKey(s string) string {
	k := strings.Join(strings.Fields(string(appendKey(nil, s))), " ")
	return strings.TrimPrefix(k, "the ")
}

// Name returns the actor's own name for code: a country's name for its
// ISO code ("Turkey" for TUR), the name of the organisation, group or
// outlet the dictionary gives the code, or for a country code with a
// sector the country's name and the sector ("Turkey (GOV)", never the
// name of one body that shares the code). It returns "" for a code the
// dictionary gives no such actor, such as a code prefix ("I"), a sector
// alone ("MED") or a code only persons hold: a person who held a role is
// never the code's name.
func (d *Dictionary) Name(code string) string {
	if n := d.CountryName(code); n != "" {
		return n
	}
	if len(code) == 6 && IsSector(code[3:]) {
		if n := d.CountryName(code[:3]); n != "" {
			return n + " (" + code[3:] + ")"
		}
	}
	if IsSector(code) {
		return "" // a sector without a country is no one actor
	}
	if e, ok := d.index().byCode[code]; ok {
		return e.Name
	}
	return ""
}

// Lookup finds the actors q may mean. A code the dictionary gives, in any
// letter case ("tur"), means that code alone. Otherwise q is compared with
// the names and aliases of countries, organisations, IGOs, groups, outlets
// and communities, ignoring letter case, common diacritics, periods, extra
// spaces and a leading "the" ("türkiye", "TURKEY" and "Turkiye" all mean
// TUR). Lookup returns one Candidate per code, in code order: none when
// nothing matches, several when the name is ambiguous (the caller lists
// them rather than guessing).
func (d *Dictionary) Lookup(q string) []Candidate {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil
	}
	x := d.index()
	if up := strings.ToUpper(q); x.codes[up] {
		return []Candidate{{Code: up, Name: d.Name(up), Matched: up, Kind: d.kindOf(up)}}
	}
	var out []Candidate
	seen := map[string]bool{}
	for _, e := range x.byKey[lookupKey(q)] {
		code := codeOf(e)
		if seen[code] {
			continue
		}
		seen[code] = true
		out = append(out, Candidate{Code: code, Name: d.Name(code), Matched: matchedName(e, q), Kind: e.Kind})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Suggest returns at most n actors whose name or alias begins with q, as
// Lookup compares names, for a form's suggestions: first the actors Lookup
// finds for q itself (a code or a whole name), then the others in the
// order of their folded names, one Candidate per code. It returns none
// for an empty q or n < 1.
func (d *Dictionary) Suggest(q string, n int) []Candidate {
	k := lookupKey(q)
	if k == "" || n < 1 {
		return nil
	}
	out := d.Lookup(q)
	if len(out) > n {
		out = out[:n]
	}
	seen := map[string]bool{}
	for _, c := range out {
		seen[c.Code] = true
	}
	x := d.index()
	for i := sort.SearchStrings(x.keys, k); i < len(x.keys) && strings.HasPrefix(x.keys[i], k) && len(out) < n; i++ {
		for _, e := range x.byKey[x.keys[i]] {
			code := codeOf(e)
			if seen[code] || len(out) >= n {
				continue
			}
			seen[code] = true
			out = append(out, Candidate{Code: code, Name: d.Name(code), Matched: matchedName(e, x.keys[i]), Kind: e.Kind})
		}
	}
	return out
}

// kindOf is the kind of the entry that names code, or "".
func (d *Dictionary) kindOf(code string) Kind {
	if e, ok := d.countries[code]; ok {
		return e.Kind
	}
	if e, ok := d.index().byCode[code]; ok {
		return e.Kind
	}
	return ""
}

// matchedName is the name or alias of e that q matched, as e spells it.
func matchedName(e *Entry, q string) string {
	k := lookupKey(q)
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		if lookupKey(n) == k {
			return n
		}
	}
	return e.Name
}

// Knows reports whether code is a code the dictionary gives, a prefix of
// one ("IR"), or a country's code followed by sectors ("UKRMILREB"): a code
// that events coded with the dictionary may carry or be grouped under.
func (d *Dictionary) Knows(code string) bool {
	x := d.index()
	i := sort.SearchStrings(x.sorted, code)
	if code != "" && i < len(x.sorted) && strings.HasPrefix(x.sorted[i], code) {
		return true
	}
	if len(code) < 3 || len(code)%3 != 0 || d.CountryName(code[:3]) == "" {
		return false
	}
	for j := 3; j < len(code); j += 3 {
		if !IsSector(code[j : j+3]) {
			return false
		}
	}
	return true
}
