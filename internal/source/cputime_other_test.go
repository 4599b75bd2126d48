//go:build !unix

package source

import "time"

// cpuTime is not measured on this system; benchmarks then skip the
// per-CPU-second figure.
func cpuTime() time.Duration { return 0 }
