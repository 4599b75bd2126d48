package storetest

import (
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/store"
	"github.com/google/go-cmp/cmp"
)

// testDocumentCounts: documents per UTC day of publication, current
// versions only unless asked, without the undated, under the filters.
func testDocumentCounts(t *testing.T, s store.Store) {
	a1, a2, a3 := article(1), article(2), article(3) // noon of 2024-01-02, -03, -04
	a4 := article(4)
	a4.Published = time.Date(2024, 1, 2, 23, 30, 0, 0, time.FixedZone("", -2*3600)) // 2024-01-03 01:30 UTC
	a5 := article(5)
	a5.Published = time.Time{}
	a6 := article(6)
	a6.Published, a6.Outlet = date(2024, 1, 2), "Other Wire"
	mustPut(t, s, a1, a2, a3, a4, a5, a6)
	v2 := a3
	v2.Text += " Corrected."
	v2.Published = date(2024, 1, 5)
	mustPut(t, s, v2) // supersedes a3
	tests := []struct {
		name string
		f    store.DocFilter
		want []store.DocCount
	}{
		{"all current", store.DocFilter{}, []store.DocCount{{Date: "2024-01-02", Documents: 2}, {Date: "2024-01-03", Documents: 2}, {Date: "2024-01-05", Documents: 1}}},
		{"all versions", store.DocFilter{AllVersions: true}, []store.DocCount{{Date: "2024-01-02", Documents: 2}, {Date: "2024-01-03", Documents: 2}, {Date: "2024-01-04", Documents: 1}, {Date: "2024-01-05", Documents: 1}}},
		{"outlet", store.DocFilter{Outlet: "Other Wire"}, []store.DocCount{{Date: "2024-01-02", Documents: 1}}},
		{"from and to", store.DocFilter{From: time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC)}, []store.DocCount{{Date: "2024-01-03", Documents: 2}}},
		{"nothing", store.DocFilter{Lang: "xx"}, nil},
		{"query and limit ignored", store.DocFilter{Query: "nothing-matches", Limit: 1}, []store.DocCount{{Date: "2024-01-02", Documents: 2}, {Date: "2024-01-03", Documents: 2}, {Date: "2024-01-05", Documents: 1}}},
	}
	for _, tt := range tests {
		got, err := s.DocumentCounts(ctx, tt.f)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}
