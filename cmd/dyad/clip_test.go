package main

import "testing"

func TestClipAndCell(t *testing.T) {
	for _, tc := range []struct {
		in         string
		n          int
		clip, cell string
	}{
		{"Russia  condemned\tthe\nstrike", 40, "Russia condemned the strike", "Russia condemned the strike"},
		{"a \x1b[31mred\x1b[0m word", 40, "a [31mred [0m word", "a [31mred [0m word"},
		{"Security Council", 8, "Securit…", "Securit…"},
		{"Ünïcödé", 7, "Ünïcödé", "Ünïcödé"},
		{" \t\n", 10, "", "-"},
	} {
		if got := clip(tc.in, tc.n); got != tc.clip {
			t.Errorf("clip(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.clip)
		}
		if got := cell(tc.in, tc.n); got != tc.cell {
			t.Errorf("cell(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.cell)
		}
	}
}
