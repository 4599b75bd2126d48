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

// ploverPlace is where the event happened: the place's name, country
// (ISO alpha-3), first-level division, coordinates and the precision of
// the place (city, admin1 or country).
type ploverPlace struct {
	Name      string   `json:"name"`
	Country   string   `json:"country,omitempty"`
	Admin1    string   `json:"admin1,omitempty"`
	Lat       *float64 `json:"lat,omitempty"`
	Lon       *float64 `json:"lon,omitempty"`
	Precision string   `json:"geo_precision,omitempty"`
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
	Location  *ploverPlace  `json:"location,omitempty"`
	CAMEO     string        `json:"cameo"`
	Status    string        `json:"status"`
	Text      string        `json:"trigger_text,omitempty"`
	URL       string        `json:"url,omitempty"`
	Outlet    string        `json:"outlet,omitempty"`
	// How the happening was reported, when exported as happenings.
	Mentions  int `json:"mentions,omitempty"`
	Documents int `json:"documents,omitempty"`
	Outlets   int `json:"outlets,omitempty"`
}

// toPlover maps an event to a PLOVER record; the contexts come from the
// codebook entry of the event's CAMEO code.
func toPlover(e event.Event, cb *cameo.Codebook) ploverRecord {
	r := ploverRecord{ID: e.ID, Date: e.Date, CAMEO: e.Code, Status: string(e.Status), Text: e.TriggerText, URL: e.URL, Outlet: e.Outlet,
		Mentions: e.Mentions, Documents: e.Documents, Outlets: e.Outlets}
	if e.Location != "" {
		r.Location = &ploverPlace{Name: e.Location, Country: e.LocationCountry, Admin1: e.Admin1, Lat: e.Lat, Lon: e.Lon, Precision: e.GeoPrecision}
	}
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
