package export

import (
	"strings"

	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/event"
)

type ploverActor struct {
	Code    string `json:"code,omitempty"`
	Name    string `json:"name,omitempty"`
	Country string `json:"country,omitempty"`
	Sector  string `json:"sector,omitempty"`
	Text    string `json:"text,omitempty"`
}

// ploverRecord is one PLOVER event record (PLOVER manual, "data exchange
// format"): id, date, actor, recipient, event, mode, context, plus the
// CAMEO code, status and provenance dyad adds as named extra fields.
type ploverRecord struct {
	ID        string        `json:"id"`
	Date      string        `json:"date"`
	Actor     []ploverActor `json:"actor,omitempty"`
	Recipient []ploverActor `json:"recipient,omitempty"`
	Event     []string      `json:"event"`
	Mode      []string      `json:"mode,omitempty"`
	Context   []string      `json:"context,omitempty"`
	Location  string        `json:"location,omitempty"`
	CAMEO     string        `json:"cameo"`
	Status    string        `json:"status"`
	Text      string        `json:"trigger_text,omitempty"`
	URL       string        `json:"url,omitempty"`
	Outlet    string        `json:"outlet,omitempty"`
}

// toPlover maps an event to a PLOVER record; the contexts come from the
// codebook entry of the event's CAMEO code.
func toPlover(e event.Event, cb *cameo.Codebook) ploverRecord {
	r := ploverRecord{ID: e.ID, Date: e.Date, CAMEO: e.Code, Status: string(e.Status), Location: e.Location, Text: e.TriggerText, URL: e.URL, Outlet: e.Outlet}
	pa := func(a event.Actor) []ploverActor {
		if a.Code == "" && a.Text == "" {
			return nil
		}
		return []ploverActor{{Code: a.Code, Name: a.Name, Country: a.Country, Sector: a.Sector, Text: a.Text}}
	}
	r.Actor, r.Recipient = pa(e.Source), pa(e.Target)
	if e.PloverType != "" {
		r.Event = []string{e.PloverType}
	} else {
		r.Event = []string{}
	}
	if e.PloverMode != "" {
		r.Mode = []string{e.PloverMode}
	}
	if c, ok := cb.Lookup(e.Code); ok && c.PloverContext != "" {
		r.Context = strings.Split(c.PloverContext, ";")
	}
	return r
}
