package extract

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseDate(t *testing.T) {
	utc := func(y int, m time.Month, d, h, min, s int) time.Time {
		return time.Date(y, m, d, h, min, s, 0, time.UTC)
	}
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2024-03-12", utc(2024, 3, 12, 0, 0, 0)},
		{"2024-03-12T10:20:30Z", utc(2024, 3, 12, 10, 20, 30)},
		{"2024-03-12T10:20:30+02:00", utc(2024, 3, 12, 8, 20, 30)},
		{"2024-03-12T10:20:30.123Z", time.Date(2024, 3, 12, 10, 20, 30, 123e6, time.UTC)},
		{"2024-03-12T10:20:30+0200", utc(2024, 3, 12, 8, 20, 30)},
		{"2024-03-12T10:20:30", utc(2024, 3, 12, 10, 20, 30)},
		{"2024-03-12 10:20", utc(2024, 3, 12, 10, 20, 0)},
		{"2024/03/12", utc(2024, 3, 12, 0, 0, 0)},
		{"Tue, 12 Mar 2024 10:20:30 GMT", utc(2024, 3, 12, 10, 20, 30)},
		{"Tue, 12 Mar 2024 10:20:30 +0100", utc(2024, 3, 12, 9, 20, 30)},
		{"Tue, 2 Jan 2024 10:20:30 -0500", utc(2024, 1, 2, 15, 20, 30)},
		{"March 12, 2024", utc(2024, 3, 12, 0, 0, 0)},
		{"march 12, 2024", utc(2024, 3, 12, 0, 0, 0)},
		{"Mar. 12, 2024", utc(2024, 3, 12, 0, 0, 0)},
		{"Sept. 5, 2023", utc(2023, 9, 5, 0, 0, 0)},
		{"12 March 2024", utc(2024, 3, 12, 0, 0, 0)},
		{"12 Mar 2024", utc(2024, 3, 12, 0, 0, 0)},
		{"Tuesday, March 12, 2024", utc(2024, 3, 12, 0, 0, 0)},
		{"Tuesday 12 March 2024", utc(2024, 3, 12, 0, 0, 0)},
		{"March 12th, 2024", utc(2024, 3, 12, 0, 0, 0)},
		{"1st May 2024", utc(2024, 5, 1, 0, 0, 0)},
		{"March 12, 2024 at 3:04 PM", utc(2024, 3, 12, 15, 4, 0)},
		{"  2024-03-12  ", utc(2024, 3, 12, 0, 0, 0)},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tt.in, err)
			continue
		}
		if !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	for _, bad := range []string{"", "yesterday", "03/04/2024", "next Tuesday", "2024-13-45", strings.Repeat("9", 200)} {
		if got, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", bad, got)
		}
	}
}

func TestHTML(t *testing.T) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	got, err := HTML(page, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := Page{
		Title:     "UN council extends mission in South Sudan",
		Author:    "Daniel Ochieng",
		Outlet:    "Lakeside Courier",
		URL:       "https://courier.example.net/world/unmiss-extended",
		Published: time.Date(2024, 4, 30, 16, 5, 0, 0, time.UTC),
		Lang:      "en",
	}
	text := got.Text
	got.Text = ""
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("metadata mismatch (-want +got):\n%s", diff)
	}
	paras := strings.Split(text, "\n\n")
	if len(paras) < 4 || !strings.HasPrefix(paras[len(paras)-1], "South Sudan's ambassador told the council") {
		t.Errorf("article paragraphs: %q", paras)
	}
	for _, junk := range []string{"Home", "cookies", "Related", "Copyright", "Jobs"} {
		if strings.Contains(text, junk) {
			t.Errorf("text keeps boilerplate %q", junk)
		}
	}
}

func TestHTMLDates(t *testing.T) {
	body := "<p>" + strings.Repeat("The delegation met the minister and discussed the border and the trade agreement. ", 8) + "</p>"
	tests := []struct {
		name, head, body string
		want             string
		raw              string
	}{
		{"meta property", `<meta property="article:published_time" content="2022-05-01T10:00:00Z">`, body, "2022-05-01", ""},
		{"meta itemprop", `<meta itemprop="datePublished" content="2022-05-02">`, body, "2022-05-02", ""},
		{"json-ld", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-05-03T08:00:00Z"}</script>`, body, "2022-05-03", ""},
		{"json-ld array", `<script type="application/ld+json">[{"@type":"Organization"},{"@type":"NewsArticle","datePublished":"2022-05-04"}]</script>`, body, "2022-05-04", ""},
		{"time itemprop", "", `<time itemprop="datePublished" datetime="2022-05-05T00:00:00Z">5 May</time>` + body, "2022-05-05", ""},
		{"time", "", `<time datetime="2022-05-06">6 May</time>` + body, "2022-05-06", ""},
		{"meta wins over time", `<meta property="article:published_time" content="2022-05-07">`, `<time datetime="2021-01-01">then</time>` + body, "2022-05-07", ""},
		{"unreadable", `<meta property="article:published_time" content="le cinq mai">`, body, "", "le cinq mai"},
		{"none", "", body, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html><head><title>T</title>" + tt.head + "</head><body><article>" + tt.body + "</article></body></html>"
			got, err := HTML([]byte(page), nil)
			if err != nil {
				t.Fatal(err)
			}
			date := ""
			if !got.Published.IsZero() {
				date = got.Published.Format("2006-01-02")
			}
			if date != tt.want || got.DateRaw != tt.raw {
				t.Errorf("date = %q raw %q, want %q raw %q", date, got.DateRaw, tt.want, tt.raw)
			}
		})
	}
}

func TestHTMLErrors(t *testing.T) {
	tests := []struct {
		name string
		page string
		want error
		msg  string
	}{
		{"nested divs", strings.Repeat("<div>", 100000) + "x", ErrTooDeep, "html nested too deeply: more than 512 open elements"},
		{"nested spans", "<p>" + strings.Repeat("<span><b>", 5000), ErrTooDeep, "html nested too deeply: more than 512 open elements"},
		{"self-closing divs", strings.Repeat("<div/>", 100000) + "x", ErrTooDeep, "html nested too deeply: more than 512 open elements"},
		{"too many elements", strings.Repeat("<p>a", MaxElements+1), ErrTooLarge, "html has too many elements: 100004, cap 100000"},
		{"nav only", "<html><body><nav><a href='/'>Home</a> <a href='/x'>World</a></nav></body></html>", ErrNoText,
			"no text: the readable part of the page has 2 words, want at least 10"},
		{"invalid utf-8", "<p>caf\xe9</p>", ErrInvalidUTF8, "invalid UTF-8 at byte 6"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := HTML([]byte(tt.page), nil)
			if !errors.Is(err, tt.want) || err.Error() != tt.msg {
				t.Errorf("err = %v, want %q", err, tt.msg)
			}
		})
	}
	// Many unclosed <p> and <li> are siblings, not nesting: not too deep.
	flat := "<html><body><article>" + strings.Repeat("<p>The minister spoke to reporters about the talks and the ceasefire terms.", 2000) + "</article></body></html>"
	if _, err := HTML([]byte(flat), nil); err != nil {
		t.Errorf("2000 unclosed <p>: %v", err)
	}
}

func TestDecode(t *testing.T) {
	latin := []byte("<html><head><meta charset=\"iso-8859-1\"></head><body>d\xe9claration</body></html>")
	tests := []struct {
		name, ct string
		in       []byte
		want     string // a substring of the decoded page
		enc      string
		err      error
	}{
		{"meta charset", "", latin, "déclaration", "windows-1252", nil},
		{"http-equiv", "", []byte("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>\xcc\xe8\xf0</p>"), "Мир", "windows-1251", nil},
		{"content type wins", "text/html; charset=koi8-r", []byte("<p>\xed\xc9\xd2</p>"), "Мир", "koi8-r", nil},
		{"utf-8 bom", "", []byte("\xef\xbb\xbf<p>été</p>"), "<p>été</p>", "utf-8", nil},
		{"utf-16 bom", "", []byte("\xff\xfe<\x00p\x00>\x00\xe9\x00"), "<p>é", "utf-16le", nil},
		{"undeclared utf-8", "", []byte("<p>été</p>"), "été", "utf-8", nil},
		{"undeclared latin-1", "", []byte("<p>\xe9t\xe9</p>"), "", "", ErrInvalidUTF8},
		{"declared utf-8 but not", "", []byte("<meta charset=utf-8><p>\xe9t\xe9</p>"), "", "", ErrInvalidUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, enc, err := Decode(tt.in, tt.ct)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil || enc != tt.enc || !strings.Contains(string(out), tt.want) {
				t.Errorf("Decode = %q, %q, %v; want %q in it, %q", out, enc, err, tt.want, tt.enc)
			}
		})
	}
}

func TestDecodeXML(t *testing.T) {
	in := []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss><channel><title>Caf\xe9</title></channel></rss>")
	out, enc, err := DecodeXML(in, "")
	if err != nil {
		t.Fatal(err)
	}
	want := "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss><channel><title>Café</title></channel></rss>"
	if string(out) != want || enc != "windows-1252" {
		t.Errorf("DecodeXML = %q (%s), want %q", out, enc, want)
	}
	if _, _, err := DecodeXML([]byte("<rss><title>Caf\xe9</title></rss>"), ""); !errors.Is(err, ErrInvalidUTF8) {
		t.Errorf("undeclared latin-1 XML: err = %v, want ErrInvalidUTF8", err)
	}
	if _, _, err := DecodeXML([]byte(`<?xml version="1.0" encoding="x-klingon"?><rss/>`), ""); !errors.Is(err, ErrCharset) {
		t.Errorf("unknown charset: err = %v, want ErrCharset", err)
	}
}

func TestFragment(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Plain   summary\ntext.", "Plain summary\ntext."},
		{"<p>First.</p><p>Second &amp; last.</p>", "First.\n\nSecond & last."},
		{"Tom &amp; Jerry <b>met</b> today", "Tom & Jerry met today"},
		{"<script>alert(1)</script><p>Kept.</p><style>p{}</style>", "Kept."},
		{"", ""},
	}
	for _, tt := range tests {
		got, err := Fragment(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Fragment(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}
