// Package worldmap embeds the country outlines of the UI's map. See
// SOURCE.md.
package worldmap

import _ "embed"

// Countries is countries.txt, written by tools/worldmap: one country a
// line, its ISO alpha-3 code, name and outline rings, read by
// internal/svg.ParseWorld.
//
//go:embed countries.txt
var Countries string
