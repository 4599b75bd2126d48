package doc

import "fmt"

// Caps are the size caps every path into dyad applies to a document — the
// CLI's readers, feeds, and the API — so that one input cannot be stored by
// one path and refused by another. Sizes are in bytes.
type Caps struct {
	Text      int // the text
	Title     int // the title
	Field     int // each of URL, outlet, author and language
	MetaKey   int // each metadata key
	MetaValue int // each metadata value
	MetaTotal int // all metadata keys and values together
}

// DefaultCaps returns the caps unless a command's --max-size changes Text:
// a fresh value each call, so a caller that changes its copy changes no one
// else's.
func DefaultCaps() Caps {
	return Caps{Text: 20 << 20, Title: 2 << 10, Field: 2 << 10, MetaKey: 256, MetaValue: 8 << 10, MetaTotal: 64 << 10}
}

// Check returns an error naming the first field of d over its cap, and the
// cap; zero caps are not checked.
func (c Caps) Check(d *Document) error {
	over := func(field string, n, limit int) error {
		if limit > 0 && n > limit {
			return fmt.Errorf("%s is %d bytes, over the cap of %d bytes", field, n, limit)
		}
		return nil
	}
	for _, f := range []struct {
		name  string
		n     int
		limit int
	}{
		{"text", len(d.Text), c.Text},
		{"title", len(d.Title), c.Title},
		{"url", len(d.URL), c.Field},
		{"outlet", len(d.Outlet), c.Field},
		{"author", len(d.Author), c.Field},
		{"lang", len(d.Lang), c.Field},
	} {
		if err := over(f.name, f.n, f.limit); err != nil {
			return err
		}
	}
	total := 0
	for k, v := range d.Meta {
		if err := over(fmt.Sprintf("metadata key %.40q", k), len(k), c.MetaKey); err != nil {
			return err
		}
		if err := over(fmt.Sprintf("metadata field %.40q", k), len(v), c.MetaValue); err != nil {
			return err
		}
		total += len(k) + len(v)
	}
	return over("metadata", total, c.MetaTotal)
}
