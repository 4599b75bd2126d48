// Package geo finds the places a text names and resolves each to one entry
// of a gazetteer: a city, a first-level division (admin1: a province, state,
// governorate, or a region such as Darfur or the West Bank) or a country,
// with its coordinates.
//
// The gazetteer is built by tools/gazetteer from GeoNames cities (CC BY
// 4.0), world-countries (ODbL 1.0) and dyad's own list of the spellings the
// news uses (data/geo/aliases.txt); see data/geo/SOURCE.md. Load reads it
// once; a Gazetteer is read-only afterwards and safe for concurrent use.
//
// Find works over the tokens of a document (nlp.Sentence) and returns place
// mentions with byte offsets, the cue that made each a place ("in", "near",
// "province", a dateline), and why its place was chosen among the entries
// of the same name.
package geo

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	geodata "github.com/dyad-project/dyad/data/geo"
)

// Kind is what sort of place an entry is.
type Kind uint8

// The kinds of place, from the most precise.
const (
	City    Kind = iota + 1 // a populated place
	Admin1                  // a first-level division or a named region
	Country                 // a country; its point is a centroid, never a city
)

// String returns "city", "admin1" or "country".
func (k Kind) String() string {
	switch k {
	case City:
		return "city"
	case Admin1:
		return "admin1"
	case Country:
		return "country"
	}
	return "unknown"
}

// parseKind is the inverse of String.
func parseKind(s string) (Kind, bool) {
	switch s {
	case "city":
		return City, true
	case "admin1":
		return Admin1, true
	case "country":
		return Country, true
	}
	return 0, false
}

// Place is one gazetteer entry.
type Place struct {
	Name    string  // as the gazetteer spells it: "Kyiv", "Idlib", "Syria"
	Country string  // ISO 3166 alpha-3 code (Kosovo is "UNK", as in world-countries)
	Admin1  string  // the first-level division ("" for a country, or when unknown)
	Lat     float64 // WGS84 degrees, 4 decimals; a division's or country's representative point
	Lon     float64
	Kind    Kind
}

// entry flags.
const (
	flagCapital uint8 = 1 << iota // a national capital (world-countries)
	flagKnown                     // named in our own list of the places the news names
)

// entry is one place, compactly: its name is names[name:name+nameLen].
type entry struct {
	name    int32
	lat     float32
	lon     float32
	nameLen uint16
	country uint16 // index into Gazetteer.codes
	admin1  uint16 // index into Gazetteer.admin1s; 0 is ""
	kind    Kind
	flags   uint8
	nalt    uint8 // how many other names it has (capped): a proxy for how known it is
}

// posting links a lookup key to an entry; postings of one key form a chain.
type posting struct {
	entry int32 // the entry index; ^index for a site name (a landmark standing for the city)
	next  int32 // the next posting of the same key, or -1
}

// Gazetteer holds the places and the lists Find uses. It is read-only after
// Load and safe for concurrent use.
type Gazetteer struct {
	names    string // every display name, concatenated
	entries  []entry
	codes    []string // country codes by index
	admin1s  []string // division names by index; admin1s[0] == ""
	index    map[string]int32
	postings []posting

	country   map[string]int32 // ISO3 → the country's entry
	capital   map[string]int32 // ISO3 → its capital city's entry
	demonym   map[string]int32 // normalised demonym ("belarusian") → country entry
	lists     *lists
	maxTokens int // the most words a name has, capped
}

// Len returns the number of places.
func (g *Gazetteer) Len() int { return len(g.entries) }

// place expands entry i.
func (g *Gazetteer) place(i int32) Place {
	e := &g.entries[i]
	return Place{
		Name:    g.names[e.name : e.name+int32(e.nameLen)],
		Country: g.codes[e.country],
		Admin1:  g.admin1s[e.admin1],
		Lat:     round4(float64(e.lat)),
		Lon:     round4(float64(e.lon)),
		Kind:    e.kind,
	}
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// Lookup returns every place known by name (any spelling; see Normalize),
// in gazetteer order, without landmark names.
func (g *Gazetteer) Lookup(name string) []Place {
	var out []Place
	key := Normalize(name)
	if r, ok := strings.CutPrefix(key, "the "); ok {
		if _, direct := g.index[key]; !direct {
			key = r
		}
	}
	for _, c := range g.candidates(key, false) {
		out = append(out, g.place(c.entry))
	}
	return out
}

// Country returns the country with the ISO alpha-3 code.
func (g *Gazetteer) Country(iso3 string) (Place, bool) {
	i, ok := g.country[iso3]
	if !ok {
		return Place{}, false
	}
	return g.place(i), true
}

// Capital returns the national capital of the country with the ISO alpha-3
// code (for South Africa, the first world-countries lists: Pretoria).
func (g *Gazetteer) Capital(iso3 string) (Place, bool) {
	i, ok := g.capital[iso3]
	if !ok {
		return Place{}, false
	}
	return g.place(i), true
}

// cand is one entry a key can mean.
type cand struct {
	entry int32
	site  bool // the key is a landmark's name standing for the entry's city
}

// candidates returns the entries a normalised key names, in entry order;
// landmark names only when sites is set. A key with an Arabic article that
// has no entry of its own is tried without it ("el hasakah" → "hasakah").
func (g *Gazetteer) candidates(key string, sites bool) []cand {
	return g.lookup(key, sites, true)
}

// lookup is candidates, trying the key without its article only when
// strip is set.
func (g *Gazetteer) lookup(key string, sites, strip bool) []cand {
	h, ok := g.index[key]
	if !ok && strip {
		if rest := stripArabic(key); rest != "" {
			h, ok = g.index[rest]
		}
		if !ok {
			return nil
		}
	}
	var out []cand
	for ; h >= 0; h = g.postings[h].next {
		e := g.postings[h].entry
		site := e < 0
		if site {
			if !sites {
				continue
			}
			e = ^e
		}
		dup := false
		for _, c := range out {
			if c.entry == e {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, cand{entry: e, site: site})
		}
	}
	// The chain runs newest first; give them in entry order.
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Default loads the embedded gazetteer (data/geo/gazetteer.tsv.gz).
func Default() (*Gazetteer, error) {
	return Load(bytes.NewReader(geodata.Gazetteer))
}

// The columns of a gazetteer line.
const (
	colKind = iota
	colName
	colAlts
	colCountry
	colAdmin1
	colLat
	colLon
	colFlags
	colDemonyms
	colSites
	nCols
)

// Load reads a gazetteer in the format tools/gazetteer writes, gzipped or
// not: one place a line, tab-separated — kind (country, admin1, city), name,
// alternative names separated by "|", ISO alpha-3 country, admin1 name,
// latitude, longitude, flags (capital, known, comma-separated), demonyms
// ("|"; countries), landmark names ("|"; cities). Lines starting with "#"
// are comments. A malformed line is an error naming its line number. The
// word lists Find uses (data/geo cues.txt and exclude.txt) are the
// embedded ones.
func Load(r io.Reader) (*Gazetteer, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	var all strings.Builder
	if len(raw) > 18 && raw[0] == 0x1f && raw[1] == 0x8b {
		// The gzip trailer gives the size of the text (mod 4 GiB).
		all.Grow(int(binary.LittleEndian.Uint32(raw[len(raw)-4:])))
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
		_, err = io.Copy(&all, zr)
		if err == nil {
			err = zr.Close()
		}
		if err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
	} else {
		all.Write(raw)
	}
	raw = nil
	ls, err := parseLists(geodata.Cues, geodata.Exclude)
	if err != nil {
		return nil, err
	}
	text := all.String()
	b := newBuilder(strings.Count(text, "\n"), len(text))
	line := 0
	var cols [nCols]string
	for len(text) > 0 {
		line++
		s, rest, _ := strings.Cut(text, "\n")
		text = rest
		if s == "" || s[0] == '#' {
			continue
		}
		n := 0
		for n < nCols-1 {
			i := strings.IndexByte(s, '\t')
			if i < 0 {
				break
			}
			cols[n], s = s[:i], s[i+1:]
			n++
		}
		cols[n] = s
		n++
		if n < colFlags {
			return nil, fmt.Errorf("gazetteer line %d: %d columns, want at least %d", line, n, colFlags)
		}
		for ; n < nCols; n++ {
			cols[n] = ""
		}
		if err := b.add(&cols); err != nil {
			return nil, fmt.Errorf("gazetteer line %d: %w", line, err)
		}
	}
	g := b.finish()
	g.lists = ls
	return g, nil
}

// builder accumulates the lines of a gazetteer.
type builder struct {
	names    strings.Builder
	entries  []entry
	codes    []string
	codeIdx  map[string]uint16
	admin1s  []string
	adminIdx map[string]uint16
	keys     []byte  // normalised keys, concatenated
	keyEnds  []int32 // where each key ends in keys
	keyEnt   []int32 // the entry of each key (^entry for a site)
	country  map[string]int32
	capital  map[string]int32
	demonym  map[string]int32
	maxWords int
}

func newBuilder(lines, size int) *builder {
	b := &builder{
		entries:  make([]entry, 0, lines),
		keyEnds:  make([]int32, 0, lines*3/2),
		keyEnt:   make([]int32, 0, lines*3/2),
		keys:     make([]byte, 0, size/3),
		codeIdx:  map[string]uint16{},
		admin1s:  []string{""},
		adminIdx: map[string]uint16{"": 0},
		country:  map[string]int32{},
		capital:  map[string]int32{},
		demonym:  map[string]int32{},
	}
	b.names.Grow(size / 4)
	return b
}

func (b *builder) add(cols *[nCols]string) error {
	kind, ok := parseKind(cols[colKind])
	if !ok {
		return fmt.Errorf("unknown kind %q", cols[colKind])
	}
	name := cols[colName]
	if name == "" || len(name) > math.MaxUint16 {
		return fmt.Errorf("bad name %q", name)
	}
	lat, err1 := strconv.ParseFloat(cols[colLat], 32)
	lon, err2 := strconv.ParseFloat(cols[colLon], 32)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return fmt.Errorf("bad coordinates %q %q", cols[colLat], cols[colLon])
	}
	cc := cols[colCountry]
	if len(cc) != 3 {
		return fmt.Errorf("bad country %q", cc)
	}
	ci, ok := b.codeIdx[cc]
	if !ok {
		if len(b.codes) == math.MaxUint16 {
			return fmt.Errorf("too many countries")
		}
		ci = uint16(len(b.codes))
		cc = strings.Clone(cc) // not a piece of the whole file's text
		b.codes = append(b.codes, cc)
		b.codeIdx[cc] = ci
	}
	ai, ok := b.adminIdx[cols[colAdmin1]]
	if !ok {
		if len(b.admin1s) == math.MaxUint16 {
			return fmt.Errorf("too many divisions")
		}
		ai = uint16(len(b.admin1s))
		a := strings.Clone(cols[colAdmin1])
		b.admin1s = append(b.admin1s, a)
		b.adminIdx[a] = ai
	}
	var flags uint8
	for f := range strings.SplitSeq(cols[colFlags], ",") {
		switch f {
		case "":
		case "capital":
			flags |= flagCapital
		case "known":
			flags |= flagKnown
		default:
			return fmt.Errorf("unknown flag %q", f)
		}
	}
	idx := int32(len(b.entries))
	e := entry{
		name: int32(b.names.Len()), nameLen: uint16(len(name)),
		lat: float32(lat), lon: float32(lon),
		country: ci, admin1: ai, kind: kind, flags: flags,
	}
	b.names.WriteString(name)
	b.key(name, idx)
	nalt := 0
	for a := range strings.SplitSeq(cols[colAlts], "|") {
		if a != "" {
			b.key(a, idx)
			nalt++
		}
	}
	e.nalt = uint8(min(nalt, 255))
	for s := range strings.SplitSeq(cols[colSites], "|") {
		if s != "" {
			b.key(s, ^idx)
		}
	}
	b.entries = append(b.entries, e)
	switch {
	case kind == Country:
		b.country[b.codes[ci]] = idx
		for d := range strings.SplitSeq(cols[colDemonyms], "|") {
			if d != "" {
				b.demonym[Normalize(d)] = idx
			}
		}
	case kind == City && flags&flagCapital != 0:
		if _, dup := b.capital[b.codes[ci]]; !dup {
			b.capital[b.codes[ci]] = idx
		}
	}
	return nil
}

// key records a name of entry e (^e for a landmark), and the same name
// without a leading article.
func (b *builder) key(name string, e int32) {
	start := len(b.keys)
	b.keys = appendNormal(b.keys, name)
	k := b.keys[start:]
	if len(k) == 0 {
		return
	}
	b.keyEnds = append(b.keyEnds, int32(len(b.keys)))
	b.keyEnt = append(b.keyEnt, e)
	if w := bytes.Count(k, []byte{' '}) + 1; w > b.maxWords {
		b.maxWords = w
	}
	// The same name without a leading article ("the hague" → "hague").
	for _, a := range append([]string{"the "}, articles...) {
		if len(k) >= len(a)+3 && string(k[:len(a)]) == a {
			b.keys = append(b.keys, k[len(a):]...)
			b.keyEnds = append(b.keyEnds, int32(len(b.keys)))
			b.keyEnt = append(b.keyEnt, e)
			break
		}
	}
}

func (b *builder) finish() *Gazetteer {
	g := &Gazetteer{
		names: strings.Clone(b.names.String()), entries: slices.Clip(b.entries), codes: b.codes, admin1s: b.admin1s,
		country: b.country, capital: b.capital, demonym: b.demonym,
		maxTokens: min(b.maxWords, maxNameWords),
	}
	keys := string(b.keys) // one allocation; every map key is a substring of it
	b.keys = nil
	g.index = make(map[string]int32, len(b.keyEnds))
	g.postings = make([]posting, len(b.keyEnds))
	start := int32(0)
	for i, end := range b.keyEnds {
		k := keys[start:end]
		start = end
		head, ok := g.index[k]
		if !ok {
			head = -1
		}
		g.postings[i] = posting{entry: b.keyEnt[i], next: head}
		g.index[k] = int32(i)
	}
	return g
}
