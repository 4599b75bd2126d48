package actor_test

import (
	"slices"
	"testing"
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
