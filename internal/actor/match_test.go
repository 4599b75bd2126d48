package actor_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/data/actors"
	"github.com/dyad-project/dyad/internal/actor"
	"github.com/dyad-project/dyad/internal/nlp/tokenize"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// brief renders a mention as "text=CODE".
func brief(ms []actor.Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Text+"="+m.Code)
	}
	return out
}

func TestMatch(t *testing.T) {
	d := loadAll(t)
	tests := []struct {
		name, date, text string
		want             []string
	}{
		{"possessive title person", "2024-01-10", "Iran's Defense Minister Mohammad Reza Ashtiani arrived.",
			[]string{"Iran's Defense Minister Mohammad Reza Ashtiani=IRNMIL"}},
		{"title of country", "2024-01-10", "the Secretary General of the Supreme National Security Council of Iran spoke",
			[]string{"Secretary General of the Supreme National Security Council of Iran=IRNGOV"}},
		{"adjective and sector", "2024-01-10", "Iranian officials said Russian air defence fired.",
			[]string{"Iranian officials=IRNGOV", "Russian air defence=RUSMIL"}},
		{"role by date before", "2023-06-01", "Sergei Shoigu spoke.", []string{"Sergei Shoigu=RUSMIL"}},
		{"role by date after", "2024-06-01", "Sergei Shoigu spoke.", []string{"Sergei Shoigu=RUSGOV"}},
		{"SNSC secretary in office", "2024-01-10", "Ali Akbar Ahmadian met them.", []string{"Ali Akbar Ahmadian=IRNGOV"}},
		{"former official", "2025-09-01", "Ali Akbar Ahmadian met them.", []string{"Ali Akbar Ahmadian=IRNELI"}},
		{"metonyms", "2024-01-10", "The Kremlin and the White House and the Pentagon", []string{"Kremlin=RUSGOV", "White House=USAGOV", "Pentagon=USAMIL"}},
		{"context picks NATO", "2024-01-10", "Brussels said the alliance would help.", []string{"Brussels=IGOWSTNAT"}},
		{"context default EU", "2024-01-10", "Brussels said the single market would help.", []string{"Brussels=IGOEUREEC"}},
		{"case: us is no country", "2024-01-10", "He told us about the US.", []string{"US=USA"}},
		{"case: proper names need capitals", "2024-01-10", "the hamas leader", []string{"leader=GOV"}},
		{"generic nouns in any case", "2024-01-10", "Police arrested rebels.", []string{"Police=COP", "rebels=REB"}},
		{"plural demonym", "2024-01-10", "the Russians and the Israeli side", []string{"Russians=RUS", "Israeli side=ISR"}},
		{"titled unknown name", "2016-06-01", "Lt. Gen. Stephen J. Townsend said", []string{"Lt. Gen. Stephen J. Townsend=MIL"}},
		{"group by date", "2020-01-01", "the Taliban", []string{"Taliban=AFGREBTLB"}},
		{"group in power", "2022-01-01", "the Taliban", []string{"Taliban=AFGGOV"}},
		{"person's agent", "2016-06-01", "Assad's regime", []string{"Assad's regime=SYRGOV"}},
		{"agent of person", "2016-06-01", "the government of Bashar al-Assad", []string{"government of Bashar al-Assad=SYRGOV"}},
		{"media", "2024-01-10", "Reuters and IRNA reported", []string{"Reuters=GBRMED", "IRNA=IRNGOVMED"}},
		{"possessive with one adjective", "2024-01-10", "the UK's brave Armed Forces", []string{"UK's brave Armed Forces=GBRMIL"}},
		{"possessive with more words stays apart", "2024-01-10", "Syria's prewar 23 population", []string{"Syria=SYR", "population=CVL"}},
		{"title continued by for", "2016-06-01", "Minister for the Middle East Tobias Ellwood", []string{"Minister for the Middle East Tobias Ellwood=GBRGOV"}},
		{"appositive", "2016-06-01", "Yesterday John Smith, a British diplomat, left.", []string{"John Smith=GBRGOV", "British diplomat=GBRGOV"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := brief(d.Match(tt.text, nil, day(tt.date)))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Match(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestMatchSpansAndTokens(t *testing.T) {
	d := loadAll(t)
	text := "Yesterday Iran's Defense Minister Mohammad Reza Ashtiani spoke."
	ms := d.Match(text, nil, day("2024-01-10"))
	if len(ms) != 1 {
		t.Fatalf("got %d mentions, want 1", len(ms))
	}
	m := ms[0]
	if text[m.Span.Start:m.Span.End] != m.Text || m.TokStart != 1 || m.TokEnd != 7 {
		t.Errorf("span %v tokens %d-%d text %q", m.Span, m.TokStart, m.TokEnd, m.Text)
	}
	if m.Kind != actor.Person || m.Person != "Mohammad Reza Ashtiani" || m.Country != "IRN" || m.Role != "Defence Minister" {
		t.Errorf("mention = %+v", m)
	}
}

func TestUserDictionaryOverridesAreReported(t *testing.T) {
	b, err := os.ReadFile("testdata/user.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, err := actor.LoadFS(actors.FS(), ".", actor.File{Name: "user.txt", Layer: "user", Data: b})
	if err != nil {
		t.Fatal(err)
	}
	got := brief(d.Match("Putin met Acme.", nil, day("2024-01-10")))
	if want := "Putin=XYZGOV|Acme=USABUS"; strings.Join(got, "|") != want {
		t.Errorf("got %q, want %q", got, want)
	}
	var reported []string
	for _, o := range d.Overrides() {
		if o.New.File == "user.txt" {
			reported = append(reported, fmt.Sprintf("%d %s %s", o.New.Line, o.Alias, o.Old.File))
		}
	}
	if len(reported) == 0 || !strings.Contains(strings.Join(reported, "\n"), "3 Putin curated/persons.txt") {
		t.Errorf("overrides of user.txt = %q, want the alias Putin taken from curated/persons.txt", reported)
	}
}

func TestLoadRejectsBadUserFile(t *testing.T) {
	_, err := actor.LoadFS(actors.FS(), ".", actor.File{Name: "bad.txt", Data: []byte("org X\n  code lower\n")})
	if err == nil || !strings.Contains(err.Error(), "bad.txt:2") {
		t.Errorf("err = %v, want a problem at bad.txt:2", err)
	}
}

func TestEmbeddedDictionariesAreClean(t *testing.T) {
	d := loadAll(t)
	if errs := d.Problems().Errors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	st := d.Stats()
	if st.Entries < 25000 || st.Phrases < 40000 {
		t.Errorf("stats = %+v, want the whole PETRARCH import and the curation loaded", st)
	}
}

func ExampleDictionary_Match() {
	d, err := actor.LoadFS(actors.FS(), ".")
	if err != nil {
		panic(err)
	}
	text := "Iran's Defense Minister Mohammad Reza Ashtiani met his Russian counterpart in Moscow. The Russians said he was welcome."
	ms := d.Match(text, nil, time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC))
	for _, m := range d.Resolve(text, nil, ms) {
		fmt.Printf("%q %s %s\n", m.Text, m.Code, m.Rule)
	}
	// Output:
	// "Iran's Defense Minister Mohammad Reza Ashtiani" IRNMIL title+person; dictionary: role at date
	// "Russian counterpart" RUSMIL counterpart: RUS with the sector of "Iran's Defense Minister Mohammad Reza Ashtiani"
	// "Moscow" RUS dictionary
	// "Russians" RUS dictionary; same country as "Moscow"
	// "he" IRNMIL pronoun he -> subject of an earlier sentence
}

func TestDiscarded(t *testing.T) {
	d := loadAll(t)
	text := "Manchester United beat Arsenal, and Iran's army won a bronze medal."
	got := d.Discarded(text, nil)
	var phrases []string
	for _, h := range got {
		phrases = append(phrases, text[h.Span.Start:h.Span.End]+"/"+h.Scope)
	}
	if want := "Manchester United/story|bronze medal/sentence"; strings.Join(phrases, "|") != want {
		t.Errorf("Discarded = %q, want %q", phrases, want)
	}
	for _, m := range d.Match(text, nil, time.Time{}) {
		if strings.Contains(m.Text, "United") || strings.Contains(m.Text, "medal") {
			t.Errorf("discard phrase coded: %+v", m)
		}
	}
}

// TestConcurrentUse runs Match and Resolve from several goroutines on one
// Dictionary; with -race it checks that they share no mutable state.
func TestConcurrentUse(t *testing.T) {
	d := loadAll(t)
	text, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join(brief(d.Match(string(text), nil, day("2024-01-10"))), "|")
	done := make(chan string)
	for range 4 {
		go func() {
			var got string
			for range 20 {
				ms := d.Match(string(text), nil, day("2024-01-10"))
				d.Resolve(string(text), nil, ms)
				got = strings.Join(brief(ms), "|")
			}
			done <- got
		}()
	}
	for range 4 {
		if got := <-done; got != want {
			t.Errorf("concurrent Match differs:\n%s\n%s", got, want)
		}
	}
}

func TestLocative(t *testing.T) {
	d := loadAll(t)
	got := map[string]bool{}
	for _, m := range d.Match("Russia said troops in Syria and across the Kremlin walls", nil, day("2024-01-10")) {
		got[m.Text] = m.Locative
	}
	if got["Russia"] || !got["Syria"] || !got["Kremlin"] {
		t.Errorf("locative flags = %v, want only Syria and Kremlin", got)
	}
}

func TestCommunitiesAndOrdinals(t *testing.T) {
	d := loadAll(t)
	got := brief(d.Match("Iraqi Kurds, Syrian Arab forces and the U.S. 5th Fleet", nil, day("2016-06-01")))
	if want := "Iraqi Kurds=IRQKUR|Syrian Arab forces=SYRMIL|U.S. 5th Fleet=USAMIL"; strings.Join(got, "|") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestTokenizerIndependence checks that dyad's tokenizer and a plain split
// at spaces give the same mentions: units, not tokens, are matched.
func TestTokenizerIndependence(t *testing.T) {
	d := loadAll(t)
	b, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	toks := tokenize.New().Tokenize(text)
	plain := d.Match(text, nil, day("2024-01-10"))
	tokd := d.Match(text, toks, day("2024-01-10"))
	if a, b := strings.Join(brief(plain), "|"), strings.Join(brief(tokd), "|"); a != b {
		t.Errorf("split at spaces:\n%s\ntokenizer:\n%s", a, b)
	}
	for _, m := range tokd {
		if m.TokStart < 0 || m.TokEnd > len(toks) || toks[m.TokStart].Start > m.Span.Start || toks[m.TokEnd-1].End < m.Span.End {
			t.Errorf("mention %q tokens %d-%d do not cover its span", m.Text, m.TokStart, m.TokEnd)
		}
	}
}
