package report_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/eval/report"
	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/depparse"
	"github.com/dyad-project/dyad/internal/nlp/lemma"
	"github.com/dyad-project/dyad/internal/nlp/postag"
	"github.com/dyad-project/dyad/internal/nlp/recase"
	"github.com/dyad-project/dyad/internal/nlp/segment"
	"github.com/dyad-project/dyad/internal/nlp/tokenize"
)

const parseGold = "# text = Police arrested the men.\n" +
	"1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n" +
	"2\tarrested\tarrest\tVERB\tVBD\t_\t0\troot\t_\t_\n" +
	"3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n" +
	"4\tmen\tman\tNOUN\tNNS\t_\t2\tobj\t_\tSpaceAfter=No\n" +
	"5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n"

func embeddedPipeline(t *testing.T) *nlp.Pipeline {
	t.Helper()
	tagger, err := postag.Default()
	if err != nil {
		t.Fatal(err)
	}
	parser, err := depparse.Default()
	if err != nil {
		t.Fatal(err)
	}
	lem, err := lemma.Default()
	if err != nil {
		t.Fatal(err)
	}
	return &nlp.Pipeline{Tokenizer: tokenize.New(), Segmenter: segment.New(), Tagger: tagger, Lemmatizer: lem, Parser: parser}
}

// Parse rewrites the gold words in each case itself and scores them, on
// gold tokens and on raw text; a malformed sentence is skipped and listed.
func TestParse(t *testing.T) {
	dir := t.TempDir()
	gold := filepath.Join(dir, "gold.conllu")
	if err := os.WriteFile(gold, []byte(parseGold), 0o644); err != nil {
		t.Fatal(err)
	}
	p := embeddedPipeline(t)
	for _, c := range []string{"title", "lower", "upper"} {
		rc, err := recase.Parse(c)
		if err != nil {
			t.Fatal(err)
		}
		r, err := report.Parse(context.Background(), report.ParseOptions{Gold: gold, Case: rc, Raw: true, Pipeline: p})
		if err != nil {
			t.Fatal(err)
		}
		if r.Sentences != 1 || r.Gold.Words != 5 || r.Raw == nil || len(r.Malformed) != 0 {
			t.Errorf("--case %s: %d sentences, %d words, raw %v, malformed %v", c, r.Sentences, r.Gold.Words, r.Raw, r.Malformed)
		}
		var b strings.Builder
		if err := r.Write(&b); err != nil {
			t.Fatal(err)
		}
		if out := b.String(); !strings.Contains(out, "("+c+")") || !strings.Contains(out, "UAS") || !strings.Contains(out, "raw text") {
			t.Errorf("--case %s: output lacks the case or the scores:\n%s", c, out)
		}
	}

	bad := filepath.Join(dir, "bad.conllu")
	if err := os.WriteFile(bad, []byte("1\tx\n\n"+parseGold), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := report.Parse(context.Background(), report.ParseOptions{Gold: bad, Pipeline: p})
	if err != nil {
		t.Fatal(err)
	}
	if r.Sentences != 1 || len(r.Malformed) != 1 || !strings.Contains(r.Malformed[0].Error(), bad) {
		t.Errorf("malformed: %d sentences, %v", r.Sentences, r.Malformed)
	}
	var b strings.Builder
	r.Write(&b)
	if !strings.Contains(b.String(), "(1 malformed sentences skipped)") {
		t.Errorf("output does not count the malformed sentence:\n%s", b.String())
	}
	if _, err := report.Parse(context.Background(), report.ParseOptions{Gold: filepath.Join(dir, "none"), Pipeline: p}); err == nil {
		t.Error("a missing file is no error")
	}
}
