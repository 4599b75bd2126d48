// Package geo embeds dyad's geographic tables. See SOURCE.md.
package geo

import _ "embed"

// Regions is regions.tsv: ISO alpha-3 code, tab, the world region dyad
// reports mixes by; lines starting with "#" are comments.
//
//go:embed regions.tsv
var Regions string

// Gazetteer is gazetteer.tsv.gz, written by tools/gazetteer: countries,
// first-level divisions and cities with their coordinates, read by
// internal/geo.Load.
//
//go:embed gazetteer.tsv.gz
var Gazetteer []byte

// Cues is cues.txt: the words around a name that make it a place ("in",
// "near", "province of", "province"), read by internal/geo.
//
//go:embed cues.txt
var Cues string

// Exclude is exclude.txt: gazetteer names that are ordinary words, months
// or person names and are never taken as place mentions.
//
//go:embed exclude.txt
var Exclude string
