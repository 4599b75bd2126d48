package query_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/query/querytest"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/google/go-cmp/cmp"
)

func TestParsePlace(t *testing.T) {
	tests := []struct {
		in   string
		want string
		bad  bool
	}{
		{"country=ukr", "UKR", false},
		{"country=UKR&actor=RUS&city=Kyiv", "UKR", false},
		{"country=", "", false},
		{"country=UK", "", true},
		{"country=U1R", "", true},
		{"country=Ukraine", "", true},
	}
	for _, tc := range tests {
		v, _ := url.ParseQuery(tc.in)
		f, err := query.ParseEventFilter(v)
		if (err != nil) != tc.bad {
			t.Errorf("%s: error %v, want bad %v", tc.in, err, tc.bad)
			continue
		}
		if f.Country != tc.want {
			t.Errorf("%s: Country %q, want %q", tc.in, f.Country, tc.want)
		}
		v2 := query.Values(f)
		if !tc.bad && (v2.Get("country") != tc.want || v2.Get("city") != v.Get("city")) {
			t.Errorf("%s: Values writes %s", tc.in, v2.Encode())
		}
	}
}

func TestPlaces(t *testing.T) {
	q, _ := open(t)
	ctx := context.Background()
	f := func(lat, lon float64) (*float64, *float64) { return &lat, &lon }
	dLat, dLon := f(48.0159, 37.8028)
	gLat, gLon := f(46.2022, 6.1457)
	kLat, kLon := f(49.9935, 36.2304)
	got, err := q.Places(ctx, store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// counted: the accusation in Donetsk, the talks in Geneva and the
	// reported accusation of the hostile document
	want := query.Places{Count: "happenings", Total: 3,
		Countries: []store.PlaceCount{{Country: "UKR", Events: 2}, {Country: "CHE", Events: 1}},
		Cities: []store.PlaceCount{{Country: "CHE", City: "Geneva", Lat: gLat, Lon: gLon, Events: 1},
			{Country: "UKR", City: "Donetsk", Lat: dLat, Lon: dLon, Events: 1},
			{Country: "UKR", City: querytest.XSSPlace, Lat: kLat, Lon: kLon, Events: 1}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Places (-want +got):\n%s", diff)
	}
	got, err = q.Places(ctx, store.EventFilter{Actor: "USA", Statuses: query.AllStatuses(), Mentions: true})
	if err != nil {
		t.Fatal(err)
	}
	// the future summit has no place
	want = query.Places{Count: "mentions", Total: 2, Unplaced: 1,
		Countries: []store.PlaceCount{{Country: "CHE", Events: 1}},
		Cities:    []store.PlaceCount{{Country: "CHE", City: "Geneva", Lat: gLat, Lon: gLon, Events: 1}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Places(actor USA, all) (-want +got):\n%s", diff)
	}
}
