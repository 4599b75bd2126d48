package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dyad-project/dyad/internal/source"
)

// Estimate guesses how many items a walk of inputs will yield, for a
// progress bar's total: a line per JSON Lines record, an entry per feed
// item, one per other file. It reads plain files quickly without parsing
// them and reports ok=false when it cannot guess (stdin, URLs, gzip).
func Estimate(ctx context.Context, inputs []string) (n int, ok bool) {
	ok = true
	for _, in := range inputs {
		if in == "-" || strings.HasPrefix(in, "http://") || strings.HasPrefix(in, "https://") {
			return n, false
		}
		fi, err := os.Stat(in)
		if err != nil {
			n++ // it will be one failure
			continue
		}
		if !fi.IsDir() {
			c, known := estimateFile(in)
			n += c
			ok = ok && known
			continue
		}
		_ = source.ListDir(ctx, in, func(e source.Entry) error {
			if e.Err != nil {
				n++ // it will be one failure
				return nil
			}
			c, known := estimateFile(e.Path)
			n += c
			ok = ok && known
			return nil
		})
	}
	return n, ok
}

// estimateFile counts the records of one file: lines for JSON Lines, item
// and entry tags for feeds, else one.
func estimateFile(p string) (int, bool) {
	name := strings.ToLower(p)
	if strings.HasSuffix(name, ".gz") {
		return 1, false
	}
	var marks [][]byte
	switch filepath.Ext(name) {
	case ".jsonl", ".ndjson", ".json":
		marks = [][]byte{{'\n'}}
	case ".xml", ".rss", ".atom":
		marks = [][]byte{[]byte("<item"), []byte("<entry")}
	default:
		return 1, true
	}
	f, err := os.Open(p)
	if err != nil {
		return 1, true
	}
	defer f.Close()
	n, last := countMarks(bufio.NewReaderSize(f, 64<<10), marks)
	if len(marks) == 1 && last != '\n' && last != 0 {
		n++ // a last line without newline
	}
	return max(n, 1), true
}

// countMarks counts occurrences of marks in r and returns the last byte.
func countMarks(r io.Reader, marks [][]byte) (n int, last byte) {
	buf := make([]byte, 64<<10)
	keep := 0
	for {
		m, err := r.Read(buf[keep:])
		chunk := buf[:keep+m]
		if m > 0 {
			last = chunk[len(chunk)-1]
			for _, mk := range marks {
				n += bytes.Count(chunk, mk)
			}
			// Keep a tail so a mark split across reads is seen once:
			// drop the tail's marks from the count first.
			keep = 0
			if len(marks[0]) > 1 {
				keep = min(len(chunk), 7)
				tail := chunk[len(chunk)-keep:]
				for _, mk := range marks {
					n -= bytes.Count(tail, mk)
				}
				copy(buf, tail)
			}
		}
		if err != nil {
			if keep > 0 {
				for _, mk := range marks {
					n += bytes.Count(buf[:keep], mk)
				}
			}
			return n, last
		}
	}
}
