package api_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/api"
	"github.com/dyad-project/dyad/internal/lang"
)

func FuzzReadSubmission(f *testing.F) {
	f.Add("application/json", `{"text":"Russia accused Ukraine.","title":"t","date":"2024-01-02","url":"https://x.example/a"}`)
	f.Add("application/json", `{"text":"x","colour":"red"}`)
	f.Add("text/plain", "Title: Hello\nDate: 2024-01-02\n\nKenya recalled its ambassador.")
	f.Add("text/html; charset=windows-1252", "<html><body><article><p>Iran and Pakistan agreed to talks.</p></article></body></html>")
	f.Add("application/pdf", "%PDF")
	det, err := lang.New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, ct, body string) {
		r := httptest.NewRequest("POST", "/api/documents", strings.NewReader(body))
		r.Header.Set("Content-Type", ct)
		s, err := api.ReadSubmission(r, det)
		if err != nil {
			if st := api.Status(err); st != http.StatusBadRequest && st != http.StatusUnsupportedMediaType && !errors.Is(err, api.ErrBadRequest) {
				t.Fatalf("%q %q: error %v maps to %d", ct, body, err, st)
			}
			return
		}
		if strings.TrimSpace(s.Doc.Text) == "" {
			t.Fatalf("%q %q: accepted a document without text", ct, body)
		}
	})
}
