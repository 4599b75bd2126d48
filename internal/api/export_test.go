package api_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/api"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/export"
	"github.com/google/go-cmp/cmp"
)

// listed returns the events /api/events lists for a filter, every page,
// each as its JSON.
func listed(t *testing.T, base, filter string) []json.RawMessage {
	t.Helper()
	var all []json.RawMessage
	cursor := ""
	for {
		u := base + "/api/events?limit=2&" + filter
		if cursor != "" {
			u += "&cursor=" + cursor
		}
		resp, b := get(t, u)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", u, resp.StatusCode, b)
		}
		var page struct {
			Events []json.RawMessage `json:"events"`
			Next   string            `json:"next"`
		}
		if err := json.Unmarshal(b, &page); err != nil {
			t.Fatal(err)
		}
		all = append(all, page.Events...)
		if page.Next == "" {
			return all
		}
		cursor = page.Next
	}
}

// download gets an export and reads it whole, with its trailers.
func download(t *testing.T, u string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	return resp, b
}

// gdeltID is how package export writes an event ID in a GDELT row.
func gdeltID(id string) string {
	n, err := strconv.ParseUint(id[:min(15, len(id))], 16, 64)
	if err != nil {
		return id
	}
	return strconv.FormatUint(n, 10)
}

// TestExports: each format's download parses, and holds exactly the events
// /api/events lists for the same filter, in its order, happenings with
// their mention counts unless count=mentions.
func TestExports(t *testing.T) {
	f := newFixture(t, "")
	for _, filter := range []string{"", "status=all", "status=all&count=mentions", "dyad=RUS,UKR&status=all", "actor=usa&from=2024-02-01", "root=19"} {
		var want []event.Event
		var wantJSON []string
		for _, raw := range listed(t, f.srv.URL, filter) {
			var e event.Event
			if err := json.Unmarshal(raw, &e); err != nil {
				t.Fatal(err)
			}
			want = append(want, e)
			var c bytes.Buffer
			if err := json.Compact(&c, raw); err != nil {
				t.Fatal(err)
			}
			wantJSON = append(wantJSON, c.String())
		}
		t.Logf("%q: %d events", filter, len(want))
		if filter == "status=all" && len(want) == 0 {
			t.Fatal("the fixture lists no event")
		}
		for _, format := range export.Formats() {
			u := f.srv.URL + api.ExportPath(format) + "?" + filter
			resp, b := download(t, u)
			if resp.StatusCode != 200 {
				t.Errorf("%s: %d %s", u, resp.StatusCode, b)
				continue
			}
			if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="dyad-events.`) {
				t.Errorf("%s: Content-Disposition %q", u, cd)
			}
			if got := resp.Trailer.Get(api.TrailerRows); got != strconv.Itoa(len(want)) {
				t.Errorf("%s: trailer %s = %q, want %d", u, api.TrailerRows, got, len(want))
			}
			if next := resp.Trailer.Get(api.TrailerNext); next != "" {
				t.Errorf("%s: trailer %s = %q on a whole export", u, api.TrailerNext, next)
			}
			ct := resp.Header.Get("Content-Type")
			var ids, mentions []string
			switch format {
			case export.CSV:
				if ct != "text/csv; charset=utf-8" {
					t.Errorf("%s: Content-Type %q", u, ct)
				}
				rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
				if err != nil {
					t.Errorf("%s: %v", u, err)
					continue
				}
				if len(rows) > 0 {
					if rows[0][0] != "id" || rows[0][12] != "root" {
						t.Errorf("%s: header %q", u, rows[0])
					}
					for _, r := range rows[1:] {
						ids = append(ids, r[0])
					}
				}
			case export.GDELT:
				if ct != "text/tab-separated-values; charset=utf-8" {
					t.Errorf("%s: Content-Type %q", u, ct)
				}
				r := csv.NewReader(bytes.NewReader(b))
				r.Comma, r.FieldsPerRecord = '\t', 61
				rows, err := r.ReadAll()
				if err != nil {
					t.Errorf("%s: %v", u, err)
					continue
				}
				for _, r := range rows {
					ids = append(ids, r[0])
					mentions = append(mentions, r[31])
				}
			case export.JSONL, export.PLOVER:
				if ct != "application/jsonl; charset=utf-8" {
					t.Errorf("%s: Content-Type %q", u, ct)
				}
				sc := bufio.NewScanner(bytes.NewReader(b))
				sc.Buffer(nil, 1<<20)
				var lines []string
				for sc.Scan() {
					var rec struct {
						ID       string `json:"id"`
						Mentions int    `json:"mentions"`
					}
					if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
						t.Errorf("%s: line %d: %v", u, len(ids)+1, err)
					}
					ids = append(ids, rec.ID)
					mentions = append(mentions, strconv.Itoa(rec.Mentions))
					lines = append(lines, sc.Text())
				}
				if format == export.JSONL {
					if diff := cmp.Diff(wantJSON, lines); diff != "" {
						t.Errorf("%s: the lines are not the events of /api/events (-want +got):\n%s", u, diff)
					}
				}
			}
			var wantIDs, wantMentions []string
			for _, e := range want {
				switch format {
				case export.GDELT:
					wantIDs, wantMentions = append(wantIDs, gdeltID(e.ID)), append(wantMentions, strconv.Itoa(max(e.Mentions, 1)))
				default:
					wantIDs, wantMentions = append(wantIDs, e.ID), append(wantMentions, strconv.Itoa(e.Mentions))
				}
			}
			if format == export.CSV {
				wantMentions = nil // the CSV has no mention counts
			}
			if diff := cmp.Diff(wantIDs, ids); diff != "" {
				t.Errorf("%s: events differ from /api/events?%s (-want +got):\n%s", u, filter, diff)
			}
			if diff := cmp.Diff(wantMentions, mentions); diff != "" {
				t.Errorf("%s: mention counts differ (-want +got):\n%s", u, diff)
			}
		}
	}
}

// TestExportCap: an export stops at the server's cap, or at a smaller
// limit, and says where to go on; the cursor it gives continues it.
func TestExportCap(t *testing.T) {
	f := newFixture(t, "", func(c *api.Config) { c.MaxExport = 3 })
	var all []string
	for _, raw := range listed(t, f.srv.URL, "status=all") {
		var e event.Event
		if err := json.Unmarshal(raw, &e); err != nil {
			t.Fatal(err)
		}
		all = append(all, e.ID)
	}
	if len(all) <= 3 {
		t.Fatalf("the fixture lists %d events; the test needs more than 3", len(all))
	}
	ids := func(b []byte) []string {
		var out []string
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			var e event.Event
			if err := json.Unmarshal([]byte(line), &e); err != nil {
				t.Fatalf("%v: %q", err, line)
			}
			out = append(out, e.ID)
		}
		return out
	}
	u := f.srv.URL + api.ExportPath(export.JSONL) + "?status=all"
	resp, b := download(t, u)
	next := resp.Trailer.Get(api.TrailerNext)
	if resp.StatusCode != 200 || resp.Trailer.Get(api.TrailerRows) != "3" || next == "" {
		t.Fatalf("%s: %d, trailers %v", u, resp.StatusCode, resp.Trailer)
	}
	got := ids(b)
	resp, b = download(t, u+"&cursor="+next)
	if resp.StatusCode != 200 || resp.Trailer.Get(api.TrailerNext) != "" {
		t.Fatalf("%s from the cursor: %d, trailers %v", u, resp.StatusCode, resp.Trailer)
	}
	if got = append(got, ids(b)...); !slices.Equal(got, all) {
		t.Errorf("capped export and its continuation: %v, want %v", got, all)
	}
	resp, b = download(t, u+"&limit=2")
	if resp.StatusCode != 200 || resp.Trailer.Get(api.TrailerRows) != "2" || !slices.Equal(ids(b), all[:2]) {
		t.Errorf("limit=2: %d %v %s", resp.StatusCode, resp.Trailer, b)
	}
	resp, b = download(t, u+"&limit=4")
	if resp.StatusCode != 400 || !strings.Contains(string(b), `limit: \"4\" is not a number from 1 to 3`) {
		t.Errorf("limit over the cap: %d %s", resp.StatusCode, b)
	}
}

// TestExportErrors: a bad filter is a JSON 400 naming the parameter, not a
// download; HEAD answers the download's headers without a body.
func TestExportErrors(t *testing.T) {
	f := newFixture(t, "")
	for _, tc := range []struct{ query, want string }{
		{"quad=9", `quad: \"9\" is not a quad class`},
		{"acter=USA", "unknown parameter acter"},
		{"code=999", `code: \"999\" is not a CAMEO code`},
		{"from=2024-13-01", `from: \"2024-13-01\" is not a date`},
		{"count=reports", `count: \"reports\" is not happenings or mentions`},
		{"cursor=!!", "cursor"},
	} {
		for _, format := range export.Formats() {
			u := f.srv.URL + api.ExportPath(format) + "?" + tc.query
			resp, b := download(t, u)
			if resp.StatusCode != 400 || !strings.Contains(string(b), tc.want) ||
				!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json;") || resp.Header.Get("Content-Disposition") != "" {
				t.Errorf("%s: %d %s %q %s, want a JSON 400 with %q", u, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"), b, tc.want)
			}
		}
	}
	resp, err := http.Head(f.srv.URL + api.ExportPath(export.CSV) + "?status=all")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" || resp.Header.Get("Content-Disposition") == "" {
		t.Errorf("HEAD: %d %v", resp.StatusCode, resp.Header)
	}
}
