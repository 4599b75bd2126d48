package export

import (
	"strconv"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/event"
)

// gdeltRow renders an event as the 61 columns of a GDELT 2.0 event-table
// row. Columns dyad has no data for (religion, ethnicity, ADM codes, tone,
// feature IDs) are empty; NumMentions, NumSources and NumArticles are 1
// because each dyad event comes from one sentence of one document.
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
	geo := func(name string) []string {
		if name == "" {
			return []string{"0", "", "", "", "", "", "", ""}
		}
		return []string{"4", name, "", "", "", "", "", ""}
	}
	row := []string{gdeltID(e.ID), day, monthYear, year, frac}
	row = append(row, actor(e.Source)...)
	row = append(row, actor(e.Target)...)
	row = append(row, "", e.Code, base, e.Root, strconv.Itoa(e.Quad), ftoa(e.Goldstein), "1", "1", "1", "")
	row = append(row, geo("")...)
	row = append(row, geo("")...)
	row = append(row, geo(e.Location)...)
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
