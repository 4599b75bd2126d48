//go:build unix

package source

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// tree makes a directory with every case of the directory rule.
func tree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string) {
		must(os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755))
		must(os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644))
	}
	write("a.txt", "Kenya and Uganda signed a trade agreement in Nairobi on Monday.")
	write("b.md", "not read: extension")
	write(".hidden.txt", "not read: hidden")
	write("sub/c.txt", "Police in Lima detained two protesters outside the congress.")
	must(os.Symlink("a.txt", filepath.Join(dir, "link-to-a.txt")))                           // the same file again: read once
	must(os.Symlink("missing.txt", filepath.Join(dir, "dangling.txt")))                      // reported
	must(os.Symlink(".", filepath.Join(dir, "sub", "loop")))                                 // reported as a loop
	must(os.Symlink("sub", filepath.Join(dir, "zlink-to-sub")))                              // a directory again: listed once
	must(os.Symlink(filepath.Join(dir, "sub", "c.txt"), filepath.Join(dir, "sub", "d.txt"))) // same file as c.txt
	must(syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644))                              // reported, never opened
	return dir
}

func TestListDirRule(t *testing.T) {
	dir := tree(t)
	var files, problems []string
	err := ListDir(context.Background(), dir, func(e Entry) error {
		rel, _ := filepath.Rel(dir, e.Path)
		if e.Err != nil {
			problems = append(problems, rel+": "+e.Err.Error())
		} else {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(files, " "), "a.txt sub/c.txt"; got != want {
		t.Errorf("files = %q, want %q", got, want)
	}
	sort.Strings(problems)
	want := []string{"dangling.txt: unsupported input: dangling symbolic link", "pipe.txt: unsupported input: a named pipe (FIFO), not a regular file", "sub/loop: unsupported input: symbolic link loops back"}
	if len(problems) != len(want) {
		t.Fatalf("problems = %q", problems)
	}
	for i, w := range want {
		if !strings.HasPrefix(problems[i], w) {
			t.Errorf("problem %d = %q, want prefix %q", i, problems[i], w)
		}
	}
}

func TestWalkRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "in.jsonl")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan []Item, 1)
	go func() { done <- walk(t, []string{fifo, "/dev/null"}, Options{}) }()
	select {
	case items := <-done:
		if len(items) != 2 || !errors.Is(items[0].Err, ErrUnsupported) || !strings.Contains(items[0].Err.Error(), "named pipe") ||
			!strings.Contains(items[1].Err.Error(), "device") {
			t.Errorf("got %v", summaries(items))
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading a FIFO hung")
	}
}

func TestEmptyDirectoryReportedOnce(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.md"), []byte("x"), 0o644)
	items := walk(t, []string{dir}, Options{})
	if len(items) != 1 || !errors.Is(items[0].Err, ErrEmpty) {
		t.Errorf("empty directory: %v", summaries(items))
	}
	// A directory whose only content is a problem reports the problem, not "empty".
	os.Symlink("nowhere.txt", filepath.Join(dir, "gone.txt"))
	items = walk(t, []string{dir}, Options{})
	if len(items) != 1 || !strings.Contains(items[0].Err.Error(), "dangling") {
		t.Errorf("dangling only: %v", summaries(items))
	}
}

// TestWalkFS reads an fs.FS with the same rule and readers as a directory
// on disk: hidden names and unread extensions skipped, one item per record.
func TestWalkFS(t *testing.T) {
	fsys := fstest.MapFS{
		"text/a.txt":        {Data: []byte("Kenya and Uganda signed a trade agreement in Nairobi on Monday.")},
		"jsonl/b.jsonl":     {Data: []byte(`{"text": "Police in Lima detained two protesters."}` + "\n" + `{"text": "Chile recalled its envoy."}` + "\n")},
		"notes.md":          {Data: []byte("not read")},
		".hidden/c.txt":     {Data: []byte("not read either")},
		"empty/readme.html": {Data: []byte("")},
	}
	var got []string
	err := WalkFS(t.Context(), fsys, []string{"."}, Options{}, func(it Item) error {
		if it.Err != nil {
			got = append(got, "ERR "+it.Err.Error())
		} else {
			got = append(got, it.Origin)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "ERR empty/readme.html: empty input | jsonl/b.jsonl:1 | jsonl/b.jsonl:2 | text/a.txt"
	if strings.Join(got, " | ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " | "), want)
	}
}
