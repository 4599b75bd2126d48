package query

import (
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/store"
)

// stray is 2018 data with one event misdated 1953 and one dated 2999.
func stray() []store.DayCount {
	var days []store.DayCount
	for d := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == 2018; d = d.AddDate(0, 0, 3) {
		days = append(days, store.DayCount{Date: d.Format(time.DateOnly), Quad: 1, Events: 5})
	}
	return append(days, store.DayCount{Date: "1953-03-05", Quad: 4, Events: 1}, store.DayCount{Date: "2999-01-01", Quad: 2, Events: 1})
}

func TestRollUpKeepsToTheBulk(t *testing.T) {
	for _, iv := range []Interval{Day, Week, Month} {
		s, err := rollUp(stray(), iv, "", "", time.Time{}, time.Time{}, false)
		if err != nil {
			t.Fatalf("%s: %v", iv, err)
		}
		if s.Omitted != 2 || len(s.OmittedDays) != 2 || s.OmittedDays[0] != "1953-03-05" || s.OmittedDays[1] != "2999-01-01" {
			t.Errorf("%s: omitted %d %v", iv, s.Omitted, s.OmittedDays)
		}
		if first, last := s.Periods[0].From, s.Periods[len(s.Periods)-1].To; first > "2018-01-01" || first < "2017-12-01" || last < "2018-12-28" || last > "2019-01-01" {
			t.Errorf("%s: range %s..%s, want 2018", iv, first, last)
		}
		plotted := 0
		for _, p := range s.Periods {
			plotted += p.Events
		}
		if plotted+s.Omitted != s.Events {
			t.Errorf("%s: %d plotted + %d omitted != %d events", iv, plotted, s.Omitted, s.Events)
		}
	}
}

func TestRollUpNearOutliersArePlotted(t *testing.T) {
	days := stray()[:len(stray())-2]
	days = append(days, store.DayCount{Date: "2017-06-01", Events: 1})
	s, err := rollUp(days, Month, "", "", time.Time{}, time.Time{}, false)
	if err != nil || s.Omitted != 0 || s.Periods[0].Label != "2017-06" {
		t.Errorf("an event five months before the bulk: %v omitted %d first %s", err, s.Omitted, s.Periods[0].Label)
	}
}

func TestRollUpLongRanges(t *testing.T) {
	// Only the start asked for: the end is moved in, nothing fails.
	s, err := rollUp(stray(), Day, "1950-01-01", "", time.Time{}, time.Time{}, false)
	if err != nil || len(s.Periods) != MaxPeriods || s.Periods[0].From != "1950-01-01" {
		t.Errorf("from 1950, daily: %v, %d periods", err, len(s.Periods))
	}
	// Both ends asked for and too many periods: the user is told.
	if _, err := rollUp(stray(), Day, "1900-01-01", "2024-01-01", time.Time{}, time.Time{}, false); err == nil {
		t.Error("1900..2024 daily: no error")
	}
	// Thirty years of even data, daily, no range: the latest periods.
	var days []store.DayCount
	for d := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2020; d = d.AddDate(0, 0, 10) {
		days = append(days, store.DayCount{Date: d.Format(time.DateOnly), Events: 1})
	}
	s, err = rollUp(days, Day, "", "", time.Time{}, time.Time{}, false)
	if err != nil || len(s.Periods) != MaxPeriods || s.Periods[len(s.Periods)-1].From < "2019-12-01" || s.Omitted == 0 {
		t.Errorf("thirty years daily: %v, %d periods, omitted %d", err, len(s.Periods), s.Omitted)
	}
}

// TestRollUpListsOutside: the omitted events are listed by day with their
// counts, or by period when the store counted per period.
func TestRollUpListsOutside(t *testing.T) {
	s, err := rollUp(stray(), Month, "", "", time.Time{}, time.Time{}, false)
	if err != nil || len(s.Outside) != 2 || s.Outside[0] != (Period{Label: "1953-03-05", From: "1953-03-05", To: "1953-03-05", Events: 1}) {
		t.Errorf("by day: %v %+v", err, s.Outside)
	}
	grouped := []store.DayCount{{Date: "1953-03-01", Events: 2}}
	for m := 1; m <= 12; m++ {
		grouped = append(grouped, store.DayCount{Date: time.Date(2018, time.Month(m), 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), Events: 100})
	}
	s, err = rollUp(grouped, Month, "", "", time.Time{}, time.Time{}, true)
	if err != nil || len(s.Outside) != 1 || s.Outside[0] != (Period{Label: "1953-03", From: "1953-03-01", To: "1953-03-31", Events: 2}) {
		t.Errorf("by month: %v %+v", err, s.Outside)
	}
}

func TestAutoInterval(t *testing.T) {
	tests := []struct {
		days     []store.DayCount
		from, to string
		want     Interval
	}{
		{stray(), "", "", Week},
		{stray()[:10], "", "", Day},
		{stray(), "2010-01-01", "", Month},
		{stray(), "2018-03-01", "2018-03-31", Day},
		{nil, "", "", Month},
	}
	for _, tt := range tests {
		if got := autoInterval(tt.days, tt.from, tt.to, time.Time{}, time.Time{}); got != tt.want {
			t.Errorf("%d days from %q to %q: %s, want %s", len(tt.days), tt.from, tt.to, got, tt.want)
		}
	}
}
