//go:build !unix

package source

import "io/fs"

// fileID is unknown off Unix: files are then compared with os.SameFile.
func fileID(fs.FileInfo) (any, bool) { return nil, false }
