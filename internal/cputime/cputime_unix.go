//go:build unix

// Package cputime reports the CPU time the process has used, so that
// benchmarks and eval commands on a shared machine can give work per CPU
// second beside work per wall second.
package cputime

import (
	"syscall"
	"time"
)

// Used returns the user plus system CPU time of the process; 0 when the
// system cannot say.
func Used() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
