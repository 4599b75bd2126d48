package eval

import (
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/doc"
)

func TestReadBIO(t *testing.T) {
	in := "US B-S\ntroops I-S\nattacked O\nthe B-T\nrebels I-T\n. O\n\nIran B-S\nand O\nIraq B-S\nmet O\n"
	recs, err := ReadBIO(strings.NewReader(in), "x")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records, want 2", len(recs))
	}
	r := recs[0]
	if got := r.Text[r.Sources[0].Start:r.Sources[0].End]; got != "US troops" {
		t.Errorf("source = %q", got)
	}
	if got := r.Text[r.Targets[0].Start:r.Targets[0].End]; got != "the rebels" {
		t.Errorf("target = %q", got)
	}
	if len(recs[1].Sources) != 2 || recs[1].Line != 8 {
		t.Errorf("second record = %+v", recs[1])
	}
	if _, err := ReadBIO(strings.NewReader("a b c\n"), "x"); err == nil || !strings.Contains(err.Error(), "x:1") {
		t.Errorf("bad line error = %v", err)
	}
}

func TestReadClassTSV(t *testing.T) {
	recs, err := ReadClassTSV(strings.NewReader("Iran attacked Iraq.\t4\n\nX said.\t0\n"), "c")
	if err != nil || len(recs) != 2 || recs[0].Label != 4 || recs[1].Line != 3 {
		t.Fatalf("got %+v, %v", recs, err)
	}
	if _, err := ReadClassTSV(strings.NewReader("text\t9\n"), "c"); err == nil || !strings.Contains(err.Error(), "c:1") {
		t.Errorf("bad label error = %v", err)
	}
}

func TestScoreSpans(t *testing.T) {
	var ex, ov PRF
	ScoreSpans([]doc.Span{{Start: 0, End: 9}, {Start: 20, End: 30}}, []doc.Span{{Start: 0, End: 9}, {Start: 3, End: 9}, {Start: 25, End: 28}}, &ex, &ov)
	if ex != (PRF{TP: 1, FP: 2, FN: 1}) || ov != (PRF{TP: 2, FP: 1, FN: 0}) {
		t.Errorf("exact %+v overlap %+v", ex, ov)
	}
}

func FuzzReadBIO(f *testing.F) {
	f.Add("US B-S\ntroops I-S\n\nx O\n")
	f.Add("a I-T\nb B-T\n")
	f.Fuzz(func(t *testing.T, in string) {
		recs, _ := ReadBIO(strings.NewReader(in), "f")
		for _, r := range recs {
			for _, s := range append(r.Sources, r.Targets...) {
				if !s.Valid(len(r.Text)) || s.Len() == 0 {
					t.Fatalf("bad span %+v in %q", s, r.Text)
				}
			}
		}
	})
}

func FuzzReadPetrarchRecords(f *testing.F) {
	f.Add(`<Sentences><Sentence date="19950101" id="A" sentence="true"><EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding><Text>Arnor met Gondor.</Text></Sentence></Sentences>`)
	f.Add(`<Config option="require_dyad" value="false"></Config><Sentence id="B" date="x">`)
	f.Fuzz(func(t *testing.T, in string) {
		_, _ = ReadPetrarchRecords(strings.NewReader(in), "f") // must not panic
	})
}

func TestReadPetrarchRecords(t *testing.T) {
	in := `<Sentences><Config option="require_dyad" value="False"></Config>
<Sentence date="19950103" id="DEMO-02" category="DEMO" sentence="true">
<EventCoding sourcecode="DAGGOV" targetcode="GON" eventcode="032"></EventCoding>
<EventCoding sourcecode="GON" targetcode="DAGGOV" eventcode="033"></EventCoding>
<Text>
Dagolath's first Deputy Prime Minister Telemar left for
Minas Tirith on Wednesday.
</Text>
<Parse>(ROOT (S (NP (NNP Dagolath))))</Parse>
</Sentence>
<Sentence date="19950103" id="N-1" sentence="true"><EventCoding noevents = "True"></EventCoding><Text>Nothing.</Text></Sentence>
</Sentences>`
	recs, err := ReadPetrarchRecords(strings.NewReader(in), "r.xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records", len(recs))
	}
	r := recs[0]
	if r.ID != "DEMO-02" || !r.Valid || len(r.Expected) != 2 || r.Expected[1] != (Coding{"GON", "DAGGOV", "033"}) || r.Config["require_dyad"] != "false" {
		t.Errorf("record = %+v", r)
	}
	if r.Text != "Dagolath's first Deputy Prime Minister Telemar left for Minas Tirith on Wednesday." {
		t.Errorf("text = %q", r.Text)
	}
	o := ScorePetrarch(&recs[0], []Coding{{"DAGGOV", "GON", "032"}})
	if o.Pass || o.Found != 1 {
		t.Errorf("outcome = %+v", o)
	}
	if o := ScorePetrarch(&recs[1], nil); !o.Pass || !o.Scorable {
		t.Errorf("no-event outcome = %+v", o)
	}
	if o := ScorePetrarch(&recs[1], []Coding{{"A", "B", "010"}}); o.Pass {
		t.Error("an event on a no-event record passed")
	}
}
