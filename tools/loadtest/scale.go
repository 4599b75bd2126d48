package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/dyad-project/dyad/internal/store"
)

// step is one size of a --scale run.
type step struct {
	events int
	size   int64
	build  time.Duration // cumulative wall time of building, this run
	perCPU float64       // events per CPU-second of this step's build, 0 if nothing was built
	runs   []runResult
}

// scaleRun grows st to each of o.scale in turn, measures it at each of
// o.clients and prints the growth table after each size. Without o.only
// "ui" the main API endpoints are in the table, without "api" the main
// pages.
func scaleRun(ctx context.Context, st store.Store, base string, w *world, o options, out io.Writer) error {
	var (
		steps  []step
		total  time.Duration
		failed error
	)
	for _, n := range o.scale {
		rep, err := grow(ctx, st, o.db, w, n, o, out)
		if err != nil {
			return err
		}
		total += rep.Wall
		s := step{events: rep.Total, size: rep.Size, build: total}
		if rep.Events > 0 {
			s.perCPU = rep.eventsPerCPU()
		}
		if rep.Total > n {
			fmt.Fprintf(out, "the store already holds %d events, more than %d\n", rep.Total, n)
		}
		if !o.buildOnly {
			for _, c := range o.clients {
				rr, err := load(ctx, base, w, o, c, rep.Total, out)
				if err != nil {
					return err
				}
				s.runs = append(s.runs, rr)
				failed = errors.Join(failed, verdict(rr, o))
			}
		}
		steps = append(steps, s)
		printGrowth(out, steps, o.clients)
	}
	return failed
}

// printGrowth prints the growth table: a column per size, rows for the
// store's size and build, then per client count the CPU per request and
// p50/p99 in ms per main endpoint.
func printGrowth(out io.Writer, steps []step, clients []int) {
	fmt.Fprintf(out, "\ngrowth (build time is cumulative over this run; latencies p50/p99 ms)\n%-34s", "events")
	for _, s := range steps {
		fmt.Fprintf(out, " %17d", s.events)
	}
	fmt.Fprintf(out, "\n%-34s", "store MB")
	for _, s := range steps {
		if s.size < 0 {
			fmt.Fprintf(out, " %17s", "?")
		} else {
			fmt.Fprintf(out, " %17.1f", float64(s.size)/(1<<20))
		}
	}
	fmt.Fprintf(out, "\n%-34s", "build s (cumulative)")
	for _, s := range steps {
		fmt.Fprintf(out, " %17.1f", s.build.Seconds())
	}
	fmt.Fprintf(out, "\n%-34s", "build events/CPU-s (this step)")
	for _, s := range steps {
		fmt.Fprintf(out, " %17.0f", s.perCPU)
	}
	fmt.Fprintln(out)
	if len(steps) == 0 || len(steps[0].runs) == 0 {
		return
	}
	for ci, c := range clients {
		fmt.Fprintf(out, "%-34s", fmt.Sprintf("CPU ms per request, %d client(s)", c))
		for _, s := range steps {
			fmt.Fprintf(out, " %17.1f", s.runs[ci].cpuPerRequest)
		}
		fmt.Fprintln(out)
		for ri, f := range steps[0].runs[ci].rows {
			if !f.main && f.name != "all" {
				continue
			}
			fmt.Fprintf(out, "%-34s", fmt.Sprintf("%s, %d client(s)", f.name, c))
			for _, s := range steps {
				g := s.runs[ci].rows[ri]
				fmt.Fprintf(out, " %17s", fmt.Sprintf("%.1f/%.1f", g.p50, g.p99))
			}
			fmt.Fprintln(out)
		}
	}
}
