//go:build unix

package depparse_test

import (
	"syscall"
	"time"
)

// cpuTime returns the process's user+system CPU time, so that a benchmark
// can report a speed that does not depend on how busy the machine is.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
