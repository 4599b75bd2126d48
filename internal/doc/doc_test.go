package doc_test

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/doc"
)

// slowContentID is ContentID's definition: the hash of NormalizeText.
func slowContentID(text string) string {
	sum := sha256.Sum256([]byte(doc.NormalizeText(text)))
	return hex.EncodeToString(sum[:16])
}

var idSeeds = []string{
	"", " ", "a", " a ", "a  b", "a\tb\nc", "\n\nTitle\n\n\nBody text.\r\n",
	"non\u00a0breaking\u2003em\u3000ideographic", "caf\u00e9 \u00e9t\u00e9", "bad \xff\xfe utf8", "\xffstart", "end\xc3",
	"\u0085next line", "tab\v\fform", "\uFFFD real replacement", strings.Repeat("long run ", 3000),
	strings.Repeat("x", 20000), "emoji \U0001F600 ok",
}

func TestContentIDMatchesNormalizeText(t *testing.T) {
	for _, s := range idSeeds {
		if got, want := doc.ContentID(s), slowContentID(s); got != want {
			t.Errorf("ContentID(%q) = %s, want %s", s, got, want)
		}
	}
	if doc.ContentID("a b") != doc.ContentID("  a\n\n\tb ") {
		t.Error("layout changes the ID")
	}
	if doc.ContentID("a b") == doc.ContentID("ab") {
		t.Error("a word break does not change the ID")
	}
}

func FuzzContentID(f *testing.F) {
	for _, s := range idSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := doc.ContentID(s), slowContentID(s); got != want {
			t.Errorf("ContentID(%q) = %s, want %s", s, got, want)
		}
	})
}

func BenchmarkContentID(b *testing.B) {
	text := strings.Repeat("The foreign ministers met in Geneva on Wednesday.\n\nTalks \u201cwill continue\u201d, officials said. ", 60)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		doc.ContentID(text)
	}
}
