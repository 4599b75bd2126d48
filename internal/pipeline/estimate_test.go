package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/pipeline"
)

func TestEstimate(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.jsonl", "{}\n{}\n{}") // three records, the last without newline
	write(t, dir, "sub/b.txt", "text")     // one
	write(t, dir, "sub/feed.rss", "<rss><channel>"+strings.Repeat("<item><title>x</title></item>", 70000)+"</channel></rss>")
	write(t, dir, "sub/notes.md", "not read") // not an extension the walk reads
	write(t, dir, ".hidden/c.txt", "hidden")  // hidden directories are skipped
	ctx := context.Background()
	if n, ok := pipeline.Estimate(ctx, []string{dir}); n != 70004 || !ok {
		t.Errorf("Estimate(dir) = %d, %v; want 70004, true", n, ok)
	}
	if n, ok := pipeline.Estimate(ctx, []string{filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "missing.txt")}); n != 4 || !ok {
		t.Errorf("Estimate(files) = %d, %v; want 4, true", n, ok)
	}
	if _, ok := pipeline.Estimate(ctx, []string{"-"}); ok {
		t.Error("Estimate(stdin) claims to know")
	}
	gz := filepath.Join(dir, "d.jsonl.gz")
	if err := os.WriteFile(gz, []byte{0x1f, 0x8b}, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := pipeline.Estimate(ctx, []string{gz}); ok {
		t.Error("Estimate(gzip) claims to know")
	}
}
