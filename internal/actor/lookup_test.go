package actor_test

import (
	"slices"
	"testing"

	"github.com/dyad-project/dyad/internal/actor"
)

func TestLookup(t *testing.T) {
	d := loadAll(t)
	for _, tc := range []struct {
		q     string
		codes []string
	}{
		{"Turkey", []string{"TUR"}},
		{"türkiye", []string{"TUR"}},
		{"TURKIYE", []string{"TUR"}},
		{"  the  United   Nations ", []string{"IGOUNO"}},
		{"tur", []string{"TUR"}},
		{"usa", []string{"USA"}},
		{"Russia", []string{"RUS"}},
		{"côte d'ivoire", []string{"CIV"}},
		{"Congo", []string{"COD", "COG"}},
		{"korea", []string{"KOR", "PRK"}},
		{"Erdogan", nil}, // persons are not looked up: their codes change
		{"Nowhereland", nil},
		{"", nil},
	} {
		var got []string
		for _, c := range d.Lookup(tc.q) {
			got = append(got, c.Code)
		}
		if !slices.Equal(got, tc.codes) {
			t.Errorf("Lookup(%q) = %v, want %v", tc.q, got, tc.codes)
		}
	}
}

func TestName(t *testing.T) {
	d := loadAll(t)
	for code, want := range map[string]string{
		"TUR": "Turkey", "USA": "United States", "USAGOV": "United States (GOV)", "RUSMIL": "Russia (MIL)",
		"IGOUNO": "United Nations", "IMGMUSISI": "Islamic State", "I": "", "MED": "", "ZZZ": "",
	} {
		if got := d.Name(code); got != want {
			t.Errorf("Name(%s) = %q, want %q", code, got, want)
		}
	}
}

func TestKnows(t *testing.T) {
	d := loadAll(t)
	for code, want := range map[string]bool{
		"TUR": true, "IR": true, "I": true, "UKRMIL": true, "UKRMILREB": true, "IGOUNO": true,
		"NOWHERELAND": false, "TURKEY": false, "UKRXYZ": false, "": false,
	} {
		if got := d.Knows(code); got != want {
			t.Errorf("Knows(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestSuggest(t *testing.T) {
	d := loadAll(t)
	for _, tc := range []struct {
		q    string
		n    int
		want string // a code among the suggestions
	}{
		{"Turk", 10, "TUR"},
		{"tur", 10, "TUR"}, // the code first
		{"united n", 10, "IGOUNO"},
		{"Russ", 10, "RUS"},
	} {
		got := d.Suggest(tc.q, tc.n)
		if len(got) == 0 || len(got) > tc.n {
			t.Errorf("Suggest(%q, %d) = %v", tc.q, tc.n, got)
			continue
		}
		if !slices.ContainsFunc(got, func(c actor.Candidate) bool { return c.Code == tc.want && c.Name != "" }) {
			t.Errorf("Suggest(%q) = %v, want %s among them", tc.q, got, tc.want)
		}
	}
	if got := d.Suggest("tur", 10); got[0].Code != "TUR" {
		t.Errorf("Suggest(tur)[0] = %v, want TUR first", got[0])
	}
	if got := d.Suggest("a", 3); len(got) != 3 {
		t.Errorf("Suggest(a, 3) gave %d", len(got))
	}
	if got := d.Suggest("  ", 5); got != nil {
		t.Errorf("Suggest(blank) = %v", got)
	}
}
