// Package examples holds dyad's example corpus: short news articles we
// wrote, as HTML pages, plain text, feeds and JSON Lines (see README.md).
// "dyad demo" ingests it and later tests run on it.
package examples

import "embed"

// Corpus is the article files, under html/, text/, feeds/ and jsonl/.
//
//go:embed html text feeds jsonl
var Corpus embed.FS
