// Package examples holds dyad's example corpus: short news articles we
// wrote, as HTML pages, plain text, feeds and JSON Lines (see README.md).
// "dyad demo" ingests it and later tests run on it.
package examples

import (
	"context"
	"embed"
	"errors"
	"io/fs"

	"github.com/dyad-project/dyad/internal/source"
)

// Corpus is the article files, under html/, text/, feeds/ and jsonl/.
//
//go:embed html text feeds jsonl
var Corpus embed.FS

// Files counts the files of the corpus.
func Files() int {
	n := 0
	_ = fs.WalkDir(Corpus, ".", func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

// Walk reads the embedded corpus in place (source.WalkFS with opts) and
// yields each item with its origins, document origin and error named as in
// the repository: examples/html/… rather than html/….
func Walk(ctx context.Context, opts source.Options, yield func(source.Item) error) error {
	return source.WalkFS(ctx, Corpus, []string{"."}, opts, func(it source.Item) error {
		return yield(inRepository(it))
	})
}

// inRepository names an item of the embedded corpus under its repository
// directory.
func inRepository(it source.Item) source.Item {
	const prefix = "examples/"
	it.Origin = prefix + it.Origin
	it.Doc.Origin = prefix + it.Doc.Origin
	var se *source.Error
	if errors.As(it.Err, &se) {
		it.Err = &source.Error{Origin: prefix + se.Origin, Err: se.Err}
	}
	return it
}
