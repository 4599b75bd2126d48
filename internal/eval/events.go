package eval

import (
	"sort"
	"strconv"

	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/corpus"
)

// EventLevels returns the cumulative levels events are scored at: each adds one
// field that must agree to the ones before it.
func EventLevels() []string {
	return []string{"event", "+root", "+code", "+source", "+target", "+status", "+date"}
}

// eventMatch reports whether a system event p matches a gold event g at a
// level (index into EventLevels).
func eventMatch(g, p *corpus.Event, level int) bool {
	if !overlaps(g.Trigger, p.Trigger) {
		return false
	}
	if level >= 1 && cameo.Root(g.Code) != cameo.Root(p.Code) {
		return false
	}
	if level >= 2 && g.Code != p.Code {
		return false
	}
	if level >= 3 && g.Source.Code != p.Source.Code {
		return false
	}
	if level >= 4 && codeOrEmpty(g.Target) != codeOrEmpty(p.Target) {
		return false
	}
	if level >= 5 && g.Status != p.Status {
		return false
	}
	if level >= 6 && g.Date.Value != p.Date.Value {
		return false
	}
	return true
}

func overlaps(a, b corpus.Span) bool { return a.Start < b.End && b.Start < a.End }

func codeOrEmpty(a *corpus.Actor) string {
	if a == nil {
		return ""
	}
	return a.Code
}

// matchEvents pairs gold and system events one to one under ok, greedily,
// taking first the pairs whose triggers start closest together. It returns
// the number of pairs and, for each gold event, the index of its partner or -1.
func matchEvents(gold, sys []corpus.Event, ok func(g, p *corpus.Event) bool) (int, []int) {
	type pair struct{ g, p, dist int }
	var pairs []pair
	for i := range gold {
		for j := range sys {
			if ok(&gold[i], &sys[j]) {
				d := gold[i].Trigger.Start - sys[j].Trigger.Start
				if d < 0 {
					d = -d
				}
				pairs = append(pairs, pair{i, j, d})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].dist < pairs[b].dist })
	partner := make([]int, len(gold))
	for i := range partner {
		partner[i] = -1
	}
	used := make([]bool, len(sys))
	n := 0
	for _, pr := range pairs {
		if partner[pr.g] >= 0 || used[pr.p] {
			continue
		}
		partner[pr.g], used[pr.p] = pr.p, true
		n++
	}
	return n, partner
}

// EventScore accumulates the comparison of a coder's events with gold events.
type EventScore struct {
	Levels     []PRF            // one per EventLevels entry
	ByRoot     map[string]*PRF  // at +root, by the gold (recall) or system (precision) root
	ByStatus   map[string]*PRF  // at +status, by status
	ByRegister map[string][]PRF // every level, by register
	SysEvents  int
	SectorOnly int // system events whose source code is sector-only
	Docs       int
}

// NewEventScore returns an empty score.
func NewEventScore() *EventScore {
	return &EventScore{Levels: make([]PRF, len(EventLevels())), ByRoot: map[string]*PRF{},
		ByStatus: map[string]*PRF{}, ByRegister: map[string][]PRF{}}
}

// Add scores one document: gold events against the coder's events.
func (s *EventScore) Add(register string, gold, sys []corpus.Event) {
	s.Docs++
	s.SysEvents += len(sys)
	for _, e := range sys {
		if corpus.SectorOnly(e.Source.Code) {
			s.SectorOnly++
		}
	}
	reg := s.ByRegister[register]
	if reg == nil {
		reg = make([]PRF, len(EventLevels()))
		s.ByRegister[register] = reg
	}
	for lv := range EventLevels() {
		n, partner := matchEvents(gold, sys, func(g, p *corpus.Event) bool { return eventMatch(g, p, lv) })
		s.Levels[lv].TP += n
		s.Levels[lv].FP += len(sys) - n
		s.Levels[lv].FN += len(gold) - n
		reg[lv].TP += n
		reg[lv].FP += len(sys) - n
		reg[lv].FN += len(gold) - n
		if lv != 1 && lv != 5 {
			continue
		}
		by, key := s.ByRoot, func(e *corpus.Event) string { return cameo.Root(e.Code) }
		if lv == 5 {
			by, key = s.ByStatus, func(e *corpus.Event) string { return e.Status }
		}
		got := make([]bool, len(sys))
		for i, j := range partner {
			k := key(&gold[i])
			if by[k] == nil {
				by[k] = &PRF{}
			}
			if j >= 0 {
				by[k].TP++
				got[j] = true
			} else {
				by[k].FN++
			}
		}
		for j := range sys {
			if !got[j] {
				k := key(&sys[j])
				if by[k] == nil {
					by[k] = &PRF{}
				}
				by[k].FP++
			}
		}
	}
}

// Agreement compares two independent annotations of the same documents.
type Agreement struct {
	Docs         int
	EventsA      int
	EventsB      int
	Matched      int     // trigger-matched pairs used for kappa
	RootAgree    int     // of Matched, pairs with the same root
	Kappa        float64 // Cohen's kappa on the CAMEO root of matched triggers
	TriggerRoot  PRF     // (trigger, root)
	SourceCtry   PRF     // (trigger, root, source country)
	Tuple        PRF     // (trigger, root, source, target)
	Status       PRF     // (trigger, status)
	StatusAgree  int     // of Matched, pairs with the same status
	rootsA       map[string]int
	rootsB       map[string]int
	confusionKey map[[2]string]int
}

// Confusion returns the root pairs (A, B) the annotators disagreed on most.
func (a *Agreement) Confusion() [][3]string {
	type kv struct {
		k [2]string
		n int
	}
	var out []kv
	for k, n := range a.confusionKey {
		if k[0] != k[1] {
			out = append(out, kv{k, n})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		return out[i].k[0]+out[i].k[1] < out[j].k[0]+out[j].k[1]
	})
	var rows [][3]string
	for _, e := range out {
		rows = append(rows, [3]string{e.k[0], e.k[1], strconv.Itoa(e.n)})
	}
	return rows
}

// Agree compares annotation a with annotation b of the same documents
// (matched by id; documents in only one of them are ignored and counted out).
func Agree(a, b []corpus.Document) *Agreement {
	ag := &Agreement{rootsA: map[string]int{}, rootsB: map[string]int{}, confusionKey: map[[2]string]int{}}
	byID := map[string]*corpus.Document{}
	for i := range b {
		byID[b[i].ID] = &b[i]
	}
	add := func(p *PRF, ea, eb []corpus.Event, ok func(x, y *corpus.Event) bool) {
		n, _ := matchEvents(ea, eb, ok)
		p.TP += n
		p.FN += len(ea) - n
		p.FP += len(eb) - n
	}
	for i := range a {
		db, ok := byID[a[i].ID]
		if !ok {
			continue
		}
		ag.Docs++
		ea, eb := a[i].Events, db.Events
		ag.EventsA += len(ea)
		ag.EventsB += len(eb)
		add(&ag.TriggerRoot, ea, eb, func(x, y *corpus.Event) bool { return eventMatch(x, y, 1) })
		add(&ag.SourceCtry, ea, eb, func(x, y *corpus.Event) bool {
			return eventMatch(x, y, 1) && country(x.Source.Code) == country(y.Source.Code)
		})
		add(&ag.Tuple, ea, eb, func(x, y *corpus.Event) bool {
			return eventMatch(x, y, 1) && x.Source.Code == y.Source.Code && codeOrEmpty(x.Target) == codeOrEmpty(y.Target)
		})
		add(&ag.Status, ea, eb, func(x, y *corpus.Event) bool { return overlaps(x.Trigger, y.Trigger) && x.Status == y.Status })
		// Kappa: pair events by trigger overlap alone, preferring pairs with
		// the same source, and compare their roots.
		_, partner := matchEvents(ea, eb, func(x, y *corpus.Event) bool { return overlaps(x.Trigger, y.Trigger) })
		for k, j := range partner {
			if j < 0 {
				continue
			}
			ra, rb := cameo.Root(ea[k].Code), cameo.Root(eb[j].Code)
			ag.Matched++
			ag.rootsA[ra]++
			ag.rootsB[rb]++
			ag.confusionKey[[2]string{ra, rb}]++
			if ra == rb {
				ag.RootAgree++
			}
			if ea[k].Status == eb[j].Status {
				ag.StatusAgree++
			}
		}
	}
	if ag.Matched > 0 {
		po := float64(ag.RootAgree) / float64(ag.Matched)
		pe := 0.0
		for r, na := range ag.rootsA {
			pe += float64(na) / float64(ag.Matched) * float64(ag.rootsB[r]) / float64(ag.Matched)
		}
		if pe < 1 {
			ag.Kappa = (po - pe) / (1 - pe)
		}
	}
	return ag
}

func country(code string) string {
	if len(code) < 3 || corpus.SectorOnly(code) {
		return ""
	}
	return code[:3]
}

// DocDisagreement lists the events of one document that the other
// annotation lacks at the full level (trigger, code, source, target, status).
type DocDisagreement struct {
	ID           string
	OnlyA, OnlyB []corpus.Event
}

// Disagreements returns, for every document in both annotations, the events
// without a partner in the other annotation; documents in full agreement are
// left out.
func Disagreements(a, b []corpus.Document) []DocDisagreement {
	byID := map[string]*corpus.Document{}
	for i := range b {
		byID[b[i].ID] = &b[i]
	}
	var out []DocDisagreement
	for i := range a {
		db, ok := byID[a[i].ID]
		if !ok {
			continue
		}
		ea, eb := a[i].Events, db.Events
		_, partner := matchEvents(ea, eb, func(x, y *corpus.Event) bool { return eventMatch(x, y, 5) })
		used := make([]bool, len(eb))
		d := DocDisagreement{ID: a[i].ID}
		for k, j := range partner {
			if j < 0 {
				d.OnlyA = append(d.OnlyA, ea[k])
			} else {
				used[j] = true
			}
		}
		for j := range eb {
			if !used[j] {
				d.OnlyB = append(d.OnlyB, eb[j])
			}
		}
		if len(d.OnlyA)+len(d.OnlyB) > 0 {
			out = append(out, d)
		}
	}
	return out
}
