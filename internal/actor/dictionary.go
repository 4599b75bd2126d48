package actor

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"time"
)

// File is one dictionary file to load: its name (for messages) and text.
// Files load in order; a later file's layer overrides an earlier one's.
type File struct {
	Name  string
	Layer string // files of one layer share it; overrides across layers are recorded
	Data  []byte
}

// Override records that an alias of a later layer replaced the same alias
// of an earlier one. User dictionaries are meant to override, but never
// silently: every override is listed.
type Override struct {
	Alias string // the phrase as the new file spells it
	New   Place  // the entry that now wins
	Old   Place  // the entry it replaced
	// Shared is set when both entries are in one layer: neither replaces
	// the other; the match picks by letter case and date, else the first.
	Shared bool
}

// Place names an entry by its file, line, kind, name and code.
type Place struct {
	File string
	Line int
	Kind Kind
	Name string
	Code string
}

func (p Place) String() string {
	return fmt.Sprintf("%s:%d (%s %q %s)", p.File, p.Line, p.Kind, p.Name, p.Code)
}

func placeOf(e *Entry) Place {
	code := e.Code
	if code == "" && len(e.Roles) > 0 {
		code = e.Roles[len(e.Roles)-1].Code
	}
	return Place{File: e.File, Line: e.Line, Kind: e.Kind, Name: e.Name, Code: code}
}

// cand is one entry reachable at a trie node through one of its aliases.
type cand struct {
	e      *Entry
	pat    []uint8 // per unit: 0 any case, 1 capitalised, 2 upper case
	layer  string
	plural bool
	cues   [][][]int32 // per Context: cue phrases as word IDs
	// personNoun: the phrase ends in a noun naming a person ("minister")
	personNoun bool
	inherited  bool // taken over from a replaced entry of an earlier layer
}

// Dictionary is a loaded set of actor dictionaries: the entries and a
// token-level trie over every alias. It is immutable after Load and safe
// for concurrent use.
type Dictionary struct {
	entries   []*Entry
	words     map[string]int32 // unit key -> word ID, while loading
	vocab     vocab            // the same, for matching
	edges     map[uint64]int32 // node<<32|word -> child node
	term      []int32          // node -> index into cands, -1 for none
	cands     [][]*cand
	nodes     int32
	countries map[string]*Entry // ISO3 -> country entry
	overrides []Override
	problems  Problems
	pool      sync.Pool // *scan buffers reused across calls of Match
	inherit   bool      // while loading: the phrase being added is inherited
	idOf      struct{ of, the, s, and, comma, hyphen int32 }

	lookupOnce sync.Once // builds lookup for Lookup and Name
	lookup     *lookupIndex
}

// LoadFS loads every *.txt file under dir of fsys, in path order, each
// directory one layer, then the extra files.
func LoadFS(fsys fs.FS, dir string, extra ...File) (*Dictionary, error) {
	var files []File
	err := fs.WalkDir(fsys, dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if de.IsDir() || !strings.HasSuffix(p, ".txt") {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files = append(files, File{Name: p, Layer: path.Dir(p), Data: b})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read dictionaries: %w", err)
	}
	sort.SliceStable(files, func(i, j int) bool { return layerRank(files[i].Layer) < layerRank(files[j].Layer) })
	return Load(append(files, extra...)...)
}

// layerRank orders the embedded layers: imported data first, our own
// curation over it.
func layerRank(layer string) int {
	switch {
	case strings.Contains(layer, "petrarch"):
		return 0
	case strings.Contains(layer, "geo"):
		return 1
	}
	return 2
}

// Load parses files in order and builds the dictionary. It returns an error
// (a Problems list naming file and line) when any file has errors; warnings
// and overrides are kept in Problems and Overrides.
func Load(files ...File) (*Dictionary, error) {
	n := 0
	for _, f := range files {
		n += len(f.Data) / 60
	}
	d := &Dictionary{
		entries:   make([]*Entry, 0, n),
		words:     make(map[string]int32, 1<<16),
		edges:     make(map[uint64]int32, 1<<17),
		term:      make([]int32, 1, 1<<17),
		cands:     make([][]*cand, 0, 1<<16),
		nodes:     1,
		countries: map[string]*Entry{},
	}
	var all Problems
	layers := make([][]*Entry, len(files))
	for i, f := range files {
		es, ps := Parse(bytes.NewReader(f.Data), f.Name)
		all = append(all, ps...)
		layers[i] = es
		for _, e := range es {
			if e.Kind == Country && e.Code != "" {
				if _, ok := d.countries[e.Code]; !ok || layerRank(f.Layer) > 0 {
					d.countries[e.Code] = e
				}
			}
		}
	}
	if errs := all.Errors(); len(errs) > 0 {
		return nil, errs
	}
	for _, w := range []string{"of", "the", "'s", "and", ",", "-"} {
		d.word(w)
	}
	d.idOf.of, d.idOf.the, d.idOf.s = d.words["of"], d.words["the"], d.words["'s"]
	d.idOf.and, d.idOf.comma, d.idOf.hyphen = d.words["and"], d.words[","], d.words["-"]
	// An entry restated by name in a later layer replaces the earlier one,
	// which lends it its aliases ("Vladimir Putin" of our curation takes
	// PETRARCH's spellings); each replacement is recorded.
	type owner struct {
		e     *Entry
		layer string
	}
	byName := map[string]owner{}
	dropped := map[*Entry]bool{}
	for i, f := range files {
		layer := layerOf(f)
		for _, e := range layers[i] {
			if e.Kind == Agent || e.Kind == Discard || e.Kind == Title {
				continue
			}
			k := string(e.Kind) + "\x00" + strings.ToLower(e.Name)
			if o, ok := byName[k]; ok && o.layer != layer {
				dropped[o.e] = true
				if e.own == 0 {
					e.own = len(e.Aliases) + 1
				}
				d.overrides = append(d.overrides, Override{Alias: e.Name, New: placeOf(e), Old: placeOf(o.e)})
				have := map[string]bool{strings.ToLower(e.Name): true}
				for _, a := range e.Aliases {
					have[strings.ToLower(a)] = true
				}
				for _, a := range append([]string{o.e.Name}, o.e.Aliases...) {
					if !have[strings.ToLower(a)] {
						have[strings.ToLower(a)] = true
						e.Aliases = append(e.Aliases, a)
					}
				}
			}
			byName[k] = owner{e, layer}
		}
	}
	for i, f := range files {
		layer := layerOf(f)
		for _, e := range layers[i] {
			if dropped[e] {
				continue
			}
			d.fill(e)
			d.entries = append(d.entries, e)
			d.addEntry(e, layer)
		}
	}
	d.problems = all
	keys := make([]string, len(d.words))
	for k, id := range d.words {
		keys[id] = k
	}
	d.vocab.build(keys)
	d.words = nil
	return d, nil
}

func layerOf(f File) string {
	if f.Layer == "" {
		return f.Name
	}
	return f.Layer
}

// fill derives Country and Sector from the default code when the file
// leaves them out.
func (d *Dictionary) fill(e *Entry) {
	code := e.Code
	if code == "" && len(e.Roles) > 0 {
		code = e.Roles[len(e.Roles)-1].Code
	}
	if len(code) >= 3 && e.Country == "" {
		if _, ok := d.countries[code[:3]]; ok {
			e.Country = code[:3]
		}
	}
	if e.Sector == "" && e.Country != "" && len(e.Code) > 3 && strings.HasPrefix(e.Code, e.Country) {
		e.Sector = e.Code[3:]
	}
}

func (d *Dictionary) word(k string) int32 {
	if id, ok := d.words[k]; ok {
		return id
	}
	id := int32(len(d.words))
	d.words[k] = id
	return id
}

func (d *Dictionary) addEntry(e *Entry, layer string) {
	if e.Kind == Agent && len(e.Aliases) == 0 && e.Sector == "" && e.Code == "" && e.Name == "" {
		return
	}
	phrases := append([]string{e.Name}, e.Aliases...)
	var cues [][][]int32
	for _, c := range e.Contexts {
		var cs [][]int32
		for _, q := range c.Cues {
			_, keys := phraseUnits(q)
			ids := make([]int32, len(keys))
			for i, k := range keys {
				ids[i] = d.word(k)
			}
			cs = append(cs, ids)
		}
		cues = append(cues, cs)
	}
	for i, p := range phrases {
		line := e.Line
		if i > 0 && i-1 < len(e.aliasAt) {
			line = e.aliasAt[i-1]
		}
		if e.own > 0 && i >= e.own {
			// taken over from a replaced entry: the layer's own phrases win
			d.addInherited(p, e, layer, cues, line)
			continue
		}
		d.addPhrase(p, e, layer, false, cues, line)
		if e.Kind == Agent && !e.NoPlural {
			if pl := plural(p); pl != "" {
				d.addPhrase(pl, e, layer, true, cues, line)
			}
		}
	}
	for _, p := range e.Plurals {
		d.addPhrase(p, e, layer, true, cues, e.Line)
	}
}

// addInherited adds a phrase an entry took over from the entry it replaced,
// unless its own layer already gives the phrase to another entry.
func (d *Dictionary) addInherited(p string, e *Entry, layer string, cues [][][]int32, line int) {
	d.inherit = true
	d.addPhrase(p, e, layer, false, cues, line)
	d.inherit = false
}

func (d *Dictionary) addPhrase(p string, e *Entry, layer string, isPlural bool, cues [][][]int32, line int) {
	var ubuf [24]unit
	us := splitUnits(p, 0, len(p), 0, ubuf[:0])
	// A leading "the" is not part of the name: "the Kremlin" is matched as
	// "Kremlin" and the mention records that it is definite.
	if len(us) > 1 && strings.EqualFold(p[us[0].start:us[0].end], "the") {
		us = us[1:]
	}
	if len(us) == 0 || len(us) > 24 {
		return
	}
	node := int32(0)
	pat := make([]uint8, len(us))
	var kbuf [64]byte
	for i, u := range us {
		k := unitKey(kbuf[:0], p[u.start:u.end])
		w, ok := d.words[string(k)]
		if !ok {
			w = d.word(string(k))
		}
		key := uint64(node)<<32 | uint64(uint32(w))
		next, ok := d.edges[key]
		if !ok {
			next = d.nodes
			d.nodes++
			d.edges[key] = next
			d.term = append(d.term, -1)
		}
		node = next
		if !e.AnyCase {
			switch us[i].shape {
			case shapeTitle:
				pat[i] = 1
			case shapeUpper:
				pat[i] = 2
				if us[i].end-us[i].start == 1 {
					pat[i] = 1
				}
			}
		}
	}
	c := &cand{e: e, pat: pat, layer: layer, plural: isPlural, cues: cues, inherited: d.inherit}
	if e.Kind == Agent || e.Kind == Title {
		c.personNoun = isPersonNoun(p[us[len(us)-1].start:us[len(us)-1].end])
	}
	if d.term[node] < 0 {
		d.term[node] = int32(len(d.cands))
		d.cands = append(d.cands, []*cand{c})
		return
	}
	old := d.cands[d.term[node]]
	var keep []*cand
	for _, o := range old {
		if o.layer == layer && o.e != e && samePattern(o.pat, pat) && (o.inherited != c.inherited) {
			if c.inherited {
				return // the layer's own entry keeps the phrase
			}
			continue // drop the inherited one
		}
		if o.layer == layer || o.e == e {
			keep = append(keep, o)
			if o.e != e && o.e.Kind != Agent && e.Kind != Agent && samePattern(o.pat, pat) && codeOf(o.e) != codeOf(e) {
				nw := placeOf(e)
				nw.Line = line
				d.overrides = append(d.overrides, Override{Alias: p, New: nw, Old: placeOf(o.e), Shared: true})
			}
			continue
		}
		if !samePattern(o.pat, pat) {
			keep = append(keep, o) // "US" and "us" do not collide
			continue
		}
		if o.e.Kind == e.Kind && codeOf(o.e) == codeOf(e) && o.e.Name == e.Name {
			continue // same fact restated: not a conflict
		}
		nw := placeOf(e)
		nw.Line = line
		d.overrides = append(d.overrides, Override{Alias: p, New: nw, Old: placeOf(o.e)})
	}
	for _, o := range keep {
		if o.e == e && o.plural == isPlural {
			d.cands[d.term[node]] = keep
			return
		}
	}
	d.cands[d.term[node]] = append(keep, c)
}

func samePattern(a, b []uint8) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if (a[i] == 0) != (b[i] == 0) {
			return false
		}
	}
	return true
}

func codeOf(e *Entry) string { return placeOf(e).Code }

// plural forms the regular English plural of a phrase's last word, or ""
// when the word is already plural or uncountable.
func plural(p string) string {
	i := strings.LastIndexAny(p, " -")
	head, w := p[:i+1], p[i+1:]
	lw := strings.ToLower(w)
	if len(lw) < 3 {
		return ""
	}
	switch lw {
	case "police", "staff", "military", "media", "personnel", "people", "government", "clergy", "intelligence", "leadership", "press", "security", "army", "navy", "cabinet", "parliament", "junta", "regime":
		return ""
	}
	switch {
	case strings.HasSuffix(lw, "man"):
		return head + w[:len(w)-3] + "men"
	case strings.HasSuffix(lw, "person"):
		return head + w[:len(w)-6] + "people"
	case strings.HasSuffix(lw, "ss"), strings.HasSuffix(lw, "sh"), strings.HasSuffix(lw, "ch"), strings.HasSuffix(lw, "x"):
		return head + w + "es"
	case strings.HasSuffix(lw, "s"):
		return ""
	case strings.HasSuffix(lw, "y") && !strings.ContainsAny(lw[len(lw)-2:len(lw)-1], "aeiou"):
		return head + w[:len(w)-1] + "ies"
	}
	return head + w + "s"
}

// Entries returns the loaded entries in load order.
func (d *Dictionary) Entries() []*Entry { return d.entries }

// Overrides lists every alias a later layer took from an earlier one.
func (d *Dictionary) Overrides() []Override { return d.overrides }

// Problems returns the warnings found while loading.
func (d *Dictionary) Problems() Problems { return d.problems }

// CountryName returns the name of the country with ISO3 code c, or "".
func (d *Dictionary) CountryName(c string) string {
	if e, ok := d.countries[c]; ok {
		return e.Name
	}
	return ""
}

// Stats summarises the loaded dictionary.
type Stats struct {
	Entries, Words, Nodes, Phrases int
}

// Stats returns counts of entries, distinct unit keys, trie nodes and phrases.
func (d *Dictionary) Stats() Stats {
	n := 0
	for _, cs := range d.cands {
		n += len(cs)
	}
	return Stats{Entries: len(d.entries), Words: len(d.vocab.keys), Nodes: int(d.nodes), Phrases: n}
}

// resolve picks the code an entry has on date: the covering role that
// started last, else the default code, else the country's elite code for
// a person outside every role. A zero date takes the latest role.
func resolve(e *Entry, date time.Time) (code, title string, rule string) {
	var best *Role
	for i := range e.Roles {
		r := &e.Roles[i]
		if date.IsZero() {
			if best == nil || r.From.After(best.From) {
				best = r
			}
			continue
		}
		if r.Covers(date) && (best == nil || r.From.After(best.From)) {
			best = r
		}
	}
	if best != nil {
		if date.IsZero() {
			return best.Code, best.Title, "latest role (no date)"
		}
		return best.Code, best.Title, "role at date"
	}
	if e.Code != "" {
		return e.Code, "", ""
	}
	if e.Country != "" {
		return e.Country + "ELI", "", "no role at date"
	}
	return "", "", "no role at date"
}
