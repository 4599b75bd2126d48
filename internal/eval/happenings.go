package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/event"
)

// HappeningArticle is one article of the happenings set
// (data/happenings, docs/happenings.md): a report of one gold happening.
type HappeningArticle struct {
	ID           string        `json:"id"`
	Happening    string        `json:"happening"`
	Date         string        `json:"date"`
	Outlet       string        `json:"outlet"`
	Title        string        `json:"title"`
	Text         string        `json:"text"`
	Gold         HappeningGold `json:"gold"`
	DistractorOf string        `json:"distractor_of"`
}

// HappeningGold is what happened: the act, the two sides by country (or
// code), the day and the place.
type HappeningGold struct {
	Code    string `json:"code"`
	Source  string `json:"source"`
	Target  string `json:"target"`
	Date    string `json:"date"`
	Place   string `json:"place"`
	Country string `json:"country"`
}

// MaxArticleBytes bounds the text of one article of the set.
const MaxArticleBytes = 16 << 10

// ReadHappenings reads one file of the set. Every problem is an error
// naming the file and line; all of them are returned together.
func ReadHappenings(r io.Reader, name string) ([]HappeningArticle, error) {
	var out []HappeningArticle
	var errs []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		bad := func(format string, args ...any) {
			errs = append(errs, fmt.Sprintf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
		}
		var a HappeningArticle
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&a); err != nil {
			bad("%v", err)
			continue
		}
		switch {
		case a.ID == "" || a.Happening == "":
			bad("id and happening are required")
		case strings.TrimSpace(a.Text) == "":
			bad("%s: empty text", a.ID)
		case len(a.Text) > MaxArticleBytes:
			bad("%s: text of %d bytes, more than %d", a.ID, len(a.Text), MaxArticleBytes)
		case len(a.Gold.Code) < 2 || strings.Trim(a.Gold.Code, "0123456789") != "":
			bad("%s: gold.code %q is not a CAMEO code", a.ID, a.Gold.Code)
		case a.Gold.Source == "":
			bad("%s: gold.source is required", a.ID)
		default:
			ok := true
			for _, d := range []struct{ field, v string }{{"date", a.Date}, {"gold.date", a.Gold.Date}} {
				if _, err := time.Parse(time.DateOnly, d.v); err != nil {
					bad("%s: %s %q is not YYYY-MM-DD", a.ID, d.field, d.v)
					ok = false
				}
			}
			if ok {
				out = append(out, a)
			}
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Sprintf("%s: %v", name, err))
	}
	if len(errs) > 0 {
		return out, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return out, nil
}

// CheckHappenings checks a whole set: unique article IDs, one gold per
// happening, and at least two reports from different outlets for every
// happening that is not a distractor.
func CheckHappenings(as []HappeningArticle) error {
	var errs []string
	ids := map[string]bool{}
	gold := map[string]HappeningGold{}
	outlets := map[string]map[string]bool{}
	for _, a := range as {
		if ids[a.ID] {
			errs = append(errs, fmt.Sprintf("article %s appears twice", a.ID))
		}
		ids[a.ID] = true
		if g, ok := gold[a.Happening]; ok && g != a.Gold {
			errs = append(errs, fmt.Sprintf("article %s: gold differs from the other reports of %s", a.ID, a.Happening))
		}
		gold[a.Happening] = a.Gold
		if outlets[a.Happening] == nil {
			outlets[a.Happening] = map[string]bool{}
		}
		outlets[a.Happening][a.Outlet] = true
	}
	for _, a := range as {
		if a.DistractorOf == "" && len(outlets[a.Happening]) < 2 {
			errs = append(errs, fmt.Sprintf("happening %s: fewer than two outlets report it", a.Happening))
			outlets[a.Happening]["(reported)"], outlets[a.Happening]["(once)"] = true, true
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}

// GoldEvent returns the first event, in text order, that states the
// article's gold happening: the gold root, and the gold source and target
// (an actor's country, or for actors without one its code; a gold code
// prefix such as IGOUNO matches IGOUNOKID). A gold without target matches
// any target.
func GoldEvent(a HappeningArticle, es []event.Event) (event.Event, bool) {
	root := a.Gold.Code[:2]
	for _, e := range es {
		if e.Root != root || !e.Status.Counted() || !sideIs(e.Source, a.Gold.Source) {
			continue
		}
		if a.Gold.Target != "" && !sideIs(e.Target, a.Gold.Target) {
			continue
		}
		return e, true
	}
	return event.Event{}, false
}

func sideIs(a event.Actor, gold string) bool {
	if gold == "" {
		return false
	}
	if a.Country != "" && a.Country == gold {
		return true
	}
	return a.Code != "" && (strings.HasPrefix(a.Code, gold) || len(gold) > 3 && strings.HasPrefix(gold, a.Code) && len(a.Code) > 3)
}

// ClusterScore compares a clustering of items with the gold one.
type ClusterScore struct {
	Items                                  int
	PairP, PairR, PairF1                   float64 // over pairs of items
	BCubedP, BCubedR, BCubedF1             float64 // per item, averaged
	GoldClusters, PredClusters, GoldLinked int
}

// ScoreClusters scores predicted against gold clusters of the same items
// (item → cluster ID): pairwise precision and recall over the pairs placed
// together, and B-cubed precision and recall, each item's share of its
// predicted cluster that is in its gold cluster and the reverse.
func ScoreClusters(gold, pred map[string]string) ClusterScore {
	items := make([]string, 0, len(gold))
	for k := range gold {
		items = append(items, k)
	}
	slices.Sort(items)
	members := func(m map[string]string) map[string][]string {
		out := map[string][]string{}
		for _, it := range items {
			out[m[it]] = append(out[m[it]], it)
		}
		return out
	}
	gm, pm := members(gold), members(pred)
	s := ClusterScore{Items: len(items), GoldClusters: len(gm), PredClusters: len(pm)}
	var tp, goldPairs, predPairs int
	for _, ms := range gm {
		goldPairs += len(ms) * (len(ms) - 1) / 2
		if len(ms) > 1 {
			s.GoldLinked++
		}
	}
	for _, ms := range pm {
		predPairs += len(ms) * (len(ms) - 1) / 2
		for i := range ms {
			for j := i + 1; j < len(ms); j++ {
				if gold[ms[i]] == gold[ms[j]] {
					tp++
				}
			}
		}
	}
	s.PairP, s.PairR = ratio(tp, predPairs), ratio(tp, goldPairs)
	s.PairF1 = F1(s.PairP, s.PairR)
	for _, it := range items {
		same := 0
		for _, o := range pm[pred[it]] {
			if gold[o] == gold[it] {
				same++
			}
		}
		s.BCubedP += float64(same) / float64(len(pm[pred[it]]))
		s.BCubedR += float64(same) / float64(len(gm[gold[it]]))
	}
	if n := float64(len(items)); n > 0 {
		s.BCubedP /= n
		s.BCubedR /= n
	}
	s.BCubedF1 = F1(s.BCubedP, s.BCubedR)
	return s
}
