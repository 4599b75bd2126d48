package cputime

import (
	"runtime"
	"testing"
)

func TestUsedGrows(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "js" {
		t.Skip("no CPU time on this system")
	}
	before := Used()
	x := 0
	for i := range 50_000_000 {
		x += i % 7
	}
	if Used() <= before || x == 0 {
		t.Errorf("CPU time did not grow: %v -> %v", before, Used())
	}
}
