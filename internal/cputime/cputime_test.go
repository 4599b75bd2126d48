package cputime

import (
	"os"
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

func TestProcess(t *testing.T) {
	if _, ok := Process(0); ok {
		t.Error("Process(0) reported a CPU time")
	}
	if runtime.GOOS != "linux" {
		t.Skip("no /proc on this system")
	}
	x := 0
	for i := range 50_000_000 {
		x += i % 7
	}
	d, ok := Process(os.Getpid())
	if !ok || d <= 0 || x == 0 {
		t.Errorf("Process(own pid) = %v, %v; want a positive CPU time", d, ok)
	}
}
