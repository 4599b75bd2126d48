package dump

import (
	"context"
	"encoding/json"
	"io"
	"sort"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/store"
)

// Write writes the header and every document version of st, with its
// diagnostics and analysis, to w and returns how many documents it wrote,
// also when it returns an error. First versions are written as the store
// lists them; later versions are held back and written last, in version
// order. Write does not buffer: give it a bufio.Writer.
func Write(ctx context.Context, st store.Store, w io.Writer) (int, error) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(header{Format: Format, Version: Version}); err != nil {
		return 0, err
	}
	n := 0
	write := func(d doc.Document) error {
		rec, err := readRecord(ctx, st, d)
		if err != nil {
			return err
		}
		n++
		return enc.Encode(rec)
	}
	var later []doc.Document
	after := ""
	for {
		ds, err := st.Documents(ctx, store.DocFilter{AllVersions: true, Limit: store.MaxLimit, After: after})
		if err != nil {
			return n, err
		}
		for _, d := range ds {
			if d.Version > 1 {
				d.Text = "" // fetched again when written
				later = append(later, d)
				continue
			}
			if err := write(d); err != nil {
				return n, err
			}
		}
		if len(ds) < store.MaxLimit {
			break
		}
		after = ds[len(ds)-1].ID
	}
	sort.SliceStable(later, func(i, j int) bool { return later[i].Version < later[j].Version })
	for _, d := range later {
		full, err := st.Document(ctx, d.ID)
		if err != nil {
			return n, err
		}
		if err := write(*full); err != nil {
			return n, err
		}
	}
	return n, nil
}

// readRecord gathers the record of one document: its diagnostics and, if
// it is not pending, its analysis.
func readRecord(ctx context.Context, st store.Store, d doc.Document) (record, error) {
	rec := record{Document: d}
	info, err := st.DocumentInfo(ctx, d.ID)
	if err != nil {
		return rec, err
	}
	rec.Diagnostics = info.Diagnostics
	if info.Status == store.Pending {
		return rec, nil
	}
	a, err := st.Analysis(ctx, d.ID)
	if err != nil {
		return rec, err
	}
	// Happenings are the store's linking of events across documents, not
	// part of one document's analysis: an importing store links again.
	for i := range a.Events {
		a.Events[i].Happening = ""
	}
	rec.Analysis = &analysis{Annotations: a.Annotations, Events: a.Events, Diagnostics: a.Diagnostics, Skipped: a.Skipped}
	return rec, nil
}
