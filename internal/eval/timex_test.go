package eval_test

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/eval"
	"github.com/dyad-project/dyad/internal/testenv"
	"github.com/dyad-project/dyad/internal/timex"
)

var showTimexErrors = flag.Bool("timex.errors", false, "log every TIMEX3 disagreement")

// timexSharedDir returns ../shared/data, skipping without it (failing under CI).
func timexSharedDir(t testing.TB) string {
	t.Helper()
	return testenv.Shared(t)
}

func TestReadTimeML(t *testing.T) {
	const src = `<?xml version="1.0" ?>
<TimeML><DOCID>X</DOCID>
<DCT><TIMEX3 tid="t0" type="TIME" value="2000-01-05T10:00" functionInDocument="CREATION_TIME">2000-01-05</TIMEX3></DCT>
<TEXT>Rain &amp; wind <EVENT eid="e1">hit</EVENT> Miami <TIMEX3 tid="t1" type="DATE" value="2000-01-05">Wednesday</TIMEX3>.</TEXT></TimeML>`
	d, err := eval.ReadTimeML(strings.NewReader(src), "x.tml")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.DCT.Format("2006-01-02"), "2000-01-05"; got != want {
		t.Errorf("DCT = %s, want %s", got, want)
	}
	if got, want := d.Text, "Rain & wind hit Miami Wednesday."; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	if len(d.Timexs) != 1 {
		t.Fatalf("got %d TIMEX3, want 1", len(d.Timexs))
	}
	g := d.Timexs[0]
	if g.Text != "Wednesday" || d.Text[g.Start:g.End] != "Wednesday" || g.Value != "2000-01-05" || g.Type != "DATE" {
		t.Errorf("TIMEX3 = %+v", g)
	}
}

func TestReadTimeMLErrors(t *testing.T) {
	for name, src := range map[string]string{
		"no text": `<TimeML><DCT><TIMEX3 value="2000-01-05" functionInDocument="CREATION_TIME">x</TIMEX3></DCT></TimeML>`,
		"no dct":  `<TimeML><TEXT>hello</TEXT></TimeML>`,
		"bad dct": `<TimeML><DCT><TIMEX3 value="2000-13-45" functionInDocument="CREATION_TIME">x</TIMEX3></DCT><TEXT>a</TEXT></TimeML>`,
		"bad xml": `<TimeML><TEXT>hello</TEXX></TimeML>`,
	} {
		if _, err := eval.ReadTimeML(strings.NewReader(src), "f.tml"); err == nil || !strings.Contains(err.Error(), "f.tml") {
			t.Errorf("%s: err = %v, want an error naming the file", name, err)
		}
	}
}

// TestTimexAquaint is the accuracy floor of the recogniser on the AQUAINT
// TimeML development set; `dyad eval timex` prints the same figures.
func TestTimexAquaint(t *testing.T) {
	dir := filepath.Join(timexSharedDir(t), "dev", "aquaint-timeml")
	docs, errs := eval.ReadTimeMLDir(dir)
	for _, err := range errs {
		t.Error(err)
	}
	r := timex.New()
	sc := eval.ScoreTimeML(docs, func(d eval.TimeMLDoc) []eval.SysTimex {
		var out []eval.SysTimex
		for _, e := range r.Find(d.Text, d.DCT) {
			out = append(out, eval.SysTimex{Start: e.Start, End: e.End, Type: string(e.Type), Value: e.Value})
		}
		return out
	})
	if *showTimexErrors {
		for _, e := range sc.Errors {
			t.Logf("%-8s %-22s gold=%-22s sys=%-22s %s", e.Kind, filepath.Base(e.Doc), e.Gold, e.Sys, e.Context)
		}
	}
	_, _, sf := sc.StrictPRF()
	rp, rr, rf := sc.RelaxedPRF()
	vp, vr, vf := sc.ValuePRF()
	t.Logf("docs %d gold %d system %d", sc.Docs, sc.Gold, sc.System)
	t.Logf("strict F1 %.2f%%; relaxed P %.2f%% R %.2f%% F1 %.2f%%; value P %.2f%% R %.2f%% F1 %.2f%%; value acc %.2f%%; type acc %.2f%%",
		100*sf, 100*rp, 100*rr, 100*rf, 100*vp, 100*vr, 100*vf, 100*sc.ValueAccuracy(), 100*sc.TypeAccuracy())
	floors := []struct {
		name      string
		got, want float64
	}{
		// measured: strict 90.16%, relaxed 96.72%, value F1 81.97% (value
		// accuracy 84.75%), type accuracy 94.24% on 37 documents
		{"strict extraction F1", sf, 0.895},
		{"relaxed extraction F1", rf, 0.96},
		{"value F1", vf, 0.81},
		{"type accuracy", sc.TypeAccuracy(), 0.94},
	}
	for _, f := range floors {
		if f.got < f.want {
			t.Errorf("%s = %.2f%%, below the floor %.2f%%", f.name, 100*f.got, 100*f.want)
		}
	}
}

// FuzzReadTimeML checks that any input gives a document whose TIMEX3
// offsets lie inside its text, or an error naming the file.
func FuzzReadTimeML(f *testing.F) {
	f.Add(`<TimeML><DCT><TIMEX3 tid="t0" value="2000-01-05" functionInDocument="CREATION_TIME">x</TIMEX3></DCT><TEXT>On <TIMEX3 tid="t1" type="DATE" value="2000-01-05">Wednesday</TIMEX3> it rained.</TEXT></TimeML>`)
	f.Add(`<TimeML><TEXT><TIMEX3><TIMEX3>a</TIMEX3></TIMEX3></TEXT></TimeML>`)
	f.Add(`<TEXT>&amp;<TIMEX3 value="x">`)
	f.Add("")
	f.Fuzz(func(t *testing.T, src string) {
		d, err := eval.ReadTimeML(strings.NewReader(src), "fuzz.tml")
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.tml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, g := range d.Timexs {
			if g.Start < 0 || g.Start > g.End || g.End > len(d.Text) || d.Text[g.Start:g.End] != g.Text {
				t.Fatalf("bad TIMEX3 %+v in %q", g, d.Text)
			}
		}
	})
}
