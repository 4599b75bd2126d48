package store

// Head is the current version of the document at a URL: the one whose
// superseded_by is empty, with the highest version number.
type Head struct {
	ID      string
	Version int
}

// Prior is what a store holds that bears on putting one document.
type Prior struct {
	// Stored reports whether the document's content ID is stored.
	Stored bool
	// Status is the stored document's coding status. It is read only when
	// Stored and the item carries an analysis, so a backend may leave it
	// empty otherwise.
	Status CodingStatus
	// Head is the current version at the document's URL other than the
	// document itself; nil when the document has no URL or none is stored.
	Head *Head
}

// Decision is what putting one document does.
type Decision struct {
	Outcome Outcome
	// Version and Supersedes are the version fields of the new row: 1 and
	// "" for a new document, the head's version + 1 and its ID for a new
	// version at a URL, whose head the backend then retires (its
	// superseded_by is the new ID). Both are zero when Unchanged.
	Version    int
	Supersedes string
	// Analysis reports whether the item's analysis is to be stored: always
	// with a new row, and with an unchanged one only while it is pending.
	// It is false when the item carries none.
	Analysis bool
}

// Decide decides what putting one document does, given what the store
// holds (p) and whether the item carries an analysis. Same text is the
// same document (Unchanged, whatever its URL); new text at a URL with a
// current version is a new version of it (Superseded); any other text is
// Ingested.
func Decide(p Prior, hasAnalysis bool) Decision {
	switch {
	case p.Stored:
		return Decision{Outcome: Unchanged, Analysis: hasAnalysis && p.Status == Pending}
	case p.Head != nil:
		return Decision{Outcome: Superseded, Version: p.Head.Version + 1, Supersedes: p.Head.ID, Analysis: hasAnalysis}
	default:
		return Decision{Outcome: Ingested, Version: 1, Analysis: hasAnalysis}
	}
}

// Batch decides the documents of one batch from a single look-up of what
// the store held before it, as if they were put one by one: each decision
// updates what the later documents see, so a later document is unchanged
// against an earlier one with the same text, or supersedes the earlier
// one at the same URL. A backend that writes set-wise fills a Batch with
// Stored and Current, then calls Decide for each document in order. The
// zero value is not ready; use NewBatch.
type Batch struct {
	status map[string]CodingStatus // by content ID
	heads  map[string]Head         // by URL
}

// NewBatch returns an empty Batch.
func NewBatch() *Batch {
	return &Batch{status: map[string]CodingStatus{}, heads: map[string]Head{}}
}

// Stored records that content ID id is stored with status s.
func (b *Batch) Stored(id string, s CodingStatus) { b.status[id] = s }

// Current records h as the current version at url.
func (b *Batch) Current(url string, h Head) { b.heads[url] = h }

// Decide decides putting the document with content ID id at url (which
// may be empty) and records the result for the documents after it.
func (b *Batch) Decide(id, url string, hasAnalysis bool) Decision {
	var p Prior
	p.Status, p.Stored = b.status[id]
	if url != "" {
		if h, ok := b.heads[url]; ok {
			p.Head = &h
		}
	}
	d := Decide(p, hasAnalysis)
	if d.Outcome != Unchanged {
		b.status[id] = Pending
		if url != "" {
			b.heads[url] = Head{ID: id, Version: d.Version}
		}
	}
	if d.Analysis {
		b.status[id] = Coded
	}
	return d
}
