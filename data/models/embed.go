// Package models embeds dyad's trained NLP models so that the binary needs
// no files at run time. See SOURCE.md for their provenance and licence and
// docs/models.md for their format.
package models

import _ "embed"

// Tagger is the gzip-compressed POS tagger model (package postag).
//
//go:embed tagger.bin.gz
var Tagger string

// Parser is the gzip-compressed dependency parser model (package depparse).
//
//go:embed parser.bin.gz
var Parser string

// Coder is the gzip-compressed event coder model (package event).
//
//go:embed coder.bin.gz
var Coder string
