package export

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/event"
)

// gdeltRow renders an event as the 61 columns of a GDELT 2.0 event-table
// row. Columns dyad has no data for (religion, ethnicity, ADM2 codes, tone,
// feature IDs) are empty. NumMentions, NumSources and NumArticles are the
// happening's events, outlets and documents when the event was listed as a
// happening, else 1. Country codes are ISO alpha-3 (GDELT writes FIPS
// 10-4); ActionGeo_Type is 1 country, 4 city or 5 first-level division, and
// for the United States 2 state or 3 city, as GDELT has them.
func gdeltRow(e event.Event, added time.Time) []string {
	day, monthYear, year, frac := "", "", "", ""
	if t, err := time.Parse("2006-01-02", e.Date); err == nil {
		day, monthYear, year = t.Format("20060102"), t.Format("200601"), t.Format("2006")
		frac = strconv.FormatFloat(float64(t.Year())+float64(t.YearDay())/365.0, 'f', 4, 64)
	}
	base := e.Code
	if len(base) > 3 {
		base = base[:3]
	}
	actor := func(a event.Actor) []string {
		return []string{a.Code, strings.ToUpper(first(a.Name, a.Text)), a.Country, "", "", "", "", a.Sector, "", ""}
	}
	none := []string{"0", "", "", "", "", "", "", ""}
	count := func(n int) string { return strconv.Itoa(max(n, 1)) }
	row := []string{gdeltID(e.ID), day, monthYear, year, frac}
	row = append(row, actor(e.Source)...)
	row = append(row, actor(e.Target)...)
	row = append(row, "", e.Code, base, e.Root, strconv.Itoa(e.Quad), ftoa(e.Goldstein),
		count(e.Mentions), count(e.Outlets), count(e.Documents), "")
	row = append(row, none...)
	row = append(row, none...)
	row = append(row, actionGeo(e)...)
	row = append(row, added.Format("20060102150405"), e.URL)
	return row
}

// gdeltID turns the hex event ID into the positive integer GDELT uses: the
// first 15 hex digits, so that it fits in an int64. An ID that is not hex
// is returned as it is.
func gdeltID(id string) string {
	if len(id) > 15 {
		id = id[:15]
	}
	n, err := strconv.ParseUint(id, 16, 64)
	if err != nil {
		return id
	}
	return strconv.FormatUint(n, 10)
}

// actionGeo returns the eight ActionGeo columns of e: type, full name,
// country, ADM1, ADM2, latitude, longitude, feature ID.
func actionGeo(e event.Event) []string {
	if e.Location == "" {
		return []string{"0", "", "", "", "", "", "", ""}
	}
	typ := map[string]string{"country": "1", "admin1": "5", "city": "4"}[e.GeoPrecision]
	if e.LocationCountry == "USA" {
		typ = map[string]string{"country": "1", "admin1": "2", "city": "3"}[e.GeoPrecision]
	}
	if typ == "" {
		typ = "4"
	}
	var parts []string
	for _, p := range []string{e.Location, e.Admin1, e.LocationCountry} {
		if p != "" && !slices.Contains(parts, p) {
			parts = append(parts, p)
		}
	}
	lat, lon := "", ""
	if e.Lat != nil && e.Lon != nil {
		lat, lon = strconv.FormatFloat(*e.Lat, 'f', 4, 64), strconv.FormatFloat(*e.Lon, 'f', 4, 64)
	}
	return []string{typ, strings.Join(parts, ", "), e.LocationCountry, e.Admin1, "", lat, lon, ""}
}
