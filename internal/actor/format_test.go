package actor_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/actor"
	"github.com/google/go-cmp/cmp"
)

func TestParseErrorsNameLines(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // substrings of the problems, in order
	}{
		{"ok", "person Ali Akbar Ahmadian\n  alias Ahmadian\n  role IRNGOV 2023-05-22..2025-05-24 Secretary\n", nil},
		{"unknown kind", "persn X\n  code ABC\n", []string{"t.txt:1: error: kind: unknown kind"}},
		{"attribute first", "  code ABC\n", []string{"t.txt:1: error: attribute line"}},
		{"bad date", "person X\n  role IRNGOV 2023-13-01.. Minister\n", []string{"t.txt:2: error: role: date"}},
		{"ends before", "person X\n  role IRNGOV 2024..2023\n", []string{"t.txt:2: error: role: role IRNGOV ends"}},
		{"bad code", "org X\n  code irngov\n", []string{"t.txt:2: error: code:"}},
		{"no code", "org X\n  alias Y\n", []string{"t.txt:1: error: code: org \"X\" has no code"}},
		{"bad sector", "agent troops\n  sector XXX\n", []string{"t.txt:2: error: sector: unknown sector"}},
		{"unknown key", "org X\n  code ABC\n  colour red\n", []string{"t.txt:3: error: colour: unknown attribute"}},
		{"country code", "country Xland\n  code XLNDXX\n", []string{"t.txt:1: error: code: country"}},
		{"repeat alias", "org X\n  code ABC\n  alias Y; y\n", []string{"t.txt:1: warning: alias: alias \"y\" repeated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := actor.Parse(strings.NewReader(tt.in), "t.txt")
			var got []string
			for _, p := range ps {
				got = append(got, p.Error())
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %d problems like %q", got, len(tt.want), tt.want)
			}
			for i := range got {
				if !strings.Contains(got[i], tt.want[i]) {
					t.Errorf("problem %d = %q, want it to contain %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestWriteParseRoundTrip(t *testing.T) {
	in := `person Sergei Shoigu
  alias Shoigu; Sergey Shoigu
  role RUSMIL 2012-11-06..2024-05-12 Defence Minister
  role RUSGOV 2024-05-12.. Secretary of the Security Council
  source kremlin.ru

metonym Brussels
  code IGOEUREEC
  context IGOWSTNAT: NATO; alliance
  source test

agent police
  sector COP
  plural none
`
	es, ps := actor.Parse(strings.NewReader(in), "a.txt")
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	var buf bytes.Buffer
	if err := actor.Write(&buf, es); err != nil {
		t.Fatal(err)
	}
	back, ps := actor.Parse(&buf, "a.txt")
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	ignore := cmp.FilterPath(func(p cmp.Path) bool { s := p.Last().String(); return s == ".Line" || s == ".aliasAt" }, cmp.Ignore())
	if diff := cmp.Diff(es, back, ignore, cmp.AllowUnexported(actor.Entry{})); diff != "" {
		t.Errorf("round trip (-before +after):\n%s", diff)
	}
}

func TestRoleCovers(t *testing.T) {
	es, ps := actor.Parse(strings.NewReader("person X\n  role ABCGOV 2015-03..2016\n"), "r.txt")
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	r := es[0].Roles[0]
	for _, tc := range []struct {
		day  string
		want bool
	}{{"2015-02-28", false}, {"2015-03-01", true}, {"2016-12-31", true}, {"2017-01-01", false}} {
		d, _ := time.Parse("2006-01-02", tc.day)
		if got := r.Covers(d); got != tc.want {
			t.Errorf("Covers(%s) = %v, want %v", tc.day, got, tc.want)
		}
	}
}
