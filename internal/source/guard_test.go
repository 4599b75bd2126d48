package source

import (
	"errors"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPublicAddr(t *testing.T) {
	for addr, want := range map[string]bool{
		"8.8.8.8": true, "2606:4700::1111": true, "100.63.255.255": true,
		"127.0.0.1": false, "127.8.9.10": false, "::1": false, "10.1.2.3": false, "172.16.0.1": false,
		"192.168.1.1": false, "169.254.169.254": false, "fe80::1": false, "fd00::1": false, "0.0.0.0": false,
		"::": false, "::ffff:127.0.0.1": false, "::ffff:10.0.0.1": false, "224.0.0.1": false, "100.64.0.1": false, "0.1.2.3": false,
	} {
		if got := publicAddr(netip.MustParseAddr(addr)); got != want {
			t.Errorf("publicAddr(%s) = %v, want %v", addr, got, want)
		}
	}
}

func TestCheckURL(t *testing.T) {
	for u, ok := range map[string]bool{
		"https://example.org/feed": true, "http://example.org": true,
		"javascript:alert(1)": false, "file:///etc/passwd": false, "ftp://example.org/x": false,
		"http://user:pw@example.org/": false, "http:///nohost": false, "gopher://x": false,
	} {
		err := CheckURL(u)
		if (err == nil) != ok || (err != nil && !errors.Is(err, ErrForbidden)) {
			t.Errorf("CheckURL(%q) = %v, want ok=%v", u, err, ok)
		}
	}
}

// TestFetchRefusesThisMachine: by default a URL input, a feed item's link
// and a redirect may not reach 127.0.0.1; with AllowPrivate they may.
func TestFetchRefusesThisMachine(t *testing.T) {
	srv := newsServer(t)
	items := walk(t, []string{srv.URL + "/article"}, Options{})
	if len(items) != 1 || !errors.Is(items[0].Err, ErrForbidden) || !strings.Contains(items[0].Err.Error(), "127.0.0.1 is not a public address") {
		t.Fatalf("URL input on 127.0.0.1: %v", summaries(items))
	}
	// A feed read from a local file whose item links to this machine.
	dir := t.TempDir()
	feed := filepath.Join(dir, "feed.xml")
	os.WriteFile(feed, []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Secret</title><link>`+srv.URL+`/article</link><description>A short summary.</description></item>
<item><title>Script</title><link>javascript:alert(1)</link><description>Another short summary.</description></item>
</channel></rss>`), 0o644)
	items = walk(t, []string{feed}, Options{FetchFullText: true})
	if len(items) != 2 {
		t.Fatalf("got %v", summaries(items))
	}
	for i, want := range []string{"not a public address", "not http(s)"} {
		it := items[i]
		if it.Err != nil || it.Doc.Meta["fulltext"] != "" || len(it.Diagnostics) != 1 || !strings.Contains(it.Diagnostics[0].Message, want) {
			t.Errorf("item %d: err=%v meta=%v diags=%v, want the summary kept and %q reported", i+1, it.Err, it.Doc.Meta, it.Diagnostics, want)
		}
	}
	items = walk(t, []string{srv.URL + "/article"}, Options{AllowPrivate: true})
	if len(items) != 1 || items[0].Err != nil {
		t.Errorf("with AllowPrivate: %v", summaries(items))
	}
}

func TestRedirectToOtherSchemeRefused(t *testing.T) {
	srv := newsServer(t)
	items := walk(t, []string{srv.URL + "/to-file"}, Options{AllowPrivate: true})
	if len(items) != 1 || !errors.Is(items[0].Err, ErrForbidden) || !strings.Contains(items[0].Err.Error(), `scheme "file"`) {
		t.Errorf("redirect to file://: %v", summaries(items))
	}
	c := NewClient(0, false)
	many := make([]*http.Request, maxRedirects)
	ok, _ := http.NewRequest("GET", "https://example.org/", nil)
	if err := c.CheckRedirect(ok, many); err == nil {
		t.Error("redirect number 11 was allowed")
	}
	if err := c.CheckRedirect(ok, many[:1]); err != nil {
		t.Errorf("a plain https redirect was refused: %v", err)
	}
}

func FuzzCheckURL(f *testing.F) {
	for _, s := range []string{"https://example.org/a?b=c", "javascript:x", "http://[::1]:80/", "HTTP://EXAMPLE.ORG", "//host/path", "http://a@b/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if CheckURL(s) == nil {
			lower := strings.ToLower(strings.TrimSpace(s))
			if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
				t.Fatalf("CheckURL accepted %q", s)
			}
		}
	})
}
