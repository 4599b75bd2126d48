package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/doc"
)

// Re3dDoc is one document of the re3d corpus (github.com/dstl/re3d) with
// its gold entities and relations; offsets are bytes into Text.
type Re3dDoc struct {
	ID, Source, Title, Text string
	Entities                []Re3dEntity
	Relations               []Re3dRelation
}

// Re3dEntity is one gold entity mention.
type Re3dEntity struct {
	Span  doc.Span
	Type  string // Organisation, Person, Nationality, Location, ...
	Value string
}

// Re3dRelation is one gold relation between two entity spans.
type Re3dRelation struct {
	Type           string
	Source, Target doc.Span
}

// maxRe3dLine bounds one JSON line of the corpus.
const maxRe3dLine = 4 << 20

// ReadRe3d reads every subset directory of dir (each with documents.json,
// entities.json and relations.json, one JSON object a line). Entity offsets
// count code points in the corpus; they are turned into byte offsets, and
// an entity whose value is not the text at its offsets is left out and
// counted in skipped.
func ReadRe3d(dir string) (docs []Re3dDoc, skipped int, err error) {
	subs, err := os.ReadDir(dir)
	if err != nil {
		return nil, 0, fmt.Errorf("read re3d: %w", err)
	}
	for _, s := range subs {
		if !s.IsDir() {
			continue
		}
		sub := filepath.Join(dir, s.Name())
		byID := map[string]int{}
		start := len(docs)
		err := readJSONLines(filepath.Join(sub, "documents.json"), func(line int, b []byte) error {
			var d struct {
				ID    string `json:"_id"`
				Src   string `json:"sourceName"`
				Title string `json:"title"`
				Text  string `json:"text"`
			}
			if err := json.Unmarshal(b, &d); err != nil {
				return err
			}
			byID[d.ID] = len(docs)
			docs = append(docs, Re3dDoc{ID: d.ID, Source: d.Src, Title: d.Title, Text: d.Text})
			return nil
		})
		if err != nil {
			return nil, 0, err
		}
		offsets := map[int][]int{} // doc index -> byte offset of each code point
		toBytes := func(di, cp int) int {
			offs, ok := offsets[di]
			if !ok {
				t := docs[di].Text
				for i := range t {
					offs = append(offs, i)
				}
				offs = append(offs, len(t))
				offsets[di] = offs
			}
			if cp < 0 || cp >= len(offs) {
				return -1
			}
			return offs[cp]
		}
		err = readJSONLines(filepath.Join(sub, "entities.json"), func(line int, b []byte) error {
			var e struct {
				Begin, End int
				Type       string
				Value      string
				DocumentID string `json:"documentId"`
			}
			if err := json.Unmarshal(b, &e); err != nil {
				return err
			}
			di, ok := byID[e.DocumentID]
			if !ok {
				return fmt.Errorf("entity of unknown document %q", e.DocumentID)
			}
			s, en := toBytes(di, e.Begin), toBytes(di, e.End)
			if s < 0 || en < s || docs[di].Text[s:en] != e.Value {
				skipped++
				return nil
			}
			docs[di].Entities = append(docs[di].Entities, Re3dEntity{Span: doc.Span{Start: s, End: en}, Type: e.Type, Value: e.Value})
			return nil
		})
		if err != nil {
			return nil, 0, err
		}
		err = readJSONLines(filepath.Join(sub, "relations.json"), func(line int, b []byte) error {
			var r struct {
				Type                   string
				SourceBegin, SourceEnd int
				TargetBegin, TargetEnd int
				DocumentID             string `json:"documentId"`
			}
			if err := json.Unmarshal(b, &r); err != nil {
				return err
			}
			di, ok := byID[r.DocumentID]
			if !ok {
				return nil
			}
			docs[di].Relations = append(docs[di].Relations, Re3dRelation{Type: r.Type,
				Source: doc.Span{Start: toBytes(di, r.SourceBegin), End: toBytes(di, r.SourceEnd)},
				Target: doc.Span{Start: toBytes(di, r.TargetBegin), End: toBytes(di, r.TargetEnd)}})
			return nil
		})
		if err != nil {
			return nil, 0, err
		}
		for i := start; i < len(docs); i++ {
			sort.Slice(docs[i].Entities, func(a, b int) bool { return docs[i].Entities[a].Span.Start < docs[i].Entities[b].Span.Start })
		}
	}
	if len(docs) == 0 {
		return nil, 0, fmt.Errorf("read re3d: no documents under %s", dir)
	}
	return docs, skipped, nil
}

func readJSONLines(path string, fn func(line int, b []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), maxRe3dLine)
	for n := 1; sc.Scan(); n++ {
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		if err := fn(n, b); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// actorType reports whether a re3d entity type is scored as an actor
// mention.
func actorType(t string) bool {
	return t == "Organisation" || t == "Person" || t == "Nationality"
}

// Geo maps country names, demonyms and other spellings to ISO3 codes. The
// evaluation builds it from ../shared/data/geo/world-countries so that the
// gold country of a mention does not come from dyad's own dictionaries.
type Geo struct {
	names  map[string]string
	maxLen int
}

// LoadGeo reads world-countries' countries.json.
func LoadGeo(path string) (*Geo, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read countries: %w", err)
	}
	var cs []struct {
		Name struct {
			Common, Official string
		}
		CCA3         string
		UNMember     bool
		AltSpellings []string
		Demonyms     map[string]struct{ F, M string }
	}
	if err := json.Unmarshal(b, &cs); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// A name shared by several entries ("French", "American") goes to the
	// UN member state.
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].UNMember && !cs[j].UNMember })
	g := &Geo{names: map[string]string{}}
	add := func(name, code string) {
		k := geoKey(name)
		if k == "" {
			return
		}
		if _, ok := g.names[k]; !ok {
			g.names[k] = code
		}
		if n := len(strings.Fields(k)); n > g.maxLen {
			g.maxLen = n
		}
	}
	for _, c := range cs {
		add(c.Name.Common, c.CCA3)
		add(c.Name.Official, c.CCA3)
		for _, a := range c.AltSpellings {
			if len(a) > 2 || a == "US" || a == "UK" {
				add(a, c.CCA3)
			}
		}
		if d, ok := c.Demonyms["eng"]; ok {
			for _, dm := range []string{d.M, d.F} {
				if dm != "" {
					add(dm, c.CCA3)
					add(dm+"s", c.CCA3)
				}
			}
		}
	}
	return g, nil
}

// geoWords splits s into words (periods dropped, other punctuation a
// break) and reports whether each starts with a capital.
func geoWords(s string) (words []string, caps []bool) {
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.')
	}) {
		f = strings.ReplaceAll(f, ".", "")
		if f == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(f)
		words = append(words, strings.ToLower(f))
		caps = append(caps, unicode.IsUpper(r))
	}
	return words, caps
}

func geoKey(s string) string {
	w, _ := geoWords(s)
	return strings.Join(w, " ")
}

// countryAt returns the country whose name starts at word i, and the
// number of words it spans; names must be capitalised in the text.
func (g *Geo) countryAt(words []string, caps []bool, i int) (string, int) {
	if !caps[i] {
		return "", 0
	}
	for n := min(g.maxLen, len(words)-i); n > 0; n-- {
		if c, ok := g.names[strings.Join(words[i:i+n], " ")]; ok {
			return c, n
		}
	}
	return "", 0
}

// CountryIn returns the ISO3 code of the first country named anywhere in
// text, or "".
func (g *Geo) CountryIn(text string) string {
	words, caps := geoWords(text)
	for i := range words {
		if c, _ := g.countryAt(words, caps, i); c != "" {
			return c
		}
	}
	return ""
}

// CountryOf returns the country an actor mention names as its own: one at
// its start after "the" ("Iraqi security forces", "the UK's Armed
// Forces"), or one closing it after "of" or "in" ("the Government of
// Iraq"). A country inside a proper name ("Islamic State of Iraq and the
// Levant") does not count.
func (g *Geo) CountryOf(text string) string {
	words, caps := geoWords(text)
	i := 0
	if i < len(words) && words[i] == "the" {
		i++
	}
	if i < len(words) {
		if c, _ := g.countryAt(words, caps, i); c != "" {
			return c
		}
	}
	for k := 1; k < len(words); k++ {
		if words[k-1] != "of" && words[k-1] != "in" {
			continue
		}
		j := k
		if j < len(words) && words[j] == "the" {
			j++
		}
		if j < len(words) {
			if c, n := g.countryAt(words, caps, j); c != "" && j+n == len(words) {
				return c
			}
		}
	}
	return ""
}

// GoldCountries returns the country of each gold actor entity of a
// document when the gold data shows it: for a Nationality the country it
// names; for an Organisation or Person the country it names as its own
// (see CountryOf), or one reached through a HasAttrOf relation to a
// nationality or an IsSynonymOf relation. Entities without one get "".
func GoldCountries(d Re3dDoc, g *Geo) []string {
	out := make([]string, len(d.Entities))
	idx := map[doc.Span]int{}
	for i, e := range d.Entities {
		idx[e.Span] = i
		if e.Type == "Nationality" {
			out[i] = g.CountryIn(e.Value)
		} else {
			out[i] = g.CountryOf(e.Value)
		}
	}
	for range 2 {
		for _, r := range d.Relations {
			s, ok1 := idx[r.Source]
			t, ok2 := idx[r.Target]
			if !ok1 || !ok2 {
				continue
			}
			switch r.Type {
			case "HasAttrOf":
				if out[s] == "" && d.Entities[t].Type == "Nationality" {
					out[s] = out[t]
				}
			case "IsSynonymOf":
				if out[s] == "" {
					out[s] = out[t]
				}
				if out[t] == "" {
					out[t] = out[s]
				}
			}
		}
	}
	return out
}

// Predicted is one predicted actor mention for scoring.
type Predicted struct {
	Span     doc.Span
	Country  string
	Text     string
	Locative bool // a place named after "in", "across", ...
}

// ActorScore holds mention detection and country attribution counts.
type ActorScore struct {
	Overlap PRF // a gold mention is found when a prediction overlaps it
	Strict  PRF // as Overlap, but predictions over other gold types count as false
	Exact   PRF // same start and end
	// StrictActors is Strict without the predictions marked Locative.
	StrictActors PRF
	ByType       map[string]*PRF
	// Ignored counts predictions that overlap only a gold entity of another
	// type (re3d marks a country as Location when it is a place).
	Ignored int
	// Country attribution over matched mentions whose gold country is known.
	CountryN, CountryOK int
	Misses, FalsePos    []string // examples for people to read
	WrongCountry        []string
}

// NewActorScore returns an empty score.
func NewActorScore() *ActorScore { return &ActorScore{ByType: map[string]*PRF{}} }

// Add scores the predictions of one document against its gold entities;
// countries are the gold countries from GoldCountries.
func (s *ActorScore) Add(d Re3dDoc, countries []string, pred []Predicted) {
	type gold struct {
		i int
		e Re3dEntity
	}
	var golds []gold
	for i, e := range d.Entities {
		if actorType(e.Type) {
			golds = append(golds, gold{i, e})
		}
	}
	overlaps := func(a, b doc.Span) int { return min(a.End, b.End) - max(a.Start, b.Start) }
	used := make([]bool, len(pred))
	for _, g := range golds {
		pt := s.ByType[g.e.Type]
		if pt == nil {
			pt = &PRF{}
			s.ByType[g.e.Type] = pt
		}
		best, bestOv := -1, 0
		for j, p := range pred {
			if ov := overlaps(g.e.Span, p.Span); ov > bestOv || ov > 0 && ov == bestOv && used[best] && !used[j] {
				best, bestOv = j, ov
			}
		}
		if best < 0 {
			s.Overlap.FN++
			s.Strict.FN++
			s.StrictActors.FN++
			pt.FN++
			s.Misses = append(s.Misses, g.e.Type+": "+g.e.Value)
			continue
		}
		used[best] = true
		s.Overlap.TP++
		s.Strict.TP++
		s.StrictActors.TP++
		pt.TP++
		if want := countries[g.i]; want != "" {
			s.CountryN++
			if pred[best].Country == want {
				s.CountryOK++
			} else {
				s.WrongCountry = append(s.WrongCountry, fmt.Sprintf("%s %q: want %s, got %q from %q", g.e.Type, g.e.Value, want, pred[best].Country, pred[best].Text))
			}
		}
	}
	for j, p := range pred {
		if used[j] {
			continue
		}
		onActor, onOther := false, false
		for _, e := range d.Entities {
			if overlaps(e.Span, p.Span) > 0 {
				if actorType(e.Type) {
					onActor = true
				} else {
					onOther = true
				}
			}
		}
		if !p.Locative {
			s.StrictActors.FP++
		}
		switch {
		case onActor:
			// a second prediction inside an already found gold mention
			s.Strict.FP++
			s.Overlap.FP++
			s.FalsePos = append(s.FalsePos, "split: "+p.Text)
		case onOther:
			s.Ignored++
			s.Strict.FP++
		default:
			s.Overlap.FP++
			s.Strict.FP++
			s.FalsePos = append(s.FalsePos, p.Text)
		}
	}
	// exact
	for _, g := range golds {
		found := false
		for _, p := range pred {
			if p.Span == g.e.Span {
				found = true
				break
			}
		}
		if found {
			s.Exact.TP++
		} else {
			s.Exact.FN++
		}
	}
	s.Exact.FP += len(pred) - countExact(golds2spans(d), pred)
}

func golds2spans(d Re3dDoc) map[doc.Span]bool {
	m := map[doc.Span]bool{}
	for _, e := range d.Entities {
		if actorType(e.Type) {
			m[e.Span] = true
		}
	}
	return m
}

func countExact(g map[doc.Span]bool, pred []Predicted) int {
	n := 0
	for _, p := range pred {
		if g[p.Span] {
			n++
		}
	}
	return n
}

// CountryAccuracy is the share of matched mentions with a known gold
// country that got it.
func (s *ActorScore) CountryAccuracy() float64 { return ratio0(s.CountryOK, s.CountryN) }
