package actor_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/actor"
)

// FuzzParse checks that any input yields entries or line-numbered problems,
// never a panic, and that what parses survives Write and Parse again.
func FuzzParse(f *testing.F) {
	f.Add("person X\n  alias Y; Z\n  role ABCGOV 2020-01..2021 Minister\n")
	f.Add("metonym B\n  code IGOEUREEC\n  context IGOWSTNAT: NATO\n")
	f.Add("agent police\n  sector COP\n  plural none\n# c\n")
	f.Add("  code X\nfoo\n\x00\n")
	f.Fuzz(func(t *testing.T, in string) {
		es, ps := actor.Parse(strings.NewReader(in), "f")
		for _, p := range ps {
			if p.Line < 1 {
				t.Fatalf("problem without a line: %v", p)
			}
		}
		if len(ps.Errors()) > 0 {
			return
		}
		var buf bytes.Buffer
		if err := actor.Write(&buf, es); err != nil {
			t.Fatal(err)
		}
		back, ps2 := actor.Parse(&buf, "f2")
		if len(ps2.Errors()) > 0 || len(back) != len(es) {
			t.Fatalf("written form does not parse back: %v (%d vs %d entries)\n%s", ps2, len(back), len(es), buf.String())
		}
	})
}

// FuzzImportPetrarch checks the PETRARCH importer on arbitrary input.
func FuzzImportPetrarch(f *testing.F) {
	f.Add("A_B_ [ABC]\n+C_D\n\t[ABCGOV 900101-991231]\n", 0)
	f.Add("X_\nY_\n\t[IGOUNO >20070101] [---] # c\n", 1)
	f.Add("!P! = MAN, MEN\nCATTLE!P! {} [~AGR]\n", 3)
	f.Add("+ STORY_DISCARD # x\nSENTENCE DISCARD\n", 4)
	f.Fuzz(func(t *testing.T, in string, kind int) {
		k := actor.PetrarchKind(((kind % 5) + 5) % 5)
		es, _ := actor.ImportPetrarch(strings.NewReader(in), "f", k)
		var buf bytes.Buffer
		if err := actor.Write(&buf, es); err != nil {
			t.Fatal(err)
		}
		if !utf8.ValidString(in) {
			return
		}
		if _, ps := actor.Parse(&buf, "out"); len(ps.Errors()) > 0 {
			t.Fatalf("converted output does not parse: %v\n%s", ps, buf.String())
		}
	})
}

// FuzzMatch checks that mentions of any text lie inside it and in order,
// and that Resolve keeps them valid.
func FuzzMatch(f *testing.F) {
	d := loadAll(f)
	f.Add("Iran's Defense Minister Mohammad Reza Ashtiani met his Russian counterpart.")
	f.Add("U.S.-led \n coalition, the two countries; he said it would. Mr \xff\xfe")
	f.Add("’s 's ' . . the of the of Abu")
	f.Fuzz(func(t *testing.T, text string) {
		ms := d.Match(text, nil, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
		ms = d.Resolve(text, nil, ms)
		for _, m := range ms {
			if !m.Span.Valid(len(text)) || m.Span.Len() == 0 || text[m.Span.Start:m.Span.End] != m.Text {
				t.Fatalf("bad span %v %q in %q", m.Span, m.Text, text)
			}
			if m.Antecedent != nil && !m.Antecedent.Valid(len(text)) {
				t.Fatalf("bad antecedent %v", m.Antecedent)
			}
		}
	})
}
