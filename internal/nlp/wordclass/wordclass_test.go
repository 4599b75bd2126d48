package wordclass_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/nlp/wordclass"
)

func TestRoundTripAndLookup(t *testing.T) {
	words := []string{"the", "arrested", "detained", "1990", "café"}
	cls := []wordclass.Classes{{1, 1, 1}, {2, 3, 4}, {2, 3, 4}, {3, 5, 9}, {1, 2, 3}}
	tab, err := wordclass.New([3]int{4, 8, 16}, words, cls)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := tab.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := wordclass.Read(bufio.NewReader(&buf))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		word string
		want wordclass.Classes
	}{
		{"Arrested", wordclass.Classes{2, 3, 4}},
		{"ARRESTED", wordclass.Classes{2, 3, 4}},
		{"2004", wordclass.Classes{3, 5, 9}}, // digits fold to 9 on both sides
		{"CAFÉ", wordclass.Classes{1, 2, 3}},
		{"unheard", wordclass.Classes{}},
	} {
		if c := got.Word(tc.word); c != tc.want {
			t.Errorf("Word(%q) = %v, want %v", tc.word, c, tc.want)
		}
	}
	if got.Sizes() != [3]int{4, 8, 16} || got.Len() != 5 {
		t.Errorf("sizes %v len %d", got.Sizes(), got.Len())
	}
	var nilTab *wordclass.Table
	if c := nilTab.Word("the"); c != (wordclass.Classes{}) {
		t.Errorf("nil table knows %v", c)
	}
}

func TestReadRejectsJunk(t *testing.T) {
	for _, in := range []string{"", "dyad-wordclass\n", "dyad-wordclass\n\x02", "something else entirely"} {
		if _, err := wordclass.Read(bufio.NewReader(strings.NewReader(in))); err == nil {
			t.Errorf("no error for %q", in)
		}
	}
	if _, err := wordclass.New([3]int{2, 2, 2}, []string{"a"}, []wordclass.Classes{{3, 1, 1}}); err == nil {
		t.Error("no error for a class out of range")
	}
}

// The committed table (data/vectors) reads and groups words that behave
// alike.
func TestCommittedTable(t *testing.T) {
	f, err := os.Open("../../../data/vectors/wordclass.bin.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := wordclass.Read(bufio.NewReader(zr))
	if err != nil {
		t.Fatal(err)
	}
	if tab.Len() < 50000 {
		t.Errorf("%d words", tab.Len())
	}
	// Coarse classes: countries with countries, not with verbs.
	if a, b := tab.Word("France")[0], tab.Word("Germany")[0]; a == 0 || a != b {
		t.Errorf("France %d, Germany %d: want the same coarse class", a, b)
	}
	if a, b := tab.Word("France")[0], tab.Word("arrested")[0]; a == b {
		t.Errorf("France and arrested share coarse class %d", a)
	}
}

func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	tab, _ := wordclass.New([3]int{2, 2, 2}, []string{"a", "b"}, []wordclass.Classes{{1, 1, 1}, {2, 2, 2}})
	tab.WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, in []byte) {
		if tab, err := wordclass.Read(bufio.NewReader(bytes.NewReader(in))); err == nil {
			_ = tab.Word("a")
		}
	})
}

func Example() {
	tab, err := wordclass.New([3]int{2, 4, 8}, []string{"arrested", "detained"}, []wordclass.Classes{{1, 2, 5}, {1, 2, 5}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tab.Word("Detained"), tab.Word("DETAINED") == tab.Word("arrested"), tab.Word("cat"))
	// Output: [1 2 5] true [0 0 0]
}

func BenchmarkRead(b *testing.B) {
	raw, err := os.ReadFile("../../../data/vectors/wordclass.bin.gz")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		zr, _ := gzip.NewReader(bytes.NewReader(raw))
		if _, err := wordclass.Read(bufio.NewReader(zr)); err != nil {
			b.Fatal(err)
		}
	}
}
