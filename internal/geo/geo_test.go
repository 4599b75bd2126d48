package geo_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/geo"
	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/postag"
	"github.com/dyad-project/dyad/internal/nlp/segment"
	"github.com/dyad-project/dyad/internal/nlp/tokenize"
)

// loadDefault loads the embedded gazetteer once for all tests.
var loadDefault = sync.OnceValues(geo.Default)

func gazetteer(t testing.TB) *geo.Gazetteer {
	t.Helper()
	g, err := loadDefault()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// loadNLP builds the tokenizer, splitter and tagger Find reads the output
// of (it needs no lemmas or parse).
var loadNLP = sync.OnceValues(func() (*nlp.Pipeline, error) {
	tg, err := postag.Default()
	if err != nil {
		return nil, err
	}
	return &nlp.Pipeline{Tokenizer: tokenize.New(), Segmenter: segment.New(), Tagger: tg}, nil
})

func annotate(t testing.TB, text string) []nlp.Sentence {
	t.Helper()
	p, err := loadNLP()
	if err != nil {
		t.Fatal(err)
	}
	return p.Annotate(text)
}

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Kyiv", "kyiv"},
		{"Côte d'Ivoire", "cote divoire"},
		{"Sana'a", "sanaa"},
		{"Sana’a", "sanaa"},
		{"al-Hasakah", "al hasakah"},
		{"Al Ḩasakah", "al hasakah"},
		{"Port-au-Prince", "port au prince"},
		{"St. Petersburg", "st petersburg"},
		{"Saint Petersburg", "st petersburg"},
		{"Nuku'alofa", "nukualofa"},
		{"Düsseldorf", "dusseldorf"},
		{"Straße", "strasse"},
		{"Łódź", "lodz"},
		{"  Deir   ez-Zor ", "deir ez zor"},
		{"ʿAyn al ʿArab", "ayn al arab"},
		{"Ra’s al ‘Ayn", "ras al ayn"},
		{"Mek'ele", "mekele"},
		{"", ""},
	} {
		if got := geo.Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"few columns", "city\tX\t\tSYR\n", "line 1"},
		{"kind", "town\tX\t\tSYR\tIdlib\t1\t2\t\n", `unknown kind "town"`},
		{"coordinates", "city\tX\t\tSYR\tIdlib\t100\t2\t\n", "bad coordinates"},
		{"country", "city\tX\t\tSY\tIdlib\t1\t2\t\n", `bad country "SY"`},
		{"flag", "# comment\ncity\tX\t\tSYR\tIdlib\t1\t2\tbig\n", `line 2: unknown flag "big"`},
		{"gzip", "\x1f\x8b\x08\x00garbage", "gazetteer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := geo.Load(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load: error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestLoadSmall loads a gazetteer written by hand and looks names up in it.
func TestLoadSmall(t *testing.T) {
	const tsv = "# a test gazetteer\n" +
		"country\tSyria\tSyrian Arab Republic\tSYR\t\t35\t38\t\tSyrian\t\n" +
		"admin1\tIdlib\tIdleb\tSYR\tIdlib\t35.9306\t36.6339\t\t\t\n" +
		"city\tDamascus\t\tSYR\tDamascus\t33.5102\t36.2913\tcapital\t\t\n" +
		"city\tAl Ḩasakah\tHasaka\tSYR\tAl-Hasakah\t36.5024\t40.7477\tknown\t\t\n"
	g, err := geo.Load(strings.NewReader(tsv))
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 4 {
		t.Errorf("Len = %d, want 4", g.Len())
	}
	for _, tc := range []struct{ name, want string }{
		{"syrian arab republic", "Syria SYR country"},
		{"IDLEB", "Idlib SYR admin1"},
		{"al-Hasakah", "Al Ḩasakah SYR city"},
		{"Hasakah", "Al Ḩasakah SYR city"}, // without the article
		{"el-Hasakah", "Al Ḩasakah SYR city"},
		{"Hasaka", "Al Ḩasakah SYR city"},
		{"Aleppo", ""},
	} {
		var got []string
		for _, p := range g.Lookup(tc.name) {
			got = append(got, p.Name+" "+p.Country+" "+p.Kind.String())
		}
		if strings.Join(got, "; ") != tc.want {
			t.Errorf("Lookup(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	if c, ok := g.Capital("SYR"); !ok || c.Name != "Damascus" || c.Kind != geo.City {
		t.Errorf("Capital(SYR) = %+v, %v", c, ok)
	}
	if c, ok := g.Country("SYR"); !ok || c.Kind != geo.Country || c.Lat != 35 {
		t.Errorf("Country(SYR) = %+v, %v", c, ok)
	}
	if _, ok := g.Capital("IRQ"); ok {
		t.Error("Capital(IRQ) found in a gazetteer without Iraq")
	}
}

// TestDefault checks entries of the embedded gazetteer the other tests
// and the news rely on.
func TestDefault(t *testing.T) {
	g := gazetteer(t)
	for _, tc := range []struct {
		name, country string
		kind          geo.Kind
	}{
		{"Kiev", "UKR", geo.City},
		{"Odessa", "UKR", geo.City},
		{"Kharkov", "UKR", geo.City},
		{"Gaza City", "PSE", geo.City},
		{"Hasaka", "SYR", geo.City},
		{"al-Hasakah", "SYR", geo.City},
		{"Sana'a", "YEM", geo.City},
		{"Hodeidah", "YEM", geo.City},
		{"Raqqa", "SYR", geo.City},
		{"Deir ez-Zor", "SYR", geo.City},
		{"Halab", "SYR", geo.City},
		{"Tripoli", "LBN", geo.City},
		{"Tripoli", "LBY", geo.City},
		{"Omdurman", "SDN", geo.City},
		{"El Fasher", "SDN", geo.City},
		{"Bombay", "IND", geo.City},
		{"Calcutta", "IND", geo.City},
		{"Peking", "CHN", geo.City},
		{"Rangoon", "MMR", geo.City},
		{"Burma", "MMR", geo.Country},
		{"Ivory Coast", "CIV", geo.Country},
		{"Turkey", "TUR", geo.Country},
		{"Czech Republic", "CZE", geo.Country},
		{"West Bank", "PSE", geo.Admin1},
		{"Gaza Strip", "PSE", geo.Admin1},
		{"Crimea", "UKR", geo.Admin1},
		{"Donbas", "UKR", geo.Admin1},
		{"Kashmir", "IND", geo.Admin1},
		{"Darfur", "SDN", geo.Admin1},
		{"Tigray", "ETH", geo.Admin1},
		{"Kurdistan Region", "IRQ", geo.Admin1},
		{"Idlib", "SYR", geo.Admin1},
		{"Nara", "JPN", geo.City}, // GeoNames' "Nara-shi"
	} {
		found := false
		for _, p := range g.Lookup(tc.name) {
			if p.Country == tc.country && p.Kind == tc.kind {
				found = true
			}
		}
		if !found {
			t.Errorf("Lookup(%q) has no %s in %s: %v", tc.name, tc.kind, tc.country, g.Lookup(tc.name))
		}
	}
	for cc, want := range map[string]string{"USA": "Washington", "KAZ": "Astana", "MMR": "Nay Pyi Taw", "SYR": "Damascus", "ZAF": "Pretoria"} {
		if c, ok := g.Capital(cc); !ok || c.Name != want {
			t.Errorf("Capital(%s) = %v, want %s", cc, c.Name, want)
		}
	}
	// An admin1 whose national capital lies in it takes its point.
	for _, p := range g.Lookup("Idlib") {
		if p.Kind == geo.Admin1 && (p.Lat < 35.5 || p.Lat > 36.3) {
			t.Errorf("Idlib division's point %v is not near Idlib city", p)
		}
	}
}

// mention is a mention in short, for table tests.
func mention(m geo.Mention) string {
	s := fmt.Sprintf("%s=%s/%s/%s", m.Text, m.Place.Name, m.Place.Country, m.Place.Kind)
	if m.Dateline {
		s += " dateline"
	} else if m.Cue != "" {
		s += " (" + m.Cue + ")"
	}
	return s
}

func TestFind(t *testing.T) {
	g := gazetteer(t)
	for _, tc := range []struct {
		name      string
		text      string
		countries map[string]int
		want      string // the mentions, "; "-separated
	}{
		{"cue in", "Fighting resumed in Mosul on Tuesday.", nil, "Mosul=Mosul/IRQ/city (in)"},
		{"cue near", "A car bomb exploded near Kandahar airport.", nil, "Kandahar=Kandahār/AFG/city (near)"},
		{"cue outside", "They camped outside Goma for a week.", nil, "Goma=Goma/COD/city (outside)"},
		{"city of", "Rebels entered the city of Farah on Monday.", nil, "Farah=Farah/AFG/city (city of)"},
		{"north of", "Shelling hit villages north of Aleppo.", nil, "Aleppo=Aleppo/SYR/city (north of)"},
		{"direction", "Troops moved into northern Syria.", nil, "Syria=Syria/SYR/country (northern)"},
		{"country", "Soldiers were deployed in Mali.", nil, "Mali=Mali/MLI/country (in)"},
		{"province after", "Jets struck targets in Hama province.", nil, "Hama=Hama/SYR/admin1 (province)"},
		{"province in the name", "Jets struck targets in Idlib province.", nil, "Idlib province=Idlib/SYR/admin1 (in)"},
		{"division without cue", "Rakhine has been closed to reporters.", nil, "Rakhine=Rakhine/MMR/admin1"},
		{"capital without cue", "Kabul announced new rules.", nil, "Kabul=Kabul/AFG/city"},
		{"dateline with country", "DAMASCUS, Syria — Shells fell on the capital.", nil, "DAMASCUS=Damascus/SYR/city dateline; Syria=Syria/SYR/country"},
		{"dateline with outlet", "KYIV (Meridian Wire) — Sirens sounded overnight.", nil, "KYIV=Kyiv/UKR/city dateline"},
		{"dateline plain", "Nairobi — Kenya's parliament met on Monday.", nil, "Nairobi=Nairobi/KEN/city dateline; Kenya=Kenya/KEN/country"},
		{"dateline exonym", "KIEV — Separatist artillery shelled the town.", nil, "KIEV=Kyiv/UKR/city dateline"},
		{"beside country", "A bomb went off in Tripoli, Lebanon, on Friday.", nil, "Tripoli=Tripoli/LBN/city (in); Lebanon=Lebanon/LBN/country (in)"},
		{"document country", "Militias clashed in Tripoli.", map[string]int{"LBY": 3}, "Tripoli=Tripoli/LBY/city (in)"},
		{"document country 2", "Militias clashed in Tripoli.", map[string]int{"LBN": 3}, "Tripoli=Tripoli/LBN/city (in)"},
		{"possessive", "Jets struck Syria's Hama province.", nil, "Syria=Syria/SYR/country; Hama=Hama/SYR/admin1 (province)"},
		{"coordination", "Fighting spread in Homs and Hama.", nil, "Homs=Homs/SYR/city (in); Hama=Ḩamāh/SYR/city (in)"},
		{"hyphenated", "Aid reached Port-au-Prince on Sunday.", nil, "Port-au-Prince=Port-au-Prince/HTI/city"},
		{"article", "Kurdish forces held al-Hasakah.", nil, "al-Hasakah=Al Ḩasakah/SYR/city"},
		{"article dropped", "Kurdish forces held Hasakah.", nil, "Hasakah=Al Ḩasakah/SYR/city"},
		{"the in name", "Clashes continued in the West Bank.", nil, "West Bank=West Bank/PSE/admin1 (in)"},
		{"the in the name", "Judges in The Hague ruled on Friday.", nil, "The Hague=The Hague/NLD/city (in)"},
		{"a longer name after the", "Troops entered the buffer zone on the Golan Heights.", nil, "Golan Heights=Golan Heights/SYR/admin1 (on)"},
		{"landmark with cue", "They met at the White House on Monday.", nil, "White House=Washington/USA/city (at)"},
		{"landmark without cue", "The White House said nothing.", nil, ""},
		{"airline", "Kenya Airways cancelled flights.", nil, ""},
		{"bank", "He spoke at the Bank of England.", nil, ""},
		{"person", "Bush said the war was over.", nil, ""},
		{"month", "The vote was moved to May.", nil, ""},
		{"police", "Police said three men were held.", nil, ""},
		{"person first name", "Foreign Minister Antony Blinken spoke to reporters.", nil, ""},
		{"unknown town without cue", "Said called for calm in the city.", nil, ""},
		{"ordinary word with cue", "The march ended in Reading.", nil, "Reading=Reading/GBR/city (in)"},
		{"ordinary word without cue", "Reading the report, he frowned.", nil, ""},
		{"demonym", "The Somali group claimed the attack.", nil, ""},
		{"acronym", "Sweden's NATO bid stalled.", nil, "Sweden=Sweden/SWE/country"},
		{"person with a particle", "President Luiz Inacio Lula da Silva took office.", map[string]int{"MEX": 1}, ""},
		{"person at the start", "Minoru Kihara, the cabinet secretary, spoke.", map[string]int{"JPN": 1}, ""},
		{"newspaper", "The minister spoke to the Levant Observer in Amman.", nil, "Amman=Amman/JOR/city (in)"},
		{"lower case", "talks in doha ended without a deal. police in the area said little.", nil, "doha=Doha/QAT/city (in)"},
		{"upper case", "MILITANTS ATTACKED VILLAGES IN BORNO STATE ON TUESDAY, SAID POLICE IN MAIDUGURI.", nil, "BORNO STATE=Borno State/NGA/admin1 (in); MAIDUGURI=Maiduguri/NGA/city (in)"},
		{"known city inside a name after a cue", "Gunmen attacked students at Garissa University College.", nil, "Garissa=Garissa/KEN/city (at)"},
		{"tagger error", "Mahathir told reporters in Beijing on Tuesday that the deal was off.", nil, "Beijing=Beijing/CHN/city (in)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range g.Find(tc.text, annotate(t, tc.text), tc.countries) {
				got = append(got, mention(m))
				if tc.text[m.Span.Start:m.Span.End] != m.Text {
					t.Errorf("%q: span %v is %q", m.Text, m.Span, tc.text[m.Span.Start:m.Span.End])
				}
			}
			if s := strings.Join(got, "; "); s != tc.want {
				t.Errorf("Find(%q)\n got %s\nwant %s", tc.text, s, tc.want)
			}
		})
	}
}

// TestFindTokens checks that a mention's sentence and token indexes point at
// its words.
func TestFindTokens(t *testing.T) {
	g := gazetteer(t)
	text := "Talks ended. Fighting resumed near Deir ez-Zor in eastern Syria."
	sents := annotate(t, text)
	ms := g.Find(text, sents, nil)
	if len(ms) != 2 {
		t.Fatalf("got %d mentions: %v", len(ms), ms)
	}
	for _, m := range ms {
		toks := sents[m.Sent].Tokens[m.TokStart:m.TokEnd]
		if toks[0].Start != m.Span.Start || toks[len(toks)-1].End != m.Span.End {
			t.Errorf("%q: tokens %d..%d of sentence %d cover %d..%d, span %v", m.Text, m.TokStart, m.TokEnd, m.Sent, toks[0].Start, toks[len(toks)-1].End, m.Span)
		}
	}
	if ms[0].Text != "Deir ez-Zor" || ms[0].Sent != 1 || ms[0].Place.Country != "SYR" {
		t.Errorf("first mention %+v", ms[0])
	}
}

// TestWhy checks that the choice among entries of one name is explained.
func TestWhy(t *testing.T) {
	g := gazetteer(t)
	for _, tc := range []struct {
		text      string
		countries map[string]int
		wants     []string
	}{
		{"A bomb went off in Tripoli, Lebanon.", nil, []string{"Tripoli (city, LBN", "beside Lebanon", "next Tripoli (city, LBY)"}},
		{"Militias clashed in Tripoli.", map[string]int{"LBY": 2}, []string{"Tripoli (city, LBY", "capital", "document country LBY"}},
		{"Jets struck Hama province.", nil, []string{"Hama (admin1, SYR)", `"province" calls for a admin1`}},
		{"Talks opened in Paris.", map[string]int{"USA": 4}, []string{"Paris (city, FRA", "capital", "next Paris (city, USA)"}},
	} {
		ms := g.Find(tc.text, annotate(t, tc.text), tc.countries)
		if len(ms) == 0 {
			t.Errorf("Find(%q): nothing", tc.text)
			continue
		}
		m := ms[0]
		for _, w := range tc.wants {
			if !strings.Contains(m.Why, w) {
				t.Errorf("Find(%q): Why %q lacks %q", tc.text, m.Why, w)
			}
		}
		if m.Score <= 0 {
			t.Errorf("Find(%q): score %v", tc.text, m.Score)
		}
	}
}

// TestCountryNeverCity checks that a country's centroid keeps its kind.
func TestCountryNeverCity(t *testing.T) {
	g := gazetteer(t)
	text := "Refugees crossed into Chad."
	ms := g.Find(text, annotate(t, text), nil)
	if len(ms) != 1 || ms[0].Place.Kind != geo.Country || ms[0].Place.Name != "Chad" {
		t.Fatalf("Find: %v", ms)
	}
}

func TestResolve(t *testing.T) {
	g := gazetteer(t)
	for _, tc := range []struct {
		name, text, span string
		countries        map[string]int
		want             string
	}{
		{"a mention in the span", "Talks were held in the Syrian city of Aleppo.", "the Syrian city of Aleppo", nil, "Aleppo/SYR/city"},
		{"the most precise mention", "Jets struck Syria's Idlib province.", "Syria's Idlib province", nil, "Idlib/SYR/admin1"},
		{"country's capital", "Protesters marched in Sudan's capital on Friday.", "Sudan's capital", nil, "Khartoum/SDN/city"},
		{"demonym capital", "Protesters marched in the Belarusian capital.", "the Belarusian capital", nil, "Minsk/BLR/city"},
		{"dateline capital", "KHARTOUM — Protesters marched in the capital on Friday.", "the capital", nil, "Khartoum/SDN/city"},
		{"document capital", "Protesters marched in the capital on Friday.", "the capital", map[string]int{"SDN": 2}, "Khartoum/SDN/city"},
		{"the city", "Shelling hit Kharkiv overnight. The city has no power.", "The city", nil, "Kharkiv/UKR/city"},
		{"landmark", "The two leaders met at the Kremlin.", "the Kremlin", nil, "Moscow/RUS/city"},
		{"landmark without cue", "The Kremlin denied the report.", "The Kremlin", nil, "Moscow/RUS/city"},
		{"dateline fallback", "ADDIS ABABA — Soldiers gathered outside parliament.", "outside parliament", nil, "Addis Ababa/ETH/city"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			i := strings.Index(tc.text, tc.span)
			if i < 0 {
				t.Fatalf("%q not in %q", tc.span, tc.text)
			}
			p := g.Places(tc.text, annotate(t, tc.text), tc.countries)
			m, ok := p.Resolve(doc.Span{Start: i, End: i + len(tc.span)})
			got := ""
			if ok {
				got = m.Place.Name + "/" + m.Place.Country + "/" + m.Place.Kind.String()
			}
			if got != tc.want {
				t.Errorf("Resolve(%q) = %s (%s), want %s", tc.span, got, m.Why, tc.want)
			}
		})
	}
}

func TestScore(t *testing.T) {
	g := gazetteer(t)
	text := "BEIRUT — A bomb went off in Tripoli on Friday. Talks continued in Geneva."
	span := func(s string) doc.Span {
		i := strings.Index(text, s)
		return doc.Span{Start: i, End: i + len(s)}
	}
	f, rs := geo.Score(g, []geo.Gold{{
		Text: text, Sentences: annotate(t, text), Countries: map[string]int{"LBN": 2},
		Places: []geo.GoldPlace{
			{Span: span("Tripoli"), Text: "Tripoli", Name: "Tripoli", Country: "LBN"},
			{Span: span("Geneva"), Text: "Geneva", Name: "Genève", Country: "CHE"},
			{Span: span("Talks"), Text: "Talks", Name: "Sidon", Country: "LBN"},
		},
	}})
	if f.Places != 3 || f.Exact != 2 || f.Country != 3 || f.Within != 3 || f.Detected != 2 || f.Known != 3 {
		t.Errorf("figures %+v", f)
	}
	if !rs[1].Exact {
		t.Errorf("Geneva for Genève is the same gazetteer entry: %+v", rs[1])
	}
	if !strings.Contains(f.String(), "exact 66.7 %") {
		t.Errorf("String() = %s", f)
	}
}

// TestConcurrent runs Find from several goroutines on one Gazetteer (go
// test -race checks it).
func TestConcurrent(t *testing.T) {
	g := gazetteer(t)
	text := "KYIV — Shelling hit Kharkiv and Odesa overnight, officials in Kyiv said."
	sents := annotate(t, text)
	want := fmt.Sprint(g.Find(text, sents, nil))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 20 {
				if got := fmt.Sprint(g.Find(text, sents, map[string]int{"UKR": 1})); got == "" {
					t.Error("no mentions")
				}
			}
		})
	}
	wg.Wait()
	if got := fmt.Sprint(g.Find(text, sents, nil)); got != want {
		t.Errorf("Find changed after concurrent use:\n%s\n%s", got, want)
	}
}
