package source

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// fileTree is what the directory rule reads: the operating system's files, or
// an fs.FS (the embedded example corpus). stat follows symbolic links.
type fileTree interface {
	stat(p string) (fs.FileInfo, error)
	readDir(p string) ([]fs.DirEntry, error)
	join(dir, name string) string
	open(p string) (fs.File, error)
}

type osTree struct{}

func (osTree) stat(p string) (fs.FileInfo, error)      { return os.Stat(p) }
func (osTree) readDir(p string) ([]fs.DirEntry, error) { return os.ReadDir(p) }
func (osTree) join(dir, name string) string            { return filepath.Join(dir, name) }
func (osTree) open(p string) (fs.File, error)          { return os.Open(p) }

type fsTree struct{ fsys fs.FS }

func (t fsTree) stat(p string) (fs.FileInfo, error)      { return fs.Stat(t.fsys, p) }
func (t fsTree) readDir(p string) ([]fs.DirEntry, error) { return fs.ReadDir(t.fsys, p) }
func (t fsTree) join(dir, name string) string            { return path.Join(dir, name) }
func (t fsTree) open(p string) (fs.File, error)          { return t.fsys.Open(p) }

// Entry is one result of ListDir: a file to read (Info set) or a problem
// with one path of the fileTree (Err set, wrapping one of the package's errors).
type Entry struct {
	Path string
	Info fs.FileInfo
	Err  error
}

// ListDir lists the files a walk of the directory root reads, in lexical
// order, calling visit once per file and once per problem. It is the one
// directory rule of dyad (Walk, the pipeline's parallel reader and the
// progress estimate all use it):
//
//   - names starting with "." are skipped, except root itself;
//   - a file is read when its extension is one of Extensions() (optionally
//     followed by .gz) and it is a regular file; a named pipe, socket or
//     device with such a name is reported, never opened;
//   - symbolic links are followed, to files and to directories; a file or
//     directory reached twice (through links) is read once; a link that
//     leads back into a directory being listed is reported once as a loop,
//     and a dangling link is reported once;
//   - an unreadable directory is reported once and the walk goes on;
//   - a fileTree with no file to read and no other problem is reported as
//     ErrEmpty.
//
// ListDir stops and returns visit's error, or ctx's error when it is done.
func ListDir(ctx context.Context, root string, visit func(Entry) error) error {
	return listTree(ctx, osTree{}, root, visit)
}

func listTree(ctx context.Context, t fileTree, root string, visit func(Entry) error) error {
	fi, err := t.stat(root)
	if err != nil {
		return visit(Entry{Path: root, Err: unwrapPathError(err)})
	}
	if !fi.IsDir() {
		return visit(Entry{Path: root, Err: fmt.Errorf("%w: not a directory", ErrUnsupported)})
	}
	l := &lister{ctx: ctx, t: t, visit: visit, ids: map[any]bool{}}
	if err := l.dir(root, fi, nil); err != nil {
		return err
	}
	if l.files == 0 && l.problems == 0 {
		return visit(Entry{Path: root, Err: fmt.Errorf("%w: directory has no files named *%s (optionally .gz)", ErrEmpty, strings.Join(extensions, ", *"))})
	}
	return nil
}

type lister struct {
	ctx      context.Context
	t        fileTree
	visit    func(Entry) error
	dirs     []fs.FileInfo // every directory listed so far
	ids      map[any]bool  // files visited so far, by fileID
	seen     []fs.FileInfo // files visited so far when fileID is unknown
	files    int
	problems int
}

func (l *lister) report(p string, err error) error {
	l.problems++
	return l.visit(Entry{Path: p, Err: err})
}

// dir lists one directory; stack holds the directories above it.
func (l *lister) dir(p string, fi fs.FileInfo, stack []fs.FileInfo) error {
	for _, d := range l.dirs {
		if os.SameFile(d, fi) {
			return nil // reached again through a link: already listed
		}
	}
	l.dirs = append(l.dirs, fi)
	stack = append(stack, fi)
	ents, err := l.t.readDir(p)
	if err != nil {
		return l.report(p, unwrapPathError(err))
	}
	for _, e := range ents {
		if err := l.ctx.Err(); err != nil {
			return err
		}
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		path := l.t.join(p, name)
		info, err := e.Info()
		if err != nil {
			if err := l.report(path, unwrapPathError(err)); err != nil {
				return err
			}
			continue
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			target, err := l.t.stat(path)
			if err != nil {
				if err := l.report(path, fmt.Errorf("%w: dangling symbolic link (%v)", ErrUnsupported, unwrapPathError(err))); err != nil {
					return err
				}
				continue
			}
			if target.IsDir() {
				loop := false
				for _, s := range stack {
					loop = loop || os.SameFile(s, target)
				}
				if loop {
					if err := l.report(path, fmt.Errorf("%w: symbolic link loops back to a directory above it", ErrUnsupported)); err != nil {
						return err
					}
					continue
				}
			}
			info = target
		}
		if info.IsDir() {
			if err := l.dir(path, info, stack); err != nil {
				return err
			}
			continue
		}
		if !wanted(name) {
			continue
		}
		if !info.Mode().IsRegular() {
			if err := l.report(path, notRegular(info)); err != nil {
				return err
			}
			continue
		}
		if l.visited(info) {
			continue
		}
		l.files++
		if err := l.visit(Entry{Path: path, Info: info}); err != nil {
			return err
		}
	}
	return nil
}

// visited reports whether the file was visited before, and records it.
func (l *lister) visited(fi fs.FileInfo) bool {
	if id, ok := fileID(fi); ok {
		if l.ids[id] {
			return true
		}
		l.ids[id] = true
		return false
	}
	for _, s := range l.seen {
		if os.SameFile(s, fi) {
			return true
		}
	}
	l.seen = append(l.seen, fi)
	return false
}

// notRegular is the error for a path that is neither a regular file nor a
// directory: dyad reads only files, directories, gzip streams and stdin.
func notRegular(fi fs.FileInfo) error {
	kind := "special file"
	switch m := fi.Mode(); {
	case m&fs.ModeNamedPipe != 0:
		kind = "named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		kind = "socket"
	case m&fs.ModeDevice != 0:
		kind = "device"
	}
	return fmt.Errorf("%w: a %s, not a regular file (use - to read standard input)", ErrUnsupported, kind)
}
