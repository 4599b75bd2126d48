// Package cameo holds dyad's CAMEO data files, embedded into the binary:
// the codebook (codes.tsv), the verb patterns imported from PETRARCH
// (verbs.txt) and our own patterns (patterns.txt). See SOURCE.md and
// docs/patterns.md. Parse them with internal/cameo.
package cameo

import _ "embed"

// Codes is codes.tsv: code, name, Goldstein, PLOVER type, mode, context and
// how the PLOVER mapping was obtained, one code a line.
//
//go:embed codes.tsv
var Codes string

// Verbs is verbs.txt: verb patterns converted from PETRARCH's CAMEO.2.0.txt
// by `dyad dict import petrarch-verbs`.
//
//go:embed verbs.txt
var Verbs string

// Patterns is patterns.txt: nominal events, light verbs and corrections we
// write ourselves, in the same format. Its rules are read after Verbs.
//
//go:embed patterns.txt
var Patterns string

// Cues is cues.txt: the cue words of the event coder (negation, modality,
// speech, light verbs, ...), parsed by internal/event.ParseLexicon.
//
//go:embed cues.txt
var Cues string
