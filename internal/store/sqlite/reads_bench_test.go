package sqlite

import (
	"context"
	"os"
	"testing"

	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/testenv"
)

// BenchmarkStoreReads times the aggregates the overview, actor, map and
// place pages ask for, and Stats, on the store at $DYAD_BENCH_DB (built by, e.g.,
// go run ./tools/loadtest --db /tmp/x.db --events 1000000 --build-only;
// opening it applies any newer migration first). It reports the server
// CPU per call (cpu-ms/op) beside the wall time, since the machine may be
// shared. Skipped without the variable.
func BenchmarkStoreReads(b *testing.B) {
	path := os.Getenv("DYAD_BENCH_DB")
	if path == "" {
		b.Skip("DYAD_BENCH_DB names no store")
	}
	ctx := context.Background()
	db, err := Open(ctx, path, Options{MustExist: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	calls := []struct {
		name string
		call func() error
	}{
		{"EventCounts", func() error { _, err := db.EventCounts(ctx, store.EventFilter{}); return err }},
		{"EventCounts/actor", func() error { _, err := db.EventCounts(ctx, store.EventFilter{Actor: "RUS"}); return err }},
		{"EventCounts/root", func() error { _, err := db.EventCounts(ctx, store.EventFilter{Root: "19"}); return err }},
		{"Dyads", func() error { _, err := db.Dyads(ctx, store.EventFilter{}, 20); return err }},
		{"Dyads/actor", func() error { _, err := db.Dyads(ctx, store.EventFilter{Actor: "RUS"}, 20); return err }},
		{"PeriodCounts/month", func() error { _, _, err := db.PeriodCounts(ctx, store.EventFilter{}, "month"); return err }},
		{"PeriodCounts/week/actor", func() error {
			_, _, err := db.PeriodCounts(ctx, store.EventFilter{Actor: "RUS"}, "week")
			return err
		}},
		{"EventCounts/country", func() error { _, err := db.EventCounts(ctx, store.EventFilter{Country: "IRQ"}); return err }},
		{"EventCounts/city", func() error { _, err := db.EventCounts(ctx, store.EventFilter{City: "Paris"}); return err }},
		{"Places", func() error { _, err := db.Places(ctx, store.EventFilter{}); return err }},
		{"Places/month", func() error {
			_, err := db.Places(ctx, store.EventFilter{From: "2023-03-01", To: "2023-03-31"})
			return err
		}},
		{"Places/country", func() error { _, err := db.Places(ctx, store.EventFilter{Country: "IRQ"}); return err }},
		{"ActorNames", func() error { _, err := db.ActorNames(ctx, "RUS", store.EventFilter{}); return err }},
		{"ActorNames/all", func() error {
			_, err := db.ActorNames(ctx, "RUS", store.EventFilter{Statuses: []event.Status{event.Asserted, event.Reported, event.Negated}, Mentions: true})
			return err
		}},
		{"EventList/actor", func() error { _, err := db.EventList(ctx, store.EventFilter{Actor: "RUS"}); return err }},
		{"Stats", func() error { _, err := db.Stats(ctx); return err }},
	}
	for _, c := range calls {
		b.Run(c.name, func(b *testing.B) {
			cpu := testenv.CPUTime()
			for b.Loop() {
				if err := c.call(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((testenv.CPUTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}
