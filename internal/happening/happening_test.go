package happening

import (
	"math/rand"
	"slices"
	"testing"

	"github.com/dyad-project/dyad/internal/event"
)

func day(t *testing.T, s string) int {
	t.Helper()
	d, ok := Day(s)
	if !ok {
		t.Fatalf("bad date %q", s)
	}
	return d
}

func TestKey(t *testing.T) {
	call := event.Event{Code: "041", Root: "04", Status: event.Reported,
		Source: event.Actor{Code: "USAGOV", Country: "USA", Sector: "GOV"},
		Target: event.Actor{Code: "TURGOV", Country: "TUR", Sector: "GOV"}}
	tests := []struct {
		name string
		edit func(e *event.Event)
		want string
	}{
		{"call", func(e *event.Event) {}, "04|USA|TUR"},
		{"another code of the root links", func(e *event.Event) { e.Code = "042" }, "04|USA|TUR"},
		{"statements by code", func(e *event.Event) { e.Code, e.Root = "012", "01" }, "012|USA|TUR"},
		{"IGO by code", func(e *event.Event) { e.Target = event.Actor{Code: "IGOUNO"} }, "04|USA|IGOUNO"},
		{"no target", func(e *event.Event) { e.Target = event.Actor{} }, "04|USA|"},
		{"negated is not linked", func(e *event.Event) { e.Status = event.Negated }, ""},
		{"future is not linked", func(e *event.Event) { e.Status = event.Future }, ""},
		{"no source", func(e *event.Event) { e.Source = event.Actor{} }, ""},
	}
	for _, tt := range tests {
		e := call
		tt.edit(&e)
		if got := Key(&e); got != tt.want {
			t.Errorf("%s: Key = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestInterval(t *testing.T) {
	d := day(t, "2024-03-05")
	tests := []struct {
		date, precision string
		start, end      int
		ok              bool
	}{
		{"2024-03-05", "day", d, d, true},
		{"2024-03-05", "week", d, d + 6, true},
		{"2024-03-05", "publication", d - 2, d, true},
		{"2024-03-01", "month", 0, 0, false},
		{"2024-01-01", "year", 0, 0, false},
		{"", "day", 0, 0, false},
	}
	for _, tt := range tests {
		s, e, ok := Interval(&event.Event{Date: tt.date, Precision: tt.precision})
		if s != tt.start || e != tt.end || ok != tt.ok {
			t.Errorf("Interval(%s %s) = %d %d %v, want %d %d %v", tt.date, tt.precision, s, e, ok, tt.start, tt.end, tt.ok)
		}
	}
	if got := Date(d); got != "2024-03-05" {
		t.Errorf("Date(Day) = %s", got)
	}
}

func TestCompatible(t *testing.T) {
	kharkiv := Member{Country: "UKR", Point: true, Lat: 49.98, Lon: 36.25}
	chuhuiv := Member{Country: "UKR", Point: true, Lat: 49.84, Lon: 36.69} // ~35 km
	odesa := Member{Country: "UKR", Point: true, Lat: 46.48, Lon: 30.72}   // ~560 km
	ukraine := Member{Country: "UKR"}
	russia := Member{Country: "RUS"}
	none := Member{}
	tests := []struct {
		a, b Member
		want bool
	}{
		{kharkiv, chuhuiv, true},
		{kharkiv, odesa, false},
		{kharkiv, ukraine, true},
		{kharkiv, russia, false},
		{kharkiv, none, true},
		{ukraine, russia, false},
		{none, none, true},
	}
	for i, tt := range tests {
		if got := Compatible(&tt.a, &tt.b); got != tt.want {
			t.Errorf("%d: Compatible = %v, want %v", i, got, tt.want)
		}
	}
	sectors := []struct {
		a, b string
		want bool
	}{
		{"GOV", "GOV", true}, {"GOV", "", true}, {"MIL", "GOV", true}, {"COP", "JUD", true},
		{"REB", "GOV", false}, {"CVL", "OPP", false}, {"REB", "", true},
	}
	for _, tt := range sectors {
		a, b := Member{SourceSector: tt.a}, Member{SourceSector: tt.b}
		if got := Compatible(&a, &b); got != tt.want {
			t.Errorf("source sectors %q, %q: Compatible = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		a, b = Member{TargetSector: tt.a}, Member{TargetSector: tt.b}
		if got := Compatible(&a, &b); got != tt.want {
			t.Errorf("target sectors %q, %q: Compatible = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func groups(as []Assignment) map[string][]string {
	g := map[string][]string{}
	for _, a := range as {
		g[a.Happening] = append(g[a.Happening], a.ID)
	}
	for k := range g {
		slices.Sort(g[k])
	}
	return g
}

func TestCluster(t *testing.T) {
	d := day(t, "2024-03-05")
	kharkiv := func(id string, s, e int) Member {
		return Member{ID: id, Start: s, End: e, Country: "UKR", Point: true, Lat: 49.98, Lon: 36.25}
	}
	odesa := func(id string, s, e int) Member {
		return Member{ID: id, Start: s, End: e, Country: "UKR", Point: true, Lat: 46.48, Lon: 30.72}
	}
	ms := []Member{
		kharkiv("a", d, d),
		kharkiv("b", d, d),
		{ID: "c", Start: d - 1, End: d + 1}, // dated by publication on d+1, no place
		kharkiv("d", d+1, d+1),              // the next day's strike
		odesa("e", d, d),                    // the same day, 560 km away
		kharkiv("f", d+3, d+3),
		{ID: "g", Start: d + 2, End: d + 4, Country: "UKR"}, // publication on d+4, country only
	}
	got := groups(Cluster(ms))
	want := map[string][]string{
		"a": {"a", "b", "c"}, // c holds day d
		"e": {"e"},
		"d": {"d"},
		"f": {"f", "g"},
	}
	if len(got) != len(want) {
		t.Fatalf("Cluster = %v, want %v", got, want)
	}
	for k, v := range want {
		if !slices.Equal(got[k], v) {
			t.Errorf("happening %s = %v, want %v (all: %v)", k, got[k], v, got)
		}
	}
	// The same set in any order gives the same happenings.
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 20; i++ {
		r.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
		if g := groups(Cluster(ms)); len(g) != len(got) || !slices.Equal(g["a"], got["a"]) || !slices.Equal(g["f"], got["f"]) {
			t.Fatalf("order %d: %v, want %v", i, g, got)
		}
	}
}

// A month of daily strikes between the same sides stays a month of
// happenings: linking never chains days that no member shares.
func TestClusterDoesNotChain(t *testing.T) {
	d := day(t, "2024-03-01")
	var ms []Member
	for i := 0; i < 30; i++ {
		ms = append(ms, Member{ID: string(rune('A' + i)), Start: d + i, End: d + i})
		ms = append(ms, Member{ID: string(rune('a' + i)), Start: d + i - 1, End: d + i}) // next-day reports dated by publication
	}
	if n := len(groups(Cluster(ms))); n < 30 {
		t.Errorf("%d happenings for 30 days of strikes, want at least 30", n)
	}
}
