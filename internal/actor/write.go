package actor

import (
	"bufio"
	"io"
	"strings"
	"time"
)

// Write renders entries in dyad's dictionary format, one block per entry,
// so that a file written and parsed again yields the same entries.
func Write(w io.Writer, entries []*Entry) error {
	bw := bufio.NewWriter(w)
	for i, e := range entries {
		if i > 0 {
			bw.WriteByte('\n')
		}
		bw.WriteString(string(e.Kind) + " " + e.Name + "\n")
		if e.Code != "" {
			bw.WriteString("  code " + e.Code + "\n")
		}
		if e.Country != "" {
			bw.WriteString("  country " + e.Country + "\n")
		}
		if e.Sector != "" {
			bw.WriteString("  sector " + e.Sector + "\n")
		}
		for _, a := range e.Aliases {
			bw.WriteString("  alias " + a + "\n")
		}
		if e.NoPlural {
			bw.WriteString("  plural none\n")
		}
		for _, p := range e.Plurals {
			bw.WriteString("  plural " + p + "\n")
		}
		for _, r := range e.Roles {
			s := "  role " + r.Code + " " + day(r.From) + ".." + day(r.To)
			if r.Title != "" {
				s += " " + r.Title
			}
			bw.WriteString(s + "\n")
		}
		for _, c := range e.Contexts {
			bw.WriteString("  context " + c.Code + ": " + strings.Join(c.Cues, "; ") + "\n")
		}
		if e.Kind != Agent && e.Kind != Discard && e.AnyCase {
			bw.WriteString("  case any\n")
		}
		if (e.Kind == Agent || e.Kind == Discard) && !e.AnyCase {
			bw.WriteString("  case proper\n")
		}
		if e.Scope != "" {
			bw.WriteString("  scope " + e.Scope + "\n")
		}
		for _, s := range e.Sources {
			bw.WriteString("  source " + s + "\n")
		}
	}
	return bw.Flush()
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
