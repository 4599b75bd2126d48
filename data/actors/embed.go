// Package actors embeds dyad's actor dictionaries: the PETRARCH/Phoenix
// dictionaries converted to dyad's format (petrarch/), country names,
// capitals and demonyms derived from world-countries and countries-list
// (geo/), and our own curation (curated/). See SOURCE.md and
// docs/dictionaries.md.
package actors

import (
	"embed"
	"io/fs"

	"github.com/dyad-project/dyad/internal/actor"
)

//go:embed petrarch/*.txt geo/*.txt curated/*.txt
var files embed.FS

// FS returns the embedded dictionary files; load them with actor.LoadFS(FS(), ".").
func FS() fs.FS { return files }

// Load loads the embedded dictionaries and then the user's files, which
// override them (every override is listed by Dictionary.Overrides). Call it
// once and share the result: a Dictionary is safe for concurrent use.
func Load(user ...actor.File) (*actor.Dictionary, error) {
	return actor.LoadFS(files, ".", user...)
}
