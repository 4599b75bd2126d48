// Package geo embeds dyad's small geographic tables. See SOURCE.md.
package geo

import _ "embed"

// Regions is regions.tsv: ISO alpha-3 code, tab, the world region dyad
// reports mixes by; lines starting with "#" are comments.
//
//go:embed regions.tsv
var Regions string
