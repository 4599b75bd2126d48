package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// world is the synthetic universe: actors with a skewed popularity. It
// is read-only after newWorld, so generators may share it.
type world struct {
	actors []string
	cum    []float64 // cumulative popularity
	seed   uint64
	perDoc int
}

var countries = strings.Fields(`USA RUS CHN UKR IRN ISR PSE SYR IRQ TUR SAU EGY IND PAK AFG GBR FRA DEU
JPN KOR PRK TWN YEM LBN JOR QAT ARE SDN ETH SOM KEN NGA ZAF BRA VEN COL MEX ARM AZE GEO
BLR POL HUN SRB KOS LBY MLI NER BFA`)

var sectors = []string{"", "GOV", "MIL", "REB", "OPP", "CVL", "MED", "BUS"}

// cities are the places a located event may name at city precision.
var cities = []struct {
	country, name string
	lat, lon      float64
}{
	{"USA", "Washington", 38.9, -77.04}, {"RUS", "Moscow", 55.76, 37.62}, {"CHN", "Beijing", 39.9, 116.4},
	{"UKR", "Kyiv", 50.45, 30.52}, {"UKR", "Kharkiv", 49.99, 36.23}, {"IRN", "Tehran", 35.69, 51.39},
	{"ISR", "Jerusalem", 31.77, 35.21}, {"PSE", "Gaza", 31.5, 34.47}, {"SYR", "Damascus", 33.51, 36.29},
	{"SYR", "Aleppo", 36.2, 37.16}, {"IRQ", "Baghdad", 33.31, 44.36}, {"TUR", "Ankara", 39.93, 32.86},
	{"TUR", "Istanbul", 41.01, 28.98}, {"EGY", "Cairo", 30.04, 31.24}, {"IND", "New Delhi", 28.61, 77.21},
	{"PAK", "Islamabad", 33.68, 73.05}, {"AFG", "Kabul", 34.53, 69.17}, {"GBR", "London", 51.51, -0.13},
	{"FRA", "Paris", 48.86, 2.35}, {"DEU", "Berlin", 52.52, 13.4}, {"YEM", "Sanaa", 15.37, 44.19},
	{"SDN", "Khartoum", 15.5, 32.56}, {"NGA", "Abuja", 9.08, 7.4}, {"VEN", "Caracas", 10.48, -66.9},
}

func newWorld(seed uint64, perDoc int) *world {
	w := &world{seed: seed, perDoc: perDoc}
	rng := rand.New(rand.NewPCG(seed, 7))
	seen := map[string]bool{}
	for len(w.actors) < 200 {
		c := countries[rng.IntN(len(countries))] + sectors[rng.IntN(len(sectors))]
		if !seen[c] {
			seen[c] = true
			w.actors = append(w.actors, c)
		}
	}
	// Zipf-like popularity: the i'th actor is picked in proportion to 1/(i+1).
	total := 0.0
	for i := range w.actors {
		total += 1 / float64(i+1)
		w.cum = append(w.cum, total)
	}
	for i := range w.cum {
		w.cum[i] /= total
	}
	return w
}

func (w *world) actor(rng *rand.Rand) string {
	i, _ := slices.BinarySearch(w.cum, rng.Float64())
	return w.actors[min(i, len(w.actors)-1)]
}

// root is a CAMEO root with a relative frequency, quad class and Goldstein.
type root struct {
	root   string
	weight float64
	quad   int
	gold   float64
}

var roots = []root{
	{"01", 20, 1, 0}, {"02", 6, 1, 3}, {"03", 8, 1, 4}, {"04", 16, 1, 1}, {"05", 8, 1, 3.5},
	{"06", 3, 2, 6}, {"07", 3, 2, 7}, {"08", 2, 2, 5}, {"09", 1, 3, -2}, {"10", 3, 3, -5},
	{"11", 7, 3, -2}, {"12", 2, 3, -4}, {"13", 3, 3, -4.4}, {"14", 2, 3, -6.5}, {"15", 1, 4, -7.2},
	{"16", 2, 4, -4}, {"17", 3, 4, -5}, {"18", 3, 4, -9}, {"19", 6, 4, -10}, {"20", 0.2, 4, -10},
}

type status struct {
	s event.Status
	w float64
}

var statuses = []status{{event.Asserted, 78}, {event.Reported, 12}, {event.Negated, 3}, {event.Hypothetical, 3}, {event.Future, 3}, {event.Denied, 1}}

var outlets = []string{"Wire A", "Wire B", "Daily C", "Agency D", "Monitor E"}

func pick[T any](rng *rand.Rand, items []T, weight func(T) float64) T {
	total := 0.0
	for _, it := range items {
		total += weight(it)
	}
	x := rng.Float64() * total
	for _, it := range items {
		if x -= weight(it); x < 0 {
			return it
		}
	}
	return items[len(items)-1]
}

func pickIndex(rng *rand.Rand, weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := rng.Float64() * total
	for i, w := range weights {
		if x -= w; x < 0 {
			return i
		}
	}
	return len(weights) - 1
}

var start = time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)

const days = 3 * 365

// siblingShare is the share of the events of an odd-numbered document that
// report an event of the document before it again (same act, sides, day and
// place), so that happenings link reports in two documents.
const siblingShare = 0.25

// locatedShare is the share of events that name where they happened; of
// those in a country with a city in cities, most name the city.
const locatedShare = 0.4

// pairDay is the publication day of documents 2p and 2p+1.
func (w *world) pairDay(p int) time.Time {
	rng := rand.New(rand.NewPCG(w.seed^0x9e3779b97f4a7c15, uint64(p)))
	return start.AddDate(0, 0, rng.IntN(days))
}

// baseEvent is the k'th event of document d as drawn from its own random
// stream, before siblings are applied. It depends on (seed, d, k) only.
func (w *world) baseEvent(d, k int) event.Event {
	rng := rand.New(rand.NewPCG(w.seed, uint64(d)<<8|uint64(k&0xff)))
	src, tgt := w.actor(rng), w.actor(rng)
	for tgt == src {
		tgt = w.actor(rng)
	}
	r := pick(rng, roots, func(r root) float64 { return r.weight })
	code := r.root + []string{"0", "1", "2", "3"}[rng.IntN(4)]
	if rng.IntN(3) == 0 {
		code = r.root
	}
	s := pick(rng, statuses, func(s status) float64 { return s.w }).s
	date := w.pairDay(d/2).AddDate(0, 0, -rng.IntN(3))
	if date.Before(start) {
		date = start
	}
	ds := date.Format(time.DateOnly)
	e := event.Event{
		Source: event.Actor{Code: src, Name: src, Country: src[:3]}, Target: event.Actor{Code: tgt, Name: tgt, Country: tgt[:3]},
		Code: code, Root: r.root, Name: "CAMEO " + code, Goldstein: r.gold, Quad: r.quad,
		Status: s, Date: ds, DateValue: ds, Precision: "day", Confidence: 0.5 + rng.Float64()/2, Rule: "synthetic",
	}
	if rng.Float64() < locatedShare {
		// Where it happened: mostly the target's country.
		c := tgt[:3]
		if rng.IntN(4) == 0 {
			c = src[:3]
		}
		e.LocationCountry, e.Location, e.GeoPrecision = c, c, "country"
		var here []int
		for i, ct := range cities {
			if ct.country == c {
				here = append(here, i)
			}
		}
		if len(here) > 0 && rng.IntN(5) != 0 {
			ct := cities[here[rng.IntN(len(here))]]
			lat, lon := ct.lat, ct.lon
			e.Location, e.GeoPrecision, e.Lat, e.Lon = ct.name, "city", &lat, &lon
		}
	}
	return e
}

// isSibling reports whether event k of document d repeats event k of
// document d-1: only odd documents hold siblings, so the event repeated
// is never a sibling itself.
func (w *world) isSibling(d, k int) bool {
	if d%2 == 0 {
		return false
	}
	rng := rand.New(rand.NewPCG(w.seed^0x5bd1e995, uint64(d)<<8|uint64(k&0xff)))
	return rng.Float64() < siblingShare
}

// document returns synthetic document d with n events. It depends on
// (seed, d, n) only, so a store grown in steps holds the same documents
// as one built at once.
func (w *world) document(d, n int) store.Item {
	rng := rand.New(rand.NewPCG(w.seed^0xdeadbeef, uint64(d)))
	day := w.pairDay(d / 2)
	if d%2 == 1 {
		day = day.AddDate(0, 0, rng.IntN(2))
	}
	evs := make([]event.Event, n)
	var b strings.Builder
	fmt.Fprintf(&b, "Synthetic report %d (seed %d) of %s.", d, w.seed, day.Format(time.DateOnly))
	for k := range n {
		e := w.baseEvent(d, k)
		if w.isSibling(d, k) {
			e = w.baseEvent(d-1, k)
			e.Confidence = 0.5 + rng.Float64()/2
		}
		b.WriteByte(' ')
		s := b.Len()
		verb := []string{"met", "talked with", "criticised", "accused", "attacked", "helped", "warned", "praised"}[rng.IntN(8)]
		fmt.Fprintf(&b, "%s %s %s", e.Source.Name, verb, e.Target.Name)
		if e.Location != "" {
			fmt.Fprintf(&b, " in %s", e.Location)
		}
		b.WriteByte('.')
		e.Sentence = doc.Span{Start: s, End: b.Len()}
		e.Trigger = doc.Span{Start: s + len(e.Source.Name) + 1, End: s + len(e.Source.Name) + 1 + len(verb)}
		e.TriggerText = verb
		evs[k] = e
	}
	text := b.String()
	id := doc.ContentID(text)
	for k := range evs {
		evs[k].ID = fmt.Sprintf("%s-%d", id[:16], k)
		evs[k].DocID = id
	}
	dc := doc.Document{ID: id, Text: text, Title: fmt.Sprintf("Synthetic %d", d), Outlet: outlets[rng.IntN(len(outlets))],
		Published: day.Add(time.Duration(6+rng.IntN(12)) * time.Hour), Lang: "en", Format: "synthetic", Origin: "loadtest"}
	return store.Item{Doc: dc, Analysis: &store.Analysis{DocID: id, Events: evs}}
}

// batch returns documents first.. holding the events from have up to
// want (have < want), perDoc events each but the last, and the index
// after the last document.
func (w *world) batch(first, have, want, docs int) ([]store.Item, int, int) {
	items := make([]store.Item, 0, docs)
	for len(items) < docs && have < want {
		n := min(w.perDoc, want-have)
		items = append(items, w.document(first, n))
		first++
		have += n
	}
	return items, first, have
}
