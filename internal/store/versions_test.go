package store

import "testing"

func TestDecide(t *testing.T) {
	head := &Head{ID: "old", Version: 3}
	tests := []struct {
		name        string
		prior       Prior
		hasAnalysis bool
		want        Decision
	}{
		{"new text, no URL", Prior{}, false, Decision{Outcome: Ingested, Version: 1}},
		{"new text with analysis", Prior{}, true, Decision{Outcome: Ingested, Version: 1, Analysis: true}},
		{"new text at a known URL", Prior{Head: head}, false,
			Decision{Outcome: Superseded, Version: 4, Supersedes: "old"}},
		{"new text at a known URL with analysis", Prior{Head: head}, true,
			Decision{Outcome: Superseded, Version: 4, Supersedes: "old", Analysis: true}},
		{"same text", Prior{Stored: true, Status: Coded}, false, Decision{Outcome: Unchanged}},
		{"same text, pending, no analysis", Prior{Stored: true, Status: Pending}, false, Decision{Outcome: Unchanged}},
		{"same text, pending, analysis", Prior{Stored: true, Status: Pending}, true,
			Decision{Outcome: Unchanged, Analysis: true}},
		{"same text, coded, analysis", Prior{Stored: true, Status: Coded}, true, Decision{Outcome: Unchanged}},
		{"same text, skipped, analysis", Prior{Stored: true, Status: Skipped}, true, Decision{Outcome: Unchanged}},
		{"same text at a URL with another head", Prior{Stored: true, Status: Coded, Head: head}, true,
			Decision{Outcome: Unchanged}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Decide(tt.prior, tt.hasAnalysis); got != tt.want {
				t.Errorf("Decide(%+v, %v) = %+v, want %+v", tt.prior, tt.hasAnalysis, got, tt.want)
			}
		})
	}
}

// TestBatch checks that a batch is decided as if put one by one.
func TestBatch(t *testing.T) {
	type put struct {
		id, url     string
		hasAnalysis bool
	}
	tests := []struct {
		name   string
		stored map[string]CodingStatus
		heads  map[string]Head
		puts   []put
		want   []Decision
	}{
		{
			name: "a later version supersedes one the batch just stored",
			puts: []put{{"a", "u", false}, {"b", "u", false}, {"c", "u", true}},
			want: []Decision{
				{Outcome: Ingested, Version: 1},
				{Outcome: Superseded, Version: 2, Supersedes: "a"},
				{Outcome: Superseded, Version: 3, Supersedes: "b", Analysis: true},
			},
		},
		{
			name:  "versions continue from the stored head",
			heads: map[string]Head{"u": {ID: "x", Version: 5}},
			puts:  []put{{"a", "u", false}, {"b", "v", false}},
			want: []Decision{
				{Outcome: Superseded, Version: 6, Supersedes: "x"},
				{Outcome: Ingested, Version: 1},
			},
		},
		{
			name: "the same text twice in a batch is stored once; its analysis once",
			puts: []put{{"a", "u", false}, {"a", "u", true}, {"a", "w", true}},
			want: []Decision{
				{Outcome: Ingested, Version: 1},
				{Outcome: Unchanged, Analysis: true},
				{Outcome: Unchanged},
			},
		},
		{
			name:   "a stored pending document takes the first analysis only",
			stored: map[string]CodingStatus{"a": Pending, "b": Coded},
			puts:   []put{{"a", "", true}, {"a", "", true}, {"b", "", true}},
			want: []Decision{
				{Outcome: Unchanged, Analysis: true},
				{Outcome: Unchanged},
				{Outcome: Unchanged},
			},
		},
		{
			name: "documents without a URL never supersede",
			puts: []put{{"a", "", false}, {"b", "", false}},
			want: []Decision{{Outcome: Ingested, Version: 1}, {Outcome: Ingested, Version: 1}},
		},
		{
			name:   "unchanged text does not move the head",
			stored: map[string]CodingStatus{"old": Coded},
			heads:  map[string]Head{"u": {ID: "x", Version: 2}},
			puts:   []put{{"old", "u", false}, {"a", "u", false}},
			want: []Decision{
				{Outcome: Unchanged},
				{Outcome: Superseded, Version: 3, Supersedes: "x"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBatch()
			for id, s := range tt.stored {
				b.Stored(id, s)
			}
			for u, h := range tt.heads {
				b.Current(u, h)
			}
			for i, p := range tt.puts {
				if got := b.Decide(p.id, p.url, p.hasAnalysis); got != tt.want[i] {
					t.Errorf("put %d (%+v) = %+v, want %+v", i, p, got, tt.want[i])
				}
			}
		})
	}
}
