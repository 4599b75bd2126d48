package cameo

import (
	"strings"
	"testing"

	cameodata "github.com/dyad-project/dyad/data/cameo"
)

const sample = `
set weapon: gun missile assault_rifle
group restore 064
verb restore
verb re-establish 050
pattern --- obj=picture
pattern 064 obj=diplomatic_tie pp=with
pattern 042:043 pp=to
pattern 190 subj=&weapon
noun attack 190 target=on|against source=by
`

func TestParse(t *testing.T) {
	p := NewPatterns()
	if err := p.Parse("sample", sample); err != nil {
		t.Fatal(err)
	}
	vs := p.Verbs("restore")
	if len(vs) != 5 {
		t.Fatalf("restore has %d rules, want 5 (bare + 4 patterns)", len(vs))
	}
	if !vs[1].Block || vs[1].Obj.Alts[0].Head != "picture" {
		t.Errorf("rule 1 = %+v, want a block on obj=picture", vs[1])
	}
	r := vs[2]
	if r.Code != "064" || r.Obj.Alts[0].Head != "tie" || strings.Join(r.Obj.Alts[0].Mods, ",") != "diplomatic" || r.PPs[0].Preps[0] != "with" {
		t.Errorf("rule 2 = %+v", r)
	}
	if vs[3].Code != "042" || vs[3].Reverse != "043" {
		t.Errorf("paired code = %q:%q", vs[3].Code, vs[3].Reverse)
	}
	if len(vs[4].Subj.Alts) != 3 || vs[4].Subj.Alts[2].Head != "rifle" {
		t.Errorf("set subject = %+v", vs[4].Subj)
	}
	re := p.Verbs("re-establish")
	if len(re) != 5 || re[0].Code != "050" || !re[0].Own || re[1].Code != "" {
		t.Errorf("member with own code: %+v", re[0])
	}
	ns := p.Nouns("attack")
	if len(ns) != 1 || ns[0].Code != "190" || len(ns[0].Target) != 2 || ns[0].Source[0] != "by" {
		t.Errorf("noun rule = %+v", ns)
	}
	if vs[2].Specificity() <= vs[0].Specificity() {
		t.Error("a pattern with obj and pp is not more specific than the bare verb")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"verb x", "f:1: verb line outside a group"},
		{"group g 010\nverb x obj=&nope", "f:2: obj: unknown set"},
		{"group g 9999999", "f:1: bad code"},
		{"noun attack", "f:1: want"},
		{"group g 010\npattern obj=x", "f:2: pattern without a code"},
		{"frobnicate", "f:1: unknown line kind"},
		{"group g 010\nverb x color=red", "f:2: unknown key"},
		{"set x: Bad", "f:1: bad word"},
	}
	for _, tt := range tests {
		err := NewPatterns().Parse("f", tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want error containing %q", tt.in, err, tt.want)
		}
	}
}

func TestEmbeddedPatterns(t *testing.T) {
	p := NewPatterns()
	if err := p.Parse("verbs.txt", cameodata.Verbs); err != nil {
		t.Fatal(err)
	}
	if err := p.Parse("patterns.txt", cameodata.Patterns); err != nil {
		t.Fatal(err)
	}
	if p.Len() < 10000 {
		t.Fatalf("%d rules, want > 10000", p.Len())
	}
	cb, err := DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range append(p.Lemmas(Verb), p.Lemmas(Noun)...) {
		for _, r := range append(p.Verbs(l), p.Nouns(l)...) {
			for _, c := range []string{r.Code, r.Reverse} {
				if c == "" {
					continue
				}
				if _, ok := cb.Nearest(c); !ok {
					t.Errorf("%s: code %s is not in the codebook", r.ID, c)
				}
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(sample)
	f.Add("group g ---\nverb x prt=up pp=to:&s\n")
	f.Add("set s: a_b c\nnoun n 010 target=of source=by|between\n")
	f.Add("group g 100\nverb act pre=did_n't|will_not pp=by|with:tank\npattern 1010 pre=said_would\n")
	f.Fuzz(func(t *testing.T, in string) {
		p := NewPatterns()
		_ = p.Parse("fuzz", in) // must not panic
		for _, l := range p.Lemmas(Verb) {
			for _, r := range p.Verbs(l) {
				if r.Code == "" && r.Reverse == "" && !r.Block {
					t.Fatalf("rule %s has no code", r.ID)
				}
			}
		}
	})
}
