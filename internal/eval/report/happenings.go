package report

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/eval"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/source"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/sqlite"
)

// HappeningsOptions say which set to code and how.
type HappeningsOptions struct {
	Dir           string  // folder of the set's .jsonl files (docs/happenings.md)
	MinConfidence float64 // the coder's threshold
	Misses        bool    // Write adds, per article, why its gold event was not found or not linked
}

// HappeningsReport scores the happening each article's gold event lands in
// against the gold one.
type HappeningsReport struct {
	Dir      string
	Articles []eval.HappeningArticle
	Score    eval.ClusterScore // over every article (an article whose gold event was missed is alone)
	Linking  eval.ClusterScore // over the articles whose gold event was coded
	Found    int               // articles whose gold event was coded
	Same     int               // articles in the same happening when stored in reverse order
	Coded    time.Duration     // analysing every article, wall clock
	Misses   bool

	items  []store.Item      // the analysed articles, in reverse order
	linked map[string]string // article ID → happening, stored in order
}

// Happenings codes every article of the set in opts.Dir, stores them in a
// fresh SQLite store (which links their events into happenings) and scores
// the happening each article's gold event lands in against the gold one.
// It stores the articles a second time, in reverse order, into another
// store and counts the articles whose happening is the same. A folder
// without .jsonl files, or a set that fails eval.CheckHappenings, is an
// error.
func Happenings(ctx context.Context, opts HappeningsOptions) (*HappeningsReport, error) {
	files, err := filepath.Glob(filepath.Join(opts.Dir, "*.jsonl"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no .jsonl files", opts.Dir)
	}
	var arts []eval.HappeningArticle
	for _, f := range files {
		as, err := source.ReadFile(f, func(r io.Reader) ([]eval.HappeningArticle, error) { return eval.ReadHappenings(r, f) })
		if err != nil {
			return nil, err
		}
		arts = append(arts, as...)
	}
	if err := eval.CheckHappenings(arts); err != nil {
		return nil, fmt.Errorf("%s: %w", opts.Dir, err)
	}
	a, err := analysis.New(analysis.Options{Coder: event.Options{MinConfidence: opts.MinConfidence}})
	if err != nil {
		return nil, err
	}
	start := time.Now()
	items := make([]store.Item, len(arts))
	for i, art := range arts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pub, _ := time.Parse(time.DateOnly, art.Date) // checked by ReadHappenings
		d := doc.Document{Title: art.Title, Outlet: art.Outlet, Published: pub.Add(12 * time.Hour), Lang: "en", Text: art.Text, Origin: art.ID}
		d.ID = doc.ContentID(d.Text)
		r := a.Analyze(d)
		items[i] = store.Item{Doc: d, Analysis: &store.Analysis{DocID: d.ID, Annotations: r.Annotations, Events: r.Events, Diagnostics: r.Diagnostics, Skipped: r.Skipped}}
	}
	coded := time.Since(start)
	tmp, err := os.MkdirTemp("", "dyad-eval-happenings-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	forward, err := linkHappenings(ctx, filepath.Join(tmp, "forward.db"), items, arts)
	if err != nil {
		return nil, err
	}
	slices.Reverse(items)
	backward, err := linkHappenings(ctx, filepath.Join(tmp, "backward.db"), items, arts)
	if err != nil {
		return nil, err
	}
	rep := &HappeningsReport{Dir: opts.Dir, Articles: arts, Coded: coded, Misses: opts.Misses, items: items, linked: forward}
	gold, pred := map[string]string{}, map[string]string{}
	for _, art := range arts {
		gold[art.ID] = art.Happening
		pred[art.ID] = "missed:" + art.ID
		if h := forward[art.ID]; h != "" {
			pred[art.ID] = h
			rep.Found++
		}
	}
	rep.Score = eval.ScoreClusters(gold, pred)
	for id, h := range forward {
		if backward[id] == h {
			rep.Same++
		}
	}
	// Linking alone: over the articles whose gold event was coded.
	lg, lp := map[string]string{}, map[string]string{}
	for id, h := range forward {
		lg[id], lp[id] = gold[id], h
	}
	rep.Linking = eval.ScoreClusters(lg, lp)
	return rep, nil
}

// Write prints the counts, pairwise and B-cubed P/R/F1, linking alone,
// the reverse-order agreement and, with Misses, the misses and splits.
func (r *HappeningsReport) Write(w io.Writer) error {
	s, l := r.Score, r.Linking
	fmt.Fprintf(w, "%s: %d articles, %d gold happenings (%d reported more than once); coded in %.1f s\n",
		r.Dir, s.Items, s.GoldClusters, s.GoldLinked, r.Coded.Seconds())
	fmt.Fprintf(w, "gold event coded (root, source and target countries) in %d of %d articles (%.1f %%); %d predicted happenings\n",
		r.Found, len(r.Articles), 100*float64(r.Found)/float64(len(r.Articles)), s.PredClusters)
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "score\tP\tR\tF1\t")
	fmt.Fprintf(tw, "pairwise\t%.1f\t%.1f\t%.1f\t\n", 100*s.PairP, 100*s.PairR, 100*s.PairF1)
	fmt.Fprintf(tw, "B-cubed\t%.1f\t%.1f\t%.1f\t\n", 100*s.BCubedP, 100*s.BCubedR, 100*s.BCubedF1)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "linking only, over the %d articles whose gold event was coded: B-cubed P %.1f R %.1f F1 %.1f\n",
		l.Items, 100*l.BCubedP, 100*l.BCubedR, 100*l.BCubedF1)
	_, err := fmt.Fprintf(w, "stored in reverse order: %d of %d articles in the same happening\n", r.Same, len(r.linked))
	if r.Misses {
		writeHappeningMisses(w, r.Articles, r.items, r.linked)
	}
	return err
}

// writeHappeningMisses says, per article, what the coder found instead of
// the gold event, and for gold happenings split over several predicted
// ones, the date and place of each report's event.
func writeHappeningMisses(w io.Writer, arts []eval.HappeningArticle, items []store.Item, linked map[string]string) {
	byID := map[string][]event.Event{}
	for _, it := range items {
		byID[it.Doc.Origin] = it.Analysis.Events
	}
	split := map[string]map[string]bool{}
	for _, a := range arts {
		if h := linked[a.ID]; h != "" {
			if split[a.Happening] == nil {
				split[a.Happening] = map[string]bool{}
			}
			split[a.Happening][h] = true
		}
	}
	for _, a := range arts {
		g := a.Gold
		if linked[a.ID] == "" {
			fmt.Fprintf(w, "MISS %s gold %s %s→%s:", a.ID, g.Code, g.Source, g.Target)
			for _, e := range byID[a.ID] {
				if e.Status.Counted() {
					fmt.Fprintf(w, " [%s %s→%s %q]", e.Code, side(e.Source), side(e.Target), e.TriggerText)
				}
			}
			fmt.Fprintln(w)
			continue
		}
		if len(split[a.Happening]) > 1 {
			if e, ok := eval.GoldEvent(a, byID[a.ID]); ok {
				fmt.Fprintf(w, "SPLIT %s in %s: %s %s→%s %s (%s) at %q %s\n", a.ID, linked[a.ID], e.Code, side(e.Source), side(e.Target),
					e.Date, e.Precision, e.Location, e.LocationCountry)
			}
		}
	}
}

// side names an actor by country and sector, or by its code.
func side(a event.Actor) string {
	if a.Country != "" {
		return a.Country + a.Sector
	}
	return a.Code
}

// linkHappenings stores the items in order, in batches of 25, into a new
// SQLite store at path, and returns, per article ID, the happening of its
// gold event (absent when the gold event was not coded).
func linkHappenings(ctx context.Context, path string, items []store.Item, arts []eval.HappeningArticle) (map[string]string, error) {
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	for i := 0; i < len(items); i += 25 {
		if _, err := db.Put(ctx, items[i:min(i+25, len(items))]); err != nil {
			return nil, err
		}
	}
	out := map[string]string{}
	for _, art := range arts {
		an, err := db.Analysis(ctx, doc.ContentID(art.Text))
		if err != nil {
			return nil, fmt.Errorf("article %s: %w", art.ID, err)
		}
		if e, ok := eval.GoldEvent(art, an.Events); ok {
			out[art.ID] = e.Happening
		}
	}
	return out, nil
}
