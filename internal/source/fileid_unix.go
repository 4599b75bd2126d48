//go:build unix

package source

import (
	"io/fs"
	"syscall"
)

// fileID identifies the file behind fi (device and inode), so that a file
// reached through two links is read once.
func fileID(fi fs.FileInfo) (any, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil, false
	}
	return [2]uint64{uint64(st.Dev), uint64(st.Ino)}, true
}
