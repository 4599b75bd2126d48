// Package doc defines the unit that enters the pipeline: a Document with its
// text, metadata and provenance, and the Span type every annotation uses.
//
// It depends only on the standard library so that every stage may import it.
package doc

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) into a Document's Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Valid reports whether the span lies within a text of n bytes.
func (s Span) Valid(n int) bool { return s.Start >= 0 && s.Start <= s.End && s.End <= n }

// Document is one article, page, feed item or record.
type Document struct {
	ID         string            `json:"id"`                   // stable content ID, see ContentID
	URL        string            `json:"url,omitempty"`        // canonical URL when known
	Title      string            `json:"title,omitempty"`      //
	Outlet     string            `json:"outlet,omitempty"`     // publisher or site name
	Author     string            `json:"author,omitempty"`     //
	Published  time.Time         `json:"published,omitempty"`  // zero when unknown
	Lang       string            `json:"lang,omitempty"`       // ISO 639-1 code, "und" when undetermined
	Text       string            `json:"text"`                 // clean UTF-8 text; all spans point into it
	Meta       map[string]string `json:"meta,omitempty"`       // other fields from the source
	Origin     string            `json:"origin,omitempty"`     // where it came from: path, path:line, URL
	Format     string            `json:"format,omitempty"`     // txt, html, rss, atom, jsonl
	Ingested   time.Time         `json:"ingested,omitempty"`   // set by the store
	Version    int               `json:"version,omitempty"`    // 1 for the first text seen at a URL
	Supersedes string            `json:"supersedes,omitempty"` // ID of the previous version at the same URL
}

// Severity grades a Diagnostic.
type Severity string

const (
	Info    Severity = "info"
	Warning Severity = "warning"
	Error   Severity = "error"
)

// Diagnostic is a problem or a decision recorded against a document instead
// of aborting a batch: an unreadable field, a sentence that coded to nothing
// and why, a skipped language.
type Diagnostic struct {
	Stage    string   `json:"stage"`          // source, extract, nlp, actor, timex, event, store
	Severity Severity `json:"severity"`       //
	Span     *Span    `json:"span,omitempty"` // where in Text, when it applies
	Message  string   `json:"message"`        //
}

// NormalizeText returns the form of text that ContentID hashes: Unicode
// spaces folded to single ASCII spaces, lines trimmed, runs of blank lines
// collapsed. Two texts differing only in layout get the same ID.
func NormalizeText(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	space := false
	for _, r := range text {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// asciiSpace reports whether c is one of the ASCII spaces of unicode.IsSpace.
func asciiSpace(c byte) bool { return c == ' ' || (c >= '\t' && c <= '\r') }

// ContentID returns the stable document ID of a text: the first 16 bytes of
// the SHA-256 of its normalised form, hex encoded (32 characters).
//
// It hashes the normalised form as it scans, without building it: every
// document is hashed at ingest, and this is several times faster than
// hashing NormalizeText(text), with the same result.
func ContentID(text string) string {
	h := sha256.New()
	var buf [8 << 10]byte
	n := 0
	put := func(s string) {
		if n+len(s) > len(buf) {
			h.Write(buf[:n])
			n = 0
		}
		n += copy(buf[n:], s)
	}
	space, started := false, false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiSpace(c) {
				space = true
				i++
				continue
			}
			// A run of ASCII words separated by single spaces is already
			// normal: it goes in one copy.
			j := i + 1
			for j < len(text) && text[j] < utf8.RuneSelf {
				if !asciiSpace(text[j]) {
					j++
				} else if text[j] == ' ' && j+1 < len(text) && text[j+1] < utf8.RuneSelf && !asciiSpace(text[j+1]) {
					j += 2
				} else {
					break
				}
			}
			if space && started {
				put(" ")
			}
			space, started = false, true
			for k := i; k < j; k += len(buf) {
				put(text[k:min(j, k+len(buf))])
			}
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			space = true
			i += size
			continue
		}
		if space && started {
			put(" ")
		}
		space, started = false, true
		if r == utf8.RuneError && size == 1 {
			put("\uFFFD") // as ranging over the string yields
		} else {
			put(text[i : i+size])
		}
		i += size
	}
	h.Write(buf[:n])
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0])[:16])
}

// Annotation is one labelled span of a document that a stage produced and
// the store keeps for display and audit: an actor mention, a temporal
// expression, an event trigger, a sentence.
type Annotation struct {
	Kind  string `json:"kind"`            // sentence, actor, timex, trigger, cue
	Span  Span   `json:"span"`            //
	Label string `json:"label,omitempty"` // actor code, TimeML value, CAMEO code, status
	Note  string `json:"note,omitempty"`  // role, antecedent, precision, rule: free text for people
	Ref   *Span  `json:"ref,omitempty"`   // the antecedent of a coreferent mention
}
