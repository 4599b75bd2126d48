package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

func addHTMLFixtures(f *testing.F) {
	files, _ := filepath.Glob("../source/testdata/html/*.html")
	files = append(files, "testdata/article.html")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzHTML(f *testing.F) {
	addHTMLFixtures(f)
	f.Fuzz(func(t *testing.T, page []byte) {
		// Mutations mostly break UTF-8, which HTML refuses at once (that
		// path is FuzzDecode's); repair it so the parser and readability
		// see the mutated markup.
		page = bytes.ToValidUTF8(page, []byte("\uFFFD"))
		p, err := HTML(page, nil)
		if err != nil {
			return
		}
		for _, s := range []string{p.Text, p.Title, p.Author, p.Outlet, p.URL} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in output %q", s)
			}
		}
		if p.Text == "" {
			t.Fatal("no error and no text")
		}
	})
}

func FuzzDecode(f *testing.F) {
	addHTMLFixtures(f)
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"))
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><rss>caf` + "\xe9" + `</rss>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if out, _, err := Decode(data, ""); err == nil && !utf8.Valid(out) {
			t.Fatalf("Decode output is not UTF-8: %q", out)
		}
		if out, _, err := DecodeXML(data, ""); err == nil && !utf8.Valid(out) {
			t.Fatalf("DecodeXML output is not UTF-8: %q", out)
		}
	})
}

func FuzzFragment(f *testing.F) {
	for _, s := range []string{"<p>One.</p><p>Two &amp; three.</p>", "plain text", "<b>bold</b> and <i>", "&lt;p&gt;escaped&lt;/p&gt;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := Fragment(s)
		if err == nil && utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("Fragment(%q) = %q: invalid UTF-8", s, out)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-03-12", "Tue, 12 Mar 2024 10:20:30 GMT", "March 12th, 2024 at 3:04 pm", "Sept. 5, 2023", "1st May 2024"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err == nil && d.Location().String() != "UTC" {
			t.Fatalf("ParseDate(%q) not in UTC: %v", s, d)
		}
	})
}
