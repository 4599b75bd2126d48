package report_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/data/actors"
	"github.com/dyad-project/dyad/internal/actor"
	"github.com/dyad-project/dyad/internal/eval/report"
	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/segment"
	"github.com/dyad-project/dyad/internal/nlp/tokenize"
	"github.com/dyad-project/dyad/internal/testenv"
)

// Actors scores re3d and the CAMEO spans with the mentions it is given;
// Write lists errors only when asked, and a failing set keeps the sets
// scored before it.
func TestActors(t *testing.T) {
	d, err := actors.Load()
	if err != nil {
		t.Fatal(err)
	}
	mentions := func(text string, date time.Time) []actor.Mention {
		sents := segment.New().Segment(text, tokenize.New().Tokenize(text))
		var toks []nlp.Token
		for _, s := range sents {
			toks = append(toks, s.Tokens...)
		}
		return d.Resolve(text, sents, d.Match(text, toks, date))
	}
	bio := firstLines(t, testenv.SharedFile(t, "dev", "conflibert-cameo", "cameo_ner.train.txt"), 400, t.TempDir(), "bio.txt")
	opts := report.ActorsOptions{
		Re3d:     testenv.SharedFile(t, "dev", "re3d"),
		Date:     time.Date(2016, 6, 1, 0, 0, 0, 0, time.UTC),
		Geo:      testenv.SharedFile(t, "geo", "world-countries", "countries.json"),
		Cameo:    bio,
		Errors:   2,
		Mentions: mentions,
	}
	r, err := report.Actors(opts)
	if err != nil {
		t.Fatal(err)
	}
	if r.Re3d == nil || r.Re3d.Overlap.TP == 0 || r.Cameo == nil || r.Cameo.Overlap.TP == 0 {
		t.Fatalf("re3d %v, cameo %v: want matches in both", r.Re3d, r.Cameo)
	}
	var b strings.Builder
	if err := r.Write(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"re3d " + filepath.Clean(opts.Re3d) + " (date 2016-06-01)", "mentions (overlap)", "  miss: ", "cameo BIO " + bio} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}

	opts.Cameo = filepath.Join(t.TempDir(), "none.txt")
	r, err = report.Actors(opts)
	if err == nil || r == nil || r.Re3d == nil || r.Cameo != nil {
		t.Errorf("missing BIO file: err %v, report %+v; want the error and re3d scored", err, r)
	}
}
