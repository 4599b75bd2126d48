package main

import (
	"context"
	"fmt"
	"io"
)

const queueExamples = `  dyad queue --db postgres://dyad@db/dyad            # pending, leased, done, failed
  dyad queue --db postgres://dyad@db/dyad --failed   # and why each failed document failed
  dyad queue --db postgres://dyad@db/dyad --retry    # put failed documents back in the queue`

func runQueue(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("queue", "--db postgres://... [--failed] [--retry]", queueExamples, stderr)
	load := configFlags(fs, "db")
	failed := fs.Bool("failed", false, "list the failed documents with their errors")
	limit := fs.Int("limit", 100, "list at most this many failed documents")
	retry := fs.Bool("retry", false, "put the failed documents back in the queue with fresh attempts")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if *limit < 1 || *limit > 100000 {
		return fmt.Errorf("%w: --limit %d is not from 1 to 100000", errUsage, *limit)
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	q, closeStore, err := openQueue(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer closeStore()
	if *retry {
		n, err := q.Retry(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%d failed documents back in the queue\n", n)
	}
	c, err := q.QueueCounts(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "pending  %d\nleased   %d\nexpired  %d  (leases that ran out; taken again by the next worker)\ndone     %d\nfailed   %d\n",
		c.Pending, c.Leased, c.Expired, c.Done, c.Failed)
	if !*failed || c.Failed == 0 {
		return nil
	}
	fs2, err := q.Failures(ctx, *limit)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout)
	for _, f := range fs2 {
		title := f.Title
		if title == "" {
			title = "(untitled)"
		}
		fmt.Fprintf(stdout, "%s  %s  after %d attempts: %s\n", f.DocID, cell(title, 40), f.Attempts, cell(firstLine(f.Error), 300))
	}
	if c.Failed > len(fs2) {
		fmt.Fprintf(stdout, "... and %d more (raise --limit)\n", c.Failed-len(fs2))
	}
	return nil
}
