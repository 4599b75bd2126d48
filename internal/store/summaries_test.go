package store

import "testing"

func TestSummarized(t *testing.T) {
	for _, tc := range []struct {
		f    EventFilter
		want bool
	}{
		{EventFilter{}, true},
		{EventFilter{Actor: "RUS", Source: "R", Target: "U", Quad: 3, From: "2024-01-02", To: "2024-02-03", Mentions: true, Cursor: "x", Limit: 5}, true},
		{EventFilter{Code: "190"}, false},
		{EventFilter{Root: "19"}, false},
		{EventFilter{Plover: "ACCUSE"}, false},
		{EventFilter{Country: "CHE"}, false},
		{EventFilter{City: "Geneva"}, false},
		{EventFilter{Outlet: "example"}, false},
		{EventFilter{DocID: "d"}, false},
		{EventFilter{Text: "war"}, false},
	} {
		if got := Summarized(tc.f); got != tc.want {
			t.Errorf("Summarized(%+v) = %v, want %v", tc.f, got, tc.want)
		}
	}
}

func TestPeriodSummarized(t *testing.T) {
	for _, tc := range []struct {
		from, to, period string
		want             bool
	}{
		{"", "", "week", true},
		{"", "", "month", true},
		{"", "", "day", false},
		{"2024-01-01", "2024-01-31", "month", true},
		{"2024-01-01", "2024-01-30", "month", false},
		{"2024-01-02", "", "month", false},
		{"2024-01-08", "2024-01-21", "week", true}, // Monday to Sunday
		{"2024-01-09", "", "week", false},
		{"", "2024-01-20", "week", false},
		{"2024-02-01", "2024-02-29", "month", true},
		{"2024-01", "", "month", false},
	} {
		f := EventFilter{From: tc.from, To: tc.to}
		if got := PeriodSummarized(f, tc.period); got != tc.want {
			t.Errorf("PeriodSummarized(%s..%s, %s) = %v, want %v", tc.from, tc.to, tc.period, got, tc.want)
		}
	}
	if PeriodSummarized(EventFilter{Code: "190"}, "week") {
		t.Error("PeriodSummarized with a code filter = true, want false")
	}
}
