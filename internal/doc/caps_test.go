package doc

import (
	"strings"
	"testing"
)

func TestCapsCheck(t *testing.T) {
	c := DefaultCaps()
	ok := Document{Text: "Talks in Lima.", Title: "Talks", Meta: map[string]string{"desk": "world"}}
	if err := c.Check(&ok); err != nil {
		t.Errorf("a small document: %v", err)
	}
	for _, tc := range []struct {
		d    Document
		want string
	}{
		{Document{Text: "x", Title: strings.Repeat("t", 5<<20)}, "title is 5242880 bytes, over the cap of 2048 bytes"},
		{Document{Text: strings.Repeat("x", 21<<20)}, "text is 22020096 bytes, over the cap of 20971520"},
		{Document{Text: "x", URL: "https://" + strings.Repeat("a", 3000)}, "url is 3008 bytes"},
		{Document{Text: "x", Meta: map[string]string{"big": strings.Repeat("m", 3<<20)}}, `metadata field "big" is 3145728 bytes, over the cap of 8192`},
		{Document{Text: "x", Meta: map[string]string{strings.Repeat("k", 300): "v"}}, "metadata key"},
	} {
		if err := c.Check(&tc.d); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v, want %q", err, tc.want)
		}
	}
	many := Document{Text: "x", Meta: map[string]string{}}
	for i := range 20 {
		many.Meta[strings.Repeat("k", i+1)] = strings.Repeat("v", 4000)
	}
	if err := c.Check(&many); err == nil || !strings.Contains(err.Error(), "metadata is") {
		t.Errorf("80 KB of metadata: %v", err)
	}
}

func TestDefaultCapsIsAFreshValue(t *testing.T) {
	c := DefaultCaps()
	c.Text = 1
	if DefaultCaps().Text != 20<<20 {
		t.Errorf("changing a copy changed the defaults: Text %d", DefaultCaps().Text)
	}
}
