package store

import (
	"slices"
	"testing"

	"github.com/dyad-project/dyad/internal/event"
)

func TestActorKeys(t *testing.T) {
	for _, c := range []struct {
		source, target string
		want           []string
	}{
		{"RUSGOV", "UKRMIL", []string{"RUS", "RUSGOV", "UKR", "UKRMIL"}},
		{"RUSGOV", "RUSMIL", []string{"RUS", "RUSGOV", "RUSMIL"}},
		{"USA", "USA", []string{"USA"}},
		{"IGOUNOKID", "", []string{"IGO", "IGOUNO", "IGOUNOKID"}},
		{"USAG", "X", []string{"USA"}},
		{"", "", nil},
	} {
		if got := ActorKeys(c.source, c.target); !slices.Equal(got, c.want) {
			t.Errorf("ActorKeys(%q, %q) = %q, want %q", c.source, c.target, got, c.want)
		}
	}
}

func TestWhichSummaryAnswers(t *testing.T) {
	for _, c := range []struct {
		name                            string
		f                               EventFilter
		totals, actor, code, dyadTotals bool
	}{
		{"everything", EventFilter{}, true, false, false, true},
		{"dates and quad", EventFilter{From: "2024-01-03", To: "2024-02-01", Quad: 4}, true, false, false, false},
		{"country", EventFilter{Actor: "RUS"}, false, true, false, true},
		{"code of an actor", EventFilter{Actor: "RUSGOV", Mentions: true}, false, true, false, true},
		{"prefix not a key", EventFilter{Actor: "RUSG"}, false, false, false, true},
		{"source", EventFilter{Source: "RUS"}, false, false, false, true},
		{"actor and source", EventFilter{Actor: "RUS", Source: "UKR"}, false, false, false, true},
		{"root", EventFilter{Root: "19", From: "2024-01-01"}, false, false, true, false},
		{"code under its root", EventFilter{Code: "190", Root: "19"}, false, false, true, false},
		{"code outside its root", EventFilter{Code: "190", Root: "18"}, false, false, false, false},
		{"code and actor", EventFilter{Code: "190", Actor: "RUS"}, false, false, false, false},
		{"outlet", EventFilter{Outlet: "Wire"}, false, false, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := [4]bool{TotalsSummarized(c.f), ActorSummarized(c.f), CodeSummarized(c.f), DyadTotalsSummarized(c.f)}
			if want := [4]bool{c.totals, c.actor, c.code, c.dyadTotals}; got != want {
				t.Errorf("totals, actor, code, dyad totals = %v, want %v", got, want)
			}
		})
	}
	if k, root := CodeKey(EventFilter{Code: "190", Root: "19"}); k != "190" || root {
		t.Errorf("CodeKey(code 190, root 19) = %q, %v; want 190, false", k, root)
	}
	if k, root := CodeKey(EventFilter{Root: "19"}); k != "19" || !root {
		t.Errorf("CodeKey(root 19) = %q, %v; want 19, true", k, root)
	}
	want := []CodedKey{{Key: "19"}, {Key: "19", Root: true}}
	if k := CodeKeys("19", "19"); !slices.Equal(k, want) {
		t.Errorf("CodeKeys(19, 19) = %v, want %v: a two-digit code and its root are two keys", k, want)
	}
}

func TestPlacesSummarized(t *testing.T) {
	for _, c := range []struct {
		name string
		f    EventFilter
		want bool
	}{
		{"everything", EventFilter{}, true},
		{"country", EventFilter{Country: "UKR"}, true},
		{"city", EventFilter{City: "Kyiv", Mentions: true}, true},
		{"city, country, dates, quad and statuses", EventFilter{Country: "UKR", City: "Kyiv", From: "2024-01-01", To: "2024-01-31",
			Quad: 4, Statuses: []event.Status{event.Negated}}, true},
		{"country and actor", EventFilter{Country: "UKR", Actor: "RUS"}, false},
		{"city and source", EventFilter{City: "Kyiv", Source: "RUS"}, false},
		{"country and target", EventFilter{Country: "UKR", Target: "UKR"}, false},
		{"country and code", EventFilter{Country: "UKR", Code: "190"}, false},
		{"country and root", EventFilter{Country: "UKR", Root: "19"}, false},
		{"plover", EventFilter{Plover: "ASSAULT"}, false},
		{"outlet", EventFilter{City: "Kyiv", Outlet: "wire"}, false},
		{"document", EventFilter{Country: "UKR", DocID: "abc"}, false},
		{"text", EventFilter{Country: "UKR", Text: "shelling"}, false},
	} {
		if got := PlacesSummarized(c.f); got != c.want {
			t.Errorf("%s: PlacesSummarized = %v, want %v", c.name, got, c.want)
		}
	}
}
