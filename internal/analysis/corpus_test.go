package analysis

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/source"
	"github.com/dyad-project/dyad/internal/testenv"
)

func repoRoot(t testing.TB) string {
	t.Helper()
	return testenv.RepoRoot(t)
}

type statusRow struct {
	line                                 int
	file, substr, status, root, src, tgt string
}

func readStatusRows(t *testing.T, path string) []statusRow {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []statusRow
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 6 {
			t.Fatalf("%s:%d: want 6 tab-separated fields, got %d", path, n, len(c))
		}
		rows = append(rows, statusRow{n, c[0], c[1], c[2], c[3], c[4], c[5]})
	}
	return rows
}

// TestExampleStatuses runs the whole analysis over the example corpus and
// checks examples/expected/statuses.tsv: every event whose trigger lies in a
// listed passage with the listed root must carry the listed status (negated,
// hypothetical, future, denied), and at least minCoverage of the rows must
// yield such an event at all.
func TestExampleStatuses(t *testing.T) {
	root := repoRoot(t)
	rows := readStatusRows(t, filepath.Join(root, "examples", "expected", "statuses.tsv"))
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var docs []doc.Document
	err = source.Walk(context.Background(), []string{filepath.Join(root, "examples")}, source.Options{}, func(it source.Item) error {
		if it.Err == nil {
			it.Doc.ID = doc.ContentID(it.Doc.Text)
			docs = append(docs, it.Doc)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	results := map[string]Result{}
	covered, wrong := 0, 0
	for _, r := range rows {
		var d *doc.Document
		for i := range docs {
			if strings.Contains(filepath.ToSlash(docs[i].Origin), r.file) && strings.Contains(docs[i].Text, r.substr) {
				d = &docs[i]
				break
			}
		}
		if d == nil {
			t.Errorf("statuses.tsv:%d: no document %s contains %q", r.line, r.file, r.substr)
			continue
		}
		res, ok := results[d.ID]
		if !ok {
			res = a.Analyze(*d)
			results[d.ID] = res
		}
		at := strings.Index(d.Text, r.substr)
		var matched []event.Event
		for _, e := range res.Events {
			if e.Trigger.Start >= at && e.Trigger.End <= at+len(r.substr) && e.Root == r.root {
				matched = append(matched, e)
			}
		}
		if len(matched) == 0 {
			t.Logf("statuses.tsv:%d: no %s event in %q", r.line, r.root, r.substr)
			continue
		}
		covered++
		for _, e := range matched {
			if string(e.Status) != r.status {
				wrong++
				t.Logf("statuses.tsv:%d: %q: %s>%s %s is %s (cue %q), want %s", r.line, r.substr, e.Source.Code, e.Target.Code, e.Code, e.Status, e.CueText, r.status)
			}
		}
	}
	t.Logf("%d of %d rows coded with the expected root; %d events with a wrong status", covered, len(rows), wrong)
	const minCoverage = 0.5
	if float64(covered) < minCoverage*float64(len(rows)) {
		t.Errorf("only %d of %d rows yielded an event with the expected root, want >= %.0f%%", covered, len(rows), 100*minCoverage)
	}
	// maxWrong follows the measured figure: with the tagger and parser of
	// issue 12 (word classes, case-robust), 23 rows are covered and one
	// event has a wrong status (statuses.tsv:30, "an accusation that Paris
	// denied" is parsed as a conjunct of "attack", not an apposition, so
	// the denial does not reach it); the previous parser covered 22 with
	// none wrong.
	const maxWrong = 0
	if wrong > maxWrong {
		t.Errorf("%d events with a wrong status, want at most %d", wrong, maxWrong)
	}
}
