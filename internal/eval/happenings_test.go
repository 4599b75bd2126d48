package eval

import (
	"math"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/event"
)

func TestScoreClusters(t *testing.T) {
	gold := map[string]string{"a": "1", "b": "1", "c": "1", "d": "2", "e": "3"}
	// perfect
	s := ScoreClusters(gold, gold)
	if s.PairF1 != 1 || s.BCubedF1 != 1 {
		t.Errorf("perfect clustering: %+v", s)
	}
	// every item alone: B-cubed precision 1, recall (1/3*3 + 1 + 1)/5 = 0.6
	alone := map[string]string{"a": "a", "b": "b", "c": "c", "d": "d", "e": "e"}
	s = ScoreClusters(gold, alone)
	if s.BCubedP != 1 || math.Abs(s.BCubedR-0.6) > 1e-9 || s.PairR != 0 {
		t.Errorf("singletons: %+v", s)
	}
	// everything together: B-cubed recall 1, precision (3/5*3 + 1/5 + 1/5)/5 = 0.44
	one := map[string]string{"a": "x", "b": "x", "c": "x", "d": "x", "e": "x"}
	s = ScoreClusters(gold, one)
	if s.BCubedR != 1 || math.Abs(s.BCubedP-0.44) > 1e-9 || math.Abs(s.PairP-0.3) > 1e-9 {
		t.Errorf("one cluster: %+v", s)
	}
}

func TestReadHappenings(t *testing.T) {
	good := `{"id":"hap-x-001-a","happening":"h-x-001","date":"2024-03-06","outlet":"A","title":"t","text":"Some text.","gold":{"code":"041","source":"USA","target":"TUR","date":"2024-03-05","place":"","country":""},"distractor_of":""}`
	in := good + "\n" + strings.Replace(good, `"code":"041"`, `"code":"x"`, 1) + "\n" + `{"id":1}` + "\n" +
		strings.Replace(good, `"date":"2024-03-06"`, `"date":"March 6"`, 1) + "\n" + strings.Replace(good, `"title"`, `"headline"`, 1)
	as, err := ReadHappenings(strings.NewReader(in), "x.jsonl")
	if len(as) != 1 {
		t.Errorf("%d articles read, want the 1 good one", len(as))
	}
	for _, want := range []string{"x.jsonl:2: hap-x-001-a: gold.code", "x.jsonl:3:", "x.jsonl:4: hap-x-001-a: date \"March 6\"", "x.jsonl:5: json: unknown field \"headline\""} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
	b := as[0]
	b.ID, b.Outlet = "hap-x-001-b", "B"
	if err := CheckHappenings([]HappeningArticle{as[0], b}); err != nil {
		t.Errorf("CheckHappenings: %v", err)
	}
	b.Outlet = "A"
	if err := CheckHappenings([]HappeningArticle{as[0], b}); err == nil || !strings.Contains(err.Error(), "fewer than two outlets") {
		t.Errorf("one outlet: %v", err)
	}
	b.Outlet, b.Gold.Code = "B", "042"
	if err := CheckHappenings([]HappeningArticle{as[0], b}); err == nil || !strings.Contains(err.Error(), "gold differs") {
		t.Errorf("two golds: %v", err)
	}
}

func TestGoldEvent(t *testing.T) {
	a := HappeningArticle{Gold: HappeningGold{Code: "041", Source: "USA", Target: "IGOUNO"}}
	es := []event.Event{
		{ID: "neg", Root: "04", Status: event.Negated, Source: event.Actor{Code: "USAGOV", Country: "USA"}, Target: event.Actor{Code: "IGOUNO"}},
		{ID: "other", Root: "11", Status: event.Asserted, Source: event.Actor{Code: "USAGOV", Country: "USA"}, Target: event.Actor{Code: "IGOUNO"}},
		{ID: "yes", Root: "04", Status: event.Reported, Source: event.Actor{Code: "USAGOV", Country: "USA"}, Target: event.Actor{Code: "IGOUNOKID"}},
	}
	if e, ok := GoldEvent(a, es); !ok || e.ID != "yes" {
		t.Errorf("GoldEvent = %s %v, want yes", e.ID, ok)
	}
	a.Gold.Target = "FRA"
	if _, ok := GoldEvent(a, es); ok {
		t.Errorf("GoldEvent found a call with another target")
	}
}
