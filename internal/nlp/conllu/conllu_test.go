package conllu

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	in, err := os.ReadFile("testdata/sample.conllu")
	if err != nil {
		t.Fatal(err)
	}
	r := NewReader(bytes.NewReader(in))
	var out bytes.Buffer
	w := NewWriter(&out)
	n := 0
	for {
		s, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		if err := w.Write(s); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	if n != 2 {
		t.Fatalf("read %d sentences, want 2", n)
	}
	if got := out.String(); got != string(in) {
		t.Errorf("round trip differs:\n%s\nwant\n%s", got, in)
	}
}

func TestToNLP(t *testing.T) {
	ss, err := ReadFile("testdata/sample.conllu")
	if err != nil {
		t.Fatal(err)
	}
	s, text := ToNLP(ss[0], 10)
	if want := "They don't vote. "; text != want {
		t.Errorf("text = %q, want %q", text, want)
	}
	if want := ss[0].Comment("text"); strings.TrimSpace(text) != want {
		t.Errorf("text = %q, comment says %q", text, want)
	}
	got := fmt.Sprint(s.Tokens[1].Start, s.Tokens[1].End, s.Tokens[2].Start, s.Tokens[2].End, s.Tokens[3].SpaceAfter, s.Tokens[3].Start)
	if want := "15 20 15 20 false 21"; got != want {
		t.Errorf("offsets = %s, want %s", got, want)
	}
	if s.Tokens[0].Head != 4 || s.Tokens[0].Rel != "nsubj" || s.Tokens[0].XPOS != "PRP" {
		t.Errorf("token 0 = %+v", s.Tokens[0])
	}
	back := FromNLP(&s)
	if back.Words[3].Misc != "TokenRange=21:25|SpaceAfter=No" {
		t.Errorf("misc = %q", back.Words[3].Misc)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"fields", "1\tA\t_\n", "line 1: 3 tab-separated fields, want 10"},
		{"id", "2\tA\ta\tX\tX\t_\t0\troot\t_\t_\n", "line 1: ID: \"2\", want 1"},
		{"head", "1\tA\ta\tX\tX\t_\tx\troot\t_\t_\n", "line 1: HEAD: \"x\" is not a word index"},
		{"head range", "# c\n1\tA\ta\tX\tX\t_\t5\troot\t_\t_\n", "line 2: HEAD: 5 beyond the 1 words of the sentence"},
		{"range", "1-3\tAB\t_\t_\t_\t_\t_\t_\t_\t_\n1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n", "line 1: ID: range 1-3 beyond the 1 words"},
		{"empty field", "1\tA\t\tX\tX\t_\t0\troot\t_\t_\n", "line 1: LEMMA: empty field (use _)"},
		{"comment", "1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n# late\n", "line 2: comment after the first word line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewReader(strings.NewReader(tt.in)).Next()
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// A bad sentence is reported and the reader goes on with the next one.
func TestResumeAfterError(t *testing.T) {
	in := "1\tA\t_\n2\tB\n\n1\tC\tc\tX\tX\t_\t0\troot\t_\t_\n\n"
	r := NewReader(strings.NewReader(in))
	if _, err := r.Next(); err == nil {
		t.Fatal("no error for a bad sentence")
	}
	s, err := r.Next()
	if err != nil || s.Words[0].Form != "C" || s.Line != 4 {
		t.Fatalf("got %+v, %v; want the sentence at line 4", s, err)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("err = %v, want EOF", err)
	}
}

func FuzzReader(f *testing.F) {
	in, _ := os.ReadFile("testdata/sample.conllu")
	f.Add(string(in))
	f.Add("1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n\n1-2\tx\n")
	f.Add("0.1\tA\ta\tX\tX\t_\t_\t_\t_\t_\n1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n")
	f.Fuzz(func(t *testing.T, in string) {
		r := NewReader(strings.NewReader(in))
		for i := 0; i < 1000; i++ {
			s, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				var e *Error
				if !errors.As(err, &e) {
					return // I/O error is sticky and ends the stream
				}
				continue
			}
			for _, w := range s.Words {
				if w.Head > len(s.Words) {
					t.Fatalf("head %d beyond %d words", w.Head, len(s.Words))
				}
			}
			// What we read we can write and read back the same.
			var buf bytes.Buffer
			w := NewWriter(&buf)
			w.Write(s)
			w.Flush()
			s2, err := NewReader(&buf).Next()
			if err != nil {
				t.Fatalf("rereading written sentence: %v\n%s", err, buf.String())
			}
			if len(s2.Words) != len(s.Words) || len(s2.Multi) != len(s.Multi) || len(s2.Empty) != len(s.Empty) {
				t.Fatalf("reread differs")
			}
			ToNLP(s, 0)
		}
	})
}
