package corpus

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/data/geo"
	"github.com/dyad-project/dyad/internal/actor"
	"github.com/dyad-project/dyad/internal/cameo"
)

func codebook(t testing.TB) *cameo.Codebook {
	t.Helper()
	cb, err := cameo.DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	return cb
}

// checker builds a checker over a small dictionary written for the tests.
func checker(t testing.TB) *Checker {
	t.Helper()
	dict, err := actor.Load(actor.File{Name: "test.txt", Data: []byte("country Ghana\n  code GHA\n\ncountry Nigeria\n  code NGA\n\ngroup M23\n  code CODREBM23\n")})
	if err != nil {
		t.Fatal(err)
	}
	return NewChecker(codebook(t), dict, geo.Regions)
}

func readSmall(t *testing.T) []Document {
	t.Helper()
	b, err := os.ReadFile("testdata/small.gold")
	if err != nil {
		t.Fatal(err)
	}
	docs, diags := ParseGold("small.gold", bytes.NewReader(b), codebook(t))
	for _, d := range diags {
		t.Errorf("unexpected diagnostic: %v", d)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want 2", len(docs))
	}
	return docs
}

func TestParseGoldOffsets(t *testing.T) {
	docs := readSmall(t)
	d := docs[0]
	if n := len(d.Events); n != 3 {
		t.Fatalf("got %d events, want 3", n)
	}
	at := func(s string, nth int) int {
		i := -1
		for k := 0; k <= nth; k++ {
			j := strings.Index(d.Text[i+1:], s)
			if j < 0 {
				t.Fatalf("%q not in text", s)
			}
			i += 1 + j
		}
		return i
	}
	met := d.Events[0]
	if met.Trigger.Start != at("met", 0) || d.Text[met.Trigger.Start:met.Trigger.End] != "met" {
		t.Errorf("trigger met at %d..%d", met.Trigger.Start, met.Trigger.End)
	}
	if met.PloverType != "CONSULT" || met.Target.Attach != "object" || !met.Target.Coref {
		t.Errorf("met: plover %q attach %q coref %v", met.PloverType, met.Target.Attach, met.Target.Coref)
	}
	if met.Date.Value != "2024-03-05" || met.Date.Publication || met.Date.Text != "on Tuesday" {
		t.Errorf("met date = %+v", met.Date)
	}
	if met.Location == nil || met.Location.Start != at("Abuja", 0) {
		t.Errorf("location = %+v", met.Location)
	}
	if src := d.Events[2].Source; src.Start != at("Police", 0) {
		t.Errorf("held source at %d, want the Police of its own line", src.Start)
	}
	held := d.Events[2]
	if held.Status != "denied" || held.Cue == nil || held.Cue.Text != "denied" || held.Speaker == nil || !held.Speaker.CountryInferred {
		t.Errorf("held = %+v", held)
	}
	if held.Date.Value != "2024-03-06" || !held.Date.Publication {
		t.Errorf("held date = %+v, want the publication date", held.Date)
	}
	if d.Events[1].Source.Text != "they" || !d.Events[1].Source.Coref {
		t.Errorf("detained source = %+v", d.Events[1].Source)
	}
	if docs[1].Text != "Storm Hits Coast\n\nHeavy rain fell on Tuesday." || len(docs[1].Events) != 0 {
		t.Errorf("headline doc = %q with %d events", docs[1].Text, len(docs[1].Events))
	}
	if diags := checker(t).Check("small.gold", "", docs); Errors(diags) > 0 {
		t.Errorf("check: %v", diags)
	}
}

func TestParseGoldErrors(t *testing.T) {
	const head = "### wire-x-0001\nregister: wire\ndate: 2024-03-06\noutlet: W\ntitle: T\ntext:\nThe army shelled the town and the army withdrew.\nevents:\n"
	for _, tc := range []struct {
		name, events, want string
		line               int
	}{
		{"ambiguous trigger", "- trigger: army\n  code: 190\n  source: The army | SYRMIL\n", "occurs 2 times", 9},
		{"missing span", "- trigger: shelled\n  code: 194\n  source: The navy | SYRMIL\n", "not found in the text", 11},
		{"case hint", "- trigger: shelled\n  code: 194\n  source: the Army | SYRMIL\n", `copy its case exactly`, 11},
		{"unknown code", "- trigger: shelled\n  code: 999\n  source: The army | SYRMIL\n", "not in the CAMEO codebook", 10},
		{"unknown key", "- trigger: shelled\n  kode: 194\n", "unknown event field", 10},
		{"bad flag", "- trigger: shelled\n  code: 194\n  source: The army | SYRMIL | sideways\n", `unknown flag "sideways"`, 11},
		{"two brackets", "- trigger: [The] army [shelled]\n  code: 194\n  source: The army | SYRMIL\n", "exactly one", 9},
		{"bad date field", "- trigger: shelled\n  code: 194\n  source: The army | SYRMIL\n  date: yesterday\n", "want \"WORDS | VALUE\"", 12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := ParseGold("x.gold", strings.NewReader(head+tc.events), codebook(t))
			found := false
			for _, d := range diags {
				if strings.Contains(d.Msg, tc.want) && d.Line == tc.line && d.File == "x.gold" {
					found = true
				}
			}
			if !found {
				t.Errorf("want %q at line %d, got %v", tc.want, tc.line, diags)
			}
		})
	}
	_, diags := ParseGold("x.gold", strings.NewReader("### wire-x-0001\nregister: wire\ntext:\nNo events line here.\n"), codebook(t))
	if len(diags) == 0 || !strings.Contains(diags[0].Msg, "events:") {
		t.Errorf("missing events line: %v", diags)
	}
}

func TestCheckFindsErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(d *Document)
		want   string
	}{
		{"offsets", func(d *Document) { d.Events[0].Trigger.Start++ }, "does not match the text"},
		{"outside", func(d *Document) { d.Events[0].Trigger.End = 1 << 20 }, "outside the text"},
		{"plover", func(d *Document) { d.Events[0].PloverType = "ASSAULT" }, "does not match the codebook"},
		{"status", func(d *Document) { d.Events[0].Status = "rumoured" }, `status "rumoured"`},
		{"cue", func(d *Document) { d.Events[1].Cue = nil }, "needs a cue"},
		{"speaker", func(d *Document) { d.Events[1].Speaker = nil }, "needs a speaker"},
		{"asserted cue", func(d *Document) { d.Events[0].Cue = &d.Events[1].Trigger }, "has no cue"},
		{"weekday", func(d *Document) { d.Events[0].Date.Value = "2024-03-04" }, "is a Monday"},
		{"timeml", func(d *Document) { d.Events[0].Date.Value = "2024-13" }, "is not YYYY"},
		{"publication", func(d *Document) { d.Events[2].Date.Value = "2024-03-01" }, "publication date must be"},
		{"attach", func(d *Document) { d.Events[0].Target.Attach = "" }, "has no attach"},
		{"location country", func(d *Document) { d.Events[0].Location.Country = "XXX" }, "not an ISO alpha-3 code"},
		{"register", func(d *Document) { d.Register = "tweet" }, `register "tweet"`},
		{"date", func(d *Document) { d.Date = "2031-01-01" }, "outside"},
		{"id", func(d *Document) { d.ID = "Wire 1" }, "id \"Wire 1\""},
		{"duplicate event", func(d *Document) { d.Events = append(d.Events, d.Events[0]) }, "duplicates event 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs := readSmall(t)
			tc.mutate(&docs[0])
			diags := checker(t).Check("f.jsonl", "", docs)
			for _, d := range diags {
				if d.Err && strings.Contains(d.Msg, tc.want) {
					return
				}
			}
			t.Errorf("want an error containing %q, got %v", tc.want, diags)
		})
	}
}

func TestKnownActor(t *testing.T) {
	c := checker(t)
	for code, want := range map[string]bool{
		"GHA": true, "GHAGOV": true, "GHAGOVMIL": true, "CODREBM23": true, "CODREBM23MIL": true,
		"COP": true, "GHAXYZ": false, "ZZZGOV": false, "GH": false, "": false,
	} {
		if got := c.KnownActor(code); got != want {
			t.Errorf("KnownActor(%q) = %v, want %v", code, got, want)
		}
	}
	for code, want := range map[string]bool{"COP": true, "REBUAF": true, "GHACOP": false, "IGOUNO": false, "NGO": false} {
		if got := SectorOnly(code); got != want {
			t.Errorf("SectorOnly(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestSplitOfIsFixed(t *testing.T) {
	// The rule must never change: these assignments are part of the corpus.
	for id, want := range map[string]string{
		"wire-sec-0001": "dev", "head-0001": "train", "int-0001": "dev", "ana-0001": "train",
		"read-0001": "train", "case-0001": "train", "wire-pol-0042": "test",
	} {
		if got := SplitOf(id); got != want {
			t.Errorf("SplitOf(%q) = %s, want %s", id, got, want)
		}
	}
	n := map[string]int{}
	for i := range 10000 {
		n[SplitOf(fmt.Sprintf("wire-x-%04d", i))]++
	}
	if n["train"] < 7700 || n["train"] > 8300 || n["dev"] < 850 || n["dev"] > 1150 || n["test"] < 850 || n["test"] > 1150 {
		t.Errorf("split sizes %v, want about 8000/1000/1000", n)
	}
}

func TestCheckDuplicates(t *testing.T) {
	text := "The foreign ministers of the two countries met in the capital on Tuesday and agreed to reopen the border crossing next month."
	mk := func(id, text string) Document { return Document{ID: id, Text: text} }
	var trainID, testID string
	for i := 0; trainID == "" || testID == ""; i++ {
		id := fmt.Sprintf("wire-d-%04d", i)
		switch SplitOf(id) {
		case "train":
			if trainID == "" {
				trainID = id
			}
		case "test":
			if testID == "" {
				testID = id
			}
		}
	}
	near := strings.Replace(text, "next month", "in June", 1)
	diags := CheckDuplicates(map[string][]Document{
		"train.jsonl": {mk(trainID, text)},
		"test.jsonl":  {mk(testID, near)},
	})
	if Errors(diags) != 1 || !strings.Contains(diags[0].Msg, "near-duplicate") {
		t.Errorf("near-duplicate across splits: got %v", diags)
	}
	diags = CheckDuplicates(map[string][]Document{"train.jsonl": {mk(trainID, text), mk(testID, "Quite another story about the weather in the hills today.")}})
	if len(diags) != 0 {
		t.Errorf("distinct texts: got %v", diags)
	}
}

func TestStatsTable(t *testing.T) {
	docs := readSmall(t)
	sents := func(text string) [][2]int {
		var out [][2]int
		start := 0
		for i := 0; i < len(text); i++ {
			if text[i] == '.' {
				out = append(out, [2]int{start, i + 1})
				start = i + 1
			}
		}
		return out
	}
	m := Stats(map[string][]Document{"train": docs}, checker(t), codebook(t), sents)
	if m.Docs != 2 || m.Events != 3 || m.Sentences != 4 {
		t.Fatalf("docs %d events %d sentences %d, want 2, 3, 4", m.Docs, m.Events, m.Sentences)
	}
	get := func(name string) Row {
		for _, r := range m.Rows {
			if r.Name == name {
				return r
			}
		}
		t.Fatalf("no row %q", name)
		return Row{}
	}
	if r := get("sentences with no event"); r.Value != 50 || !r.OK() {
		t.Errorf("no-event share = %v", r)
	}
	if r := get("denied"); r.Value != 1 || r.OK() {
		t.Errorf("denied = %v", r)
	}
	if r := get("target not the direct object"); r.Value != 1 {
		t.Errorf("target not object = %v", r)
	}
	if r := get("source or target through coreference"); r.Value != 2 {
		t.Errorf("coref = %v", r)
	}
	var buf bytes.Buffer
	if err := m.Print(&buf); err != nil || !strings.Contains(buf.String(), "MISSED") {
		t.Errorf("Print: %v\n%s", err, buf.String())
	}
}

func TestReadWriteRoundTrip(t *testing.T) {
	docs := readSmall(t)
	var buf bytes.Buffer
	if err := Write(&buf, docs); err != nil {
		t.Fatal(err)
	}
	back, diags := Read("rt.jsonl", bytes.NewReader(append(buf.Bytes(), []byte("{\"id\": 3}\nnot json\n")...)))
	if len(back) != 2 || back[0].Events[0].Trigger != docs[0].Events[0].Trigger {
		t.Fatalf("round trip: %d docs", len(back))
	}
	if len(diags) != 2 || diags[0].Line != 3 || diags[1].Line != 4 {
		t.Errorf("diagnostics = %v, want lines 3 and 4", diags)
	}
}

func FuzzParseGold(f *testing.F) {
	b, err := os.ReadFile("testdata/small.gold")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Add("### a-0001\ntext:\nx [y] z\nevents:\n- trigger: [y\n")
	cb, err := cameo.DefaultCodebook()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		docs, _ := ParseGold("f.gold", strings.NewReader(s), cb)
		for _, d := range docs {
			for _, e := range d.Events {
				if d.Text[e.Trigger.Start:e.Trigger.End] != e.Trigger.Text {
					t.Fatalf("trigger %q does not match its offsets", e.Trigger.Text)
				}
			}
		}
	})
}

func TestLocateNearPrefersTheTriggersLine(t *testing.T) {
	text := "Talks were held in Kenya.\nUganda met officials from the region, then left for Kenya and Ethiopia by road."
	trig, err := locateTrigger(text, "met")
	if err != nil {
		t.Fatal(err)
	}
	sp, err := locateNear(text, "Kenya", trig)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.LastIndex(text, "Kenya"); sp.Start != want {
		t.Errorf("Kenya at %d, want %d (the trigger's line, though farther)", sp.Start, want)
	}
	if sp, err := locateNear(text, "in [Kenya]", trig); err != nil || sp.Start != strings.Index(text, "Kenya") {
		t.Errorf("context span: %+v %v", sp, err)
	}
	if _, err := locateNear(text, "Kenyan", trig); err == nil {
		t.Error("a word inside a longer word must not match")
	}
}
