package eval_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dyad-project/dyad/data/actors"
	"github.com/dyad-project/dyad/internal/actor"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/eval"
	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/segment"
	"github.com/dyad-project/dyad/internal/nlp/tokenize"
	"github.com/dyad-project/dyad/internal/testenv"
)

// actorShared returns ../shared/data, skipping (failing under CI=true) when
// it is absent.
func actorShared(t testing.TB) string {
	t.Helper()
	return testenv.Shared(t)
}

// TestActorsRe3dFloor runs the actor stage (embedded dictionaries, dyad's
// tokenizer and segmenter) over re3d and holds mention F1 (Organisation,
// Person, Nationality; overlap) and country attribution at the level
// reached when the floor was set. Raise the floors with the change that
// earns it.
func TestActorsRe3dFloor(t *testing.T) {
	shared := actorShared(t)
	docs, _, err := eval.ReadRe3d(filepath.Join(shared, "dev", "re3d"))
	if err != nil {
		t.Fatal(err)
	}
	geo, err := eval.LoadGeo(filepath.Join(shared, "geo", "world-countries", "countries.json"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := actor.LoadFS(actors.FS(), ".")
	if err != nil {
		t.Fatal(err)
	}
	tok, seg := tokenize.New(), segment.New()
	date := time.Date(2016, 6, 1, 0, 0, 0, 0, time.UTC)
	s := eval.NewActorScore()
	for _, doc := range docs {
		sents := seg.Segment(doc.Text, tok.Tokenize(doc.Text))
		var toks []nlp.Token
		for _, st := range sents {
			toks = append(toks, st.Tokens...)
		}
		var pred []eval.Predicted
		for _, m := range d.Resolve(doc.Text, sents, d.Match(doc.Text, toks, date)) {
			pred = append(pred, eval.Predicted{Span: m.Span, Country: m.Country, Text: m.Text})
		}
		s.Add(doc, eval.GoldCountries(doc, geo), pred)
	}
	t.Logf("re3d mentions (overlap): P %.3f R %.3f F1 %.3f; country %.3f (%d/%d)",
		s.Overlap.Precision(), s.Overlap.Recall(), s.Overlap.F1(), s.CountryAccuracy(), s.CountryOK, s.CountryN)
	if f1 := s.Overlap.F1(); f1 < 0.84 {
		t.Errorf("mention F1 %.3f below the floor 0.84", f1)
	}
	if acc := s.CountryAccuracy(); acc < 0.93 {
		t.Errorf("country attribution %.3f below the floor 0.93", acc)
	}
}

func TestScoreActors(t *testing.T) {
	text := "Iraqi forces and Tobias Ellwood met in Syria."
	d := eval.Re3dDoc{Text: text, Entities: []eval.Re3dEntity{
		{Span: doc.Span{Start: 0, End: 12}, Type: "Organisation", Value: "Iraqi forces"},
		{Span: doc.Span{Start: 0, End: 5}, Type: "Nationality", Value: "Iraqi"},
		{Span: doc.Span{Start: 17, End: 31}, Type: "Person", Value: "Tobias Ellwood"},
		{Span: doc.Span{Start: 39, End: 44}, Type: "Location", Value: "Syria"},
	}}
	pred := []eval.Predicted{
		{Span: doc.Span{Start: 0, End: 12}, Country: "IRQ", Text: "Iraqi forces"},
		{Span: doc.Span{Start: 39, End: 44}, Country: "SYR", Text: "Syria"},
		{Span: doc.Span{Start: 33, End: 35}, Text: "in"},
	}
	s := eval.NewActorScore()
	s.Add(d, []string{"IRQ", "IRQ", "", ""}, pred)
	// "Iraqi" is inside the one prediction already used for "Iraqi forces".
	if s.Overlap.TP != 2 || s.Overlap.FN != 1 || s.Overlap.FP != 1 || s.Ignored != 1 || s.Strict.FP != 2 {
		t.Errorf("overlap %+v strict %+v ignored %d", s.Overlap, s.Strict, s.Ignored)
	}
	if s.CountryN != 2 || s.CountryOK != 2 || s.Exact.TP != 1 {
		t.Errorf("country %d/%d exact %+v", s.CountryOK, s.CountryN, s.Exact)
	}
}

func TestGeoCountryOf(t *testing.T) {
	geo, err := eval.LoadGeo(filepath.Join(actorShared(t), "geo", "world-countries", "countries.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, want string }{
		{"Iraqi security forces", "IRQ"}, {"the UK's Armed Forces", "GBR"}, {"the Government of Iraq", "IRQ"},
		{"Islamic State of Iraq and the Levant", ""}, {"French", "FRA"}, {"American forces", "USA"}, {"us", ""},
		{"U.S. Central Command", "USA"},
	} {
		if got := geo.CountryOf(tc.in); got != tc.want {
			t.Errorf("CountryOf(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzReadRe3d feeds arbitrary lines to the re3d reader.
func FuzzReadRe3d(f *testing.F) {
	f.Add(`{"_id":"d","text":"Iraq é x"}`, `{"begin":0,"end":4,"type":"Location","value":"Iraq","documentId":"d"}`, `{"type":"CoLocated","sourceBegin":0,"sourceEnd":4,"targetBegin":0,"targetEnd":99,"documentId":"d"}`)
	f.Add(`{`, `[]`, ``)
	f.Fuzz(func(t *testing.T, docs, ents, rels string) {
		dir := t.TempDir()
		sub := filepath.Join(dir, "s")
		os.Mkdir(sub, 0o755)
		for name, body := range map[string]string{"documents.json": docs, "entities.json": ents, "relations.json": rels} {
			if err := os.WriteFile(filepath.Join(sub, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out, _, err := eval.ReadRe3d(dir)
		if err != nil {
			return
		}
		for _, d := range out {
			for _, e := range d.Entities {
				if !e.Span.Valid(len(d.Text)) || d.Text[e.Span.Start:e.Span.End] != e.Value {
					t.Fatalf("entity %+v out of text %q", e, d.Text)
				}
			}
		}
	})
}
