package api_test

import (
	"encoding/json"
	"testing"

	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/query/querytest"
	"github.com/google/go-cmp/cmp"
)

// TestPlaces: GET /api/places counts the fixture's events by country and
// city under the filter, and the city's name comes back as it was stored.
func TestPlaces(t *testing.T) {
	f := newFixture(t, "")
	tests := []struct {
		query             string
		count             string
		total, unplaced   int
		countries, cities []string
	}{
		{"", "happenings", 3, 0, []string{"UKR 2", "CHE 1"}, []string{"Geneva 1", "Donetsk 1", querytest.XSSPlace + " 1"}},
		{"actor=usa&status=all&count=mentions", "mentions", 2, 1, []string{"CHE 1"}, []string{"Geneva 1"}},
		{"country=UKR&city=Donetsk", "happenings", 1, 0, []string{"UKR 1"}, []string{"Donetsk 1"}},
	}
	for _, tc := range tests {
		resp, b := get(t, f.srv.URL+"/api/places?"+tc.query)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: status %d %s", tc.query, resp.StatusCode, b)
		}
		var p query.Places
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatal(err)
		}
		var countries, cities []string
		for _, c := range p.Countries {
			countries = append(countries, c.Country+" "+itoa(c.Events))
		}
		for _, c := range p.Cities {
			if c.Lat == nil || c.Lon == nil {
				t.Errorf("%s: city %s without coordinates", tc.query, c.City)
			}
			cities = append(cities, c.City+" "+itoa(c.Events))
		}
		got := []any{p.Count, p.Total, p.Unplaced, countries, cities}
		want := []any{tc.count, tc.total, tc.unplaced, tc.countries, tc.cities}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.query, diff)
		}
	}
}
