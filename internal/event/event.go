// Package event defines the Event record and the coder that produces it from
// parsed, actor-annotated, date-resolved sentences.
package event

import "github.com/dyad-project/dyad/internal/doc"

// Status says whether the text asserts that an event happened.
type Status string

const (
	Asserted     Status = "asserted"     // stated as fact by the text's author
	Reported     Status = "reported"     // stated inside someone's speech ("X said that ...")
	Negated      Status = "negated"      // "did not attack"
	Hypothetical Status = "hypothetical" // "if ...", "could", "might"
	Future       Status = "future"       // "will", "plans to", "agreed to"
	Denied       Status = "denied"       // "denied that ...", "a lie that ..."
)

// Counted reports whether queries count an event of this status by default.
func (s Status) Counted() bool { return s == Asserted || s == Reported }

// Actor is one side of an event as the text names it.
type Actor struct {
	Code    string    `json:"code"`              // CAMEO-style actor code, e.g. IRNGOV
	Name    string    `json:"name"`              // the dictionary's name for the actor
	Text    string    `json:"text,omitempty"`    // the words in the document
	Span    *doc.Span `json:"span,omitempty"`    // where the mention is
	Country string    `json:"country,omitempty"` // ISO3 when the actor belongs to a country
	Sector  string    `json:"sector,omitempty"`  // GOV, MIL, ... when known
	// Inferred says how the country of a generic actor ("police", "the
	// rebels") was taken from the text when its words name none, e.g.
	// "sentence: Lagos" or "document: NGA"; empty when the words name it.
	Inferred string `json:"inferred,omitempty"`
}

// Why is the explanation of one event: what the models saw and how each
// part of the event was chosen.
type Why struct {
	Score    float64  `json:"score"`              // probability of the event's root given its trigger in context
	Features []Weight `json:"features,omitempty"` // the features that weighed most for the root, strongest first
	Code     []Weight `json:"code,omitempty"`     // the features that weighed most for the code within the root
	Patterns []string `json:"patterns,omitempty"` // verb patterns that matched the trigger (evidence, not the judge)
	Source   string   `json:"source,omitempty"`   // how the source was chosen: path from the trigger, score
	Target   string   `json:"target,omitempty"`   // how the target was chosen, or why there is none
	Status   string   `json:"status"`             // the cue and rule that set the status
	Date     string   `json:"date"`               // how the date was chosen
	Place    string   `json:"place,omitempty"`    // how the place was chosen, or why there is none
}

// Weight is one feature's contribution to a decision.
type Weight struct {
	Feature string  `json:"feature"`
	Weight  float64 `json:"weight"`
}

// Event is one coded event with everything that justifies it.
type Event struct {
	ID     string `json:"id"`     // stable: derived from DocID, trigger, code, source and target
	DocID  string `json:"doc_id"` //
	Source Actor  `json:"source"`
	Target Actor  `json:"target"`

	Code      string  `json:"code"`      // CAMEO event code, e.g. 042
	Root      string  `json:"root"`      // two-digit CAMEO root, e.g. 04
	Name      string  `json:"name"`      // CAMEO name of Code
	Goldstein float64 `json:"goldstein"` //
	Quad      int     `json:"quad"`      // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict

	PloverType string `json:"plover_type,omitempty"`
	PloverMode string `json:"plover_mode,omitempty"`

	Status     Status    `json:"status"`
	Cue        *doc.Span `json:"cue,omitempty"` // the words that set Status, when not asserted
	CueText    string    `json:"cue_text,omitempty"`
	Attributed *Actor    `json:"attributed_to,omitempty"` // speaker of reported speech, or the outlet

	Date      string    `json:"date"`       // first day of the period, YYYY-MM-DD
	DateValue string    `json:"date_value"` // TimeML value: 2024-01-24, 2024-W04, 2024-01, ...
	Precision string    `json:"precision"`  // day, week, month, quarter, year, vague, publication
	DateSpan  *doc.Span `json:"date_span,omitempty"`

	// Where it happened, when the text says: the place's name, its
	// country and first-level division, coordinates, the precision of the
	// place (city, admin1 or country: a country is never given as a city)
	// and the words that state it.
	Location        string    `json:"location,omitempty"`
	LocationCountry string    `json:"location_country,omitempty"`
	Admin1          string    `json:"admin1,omitempty"`
	Lat             *float64  `json:"lat,omitempty"`
	Lon             *float64  `json:"lon,omitempty"`
	GeoPrecision    string    `json:"geo_precision,omitempty"`
	LocationSpan    *doc.Span `json:"location_span,omitempty"`

	Confidence  float64  `json:"confidence"`
	Trigger     doc.Span `json:"trigger"` // the verb or noun that carries the event
	TriggerText string   `json:"trigger_text"`
	Sentence    doc.Span `json:"sentence"` // the sentence that states it
	Rule        string   `json:"rule"`     // the model and pattern evidence, in short
	Why         *Why     `json:"why,omitempty"`

	// Filled by the store from the document, for queries and exports.
	Outlet string `json:"outlet,omitempty"`
	URL    string `json:"url,omitempty"`
	// Happening is set by the store: the ID of the happening the event
	// reports (the ID of its anchoring event, see package happening).
	// Mentions, Documents and Outlets count the happening's events, their
	// documents and outlets, and FirstSeen and LastSeen are the publication
	// days of its first and last report, when a query lists happenings.
	Happening string `json:"happening,omitempty"`
	Mentions  int    `json:"mentions,omitempty"`
	Documents int    `json:"documents,omitempty"`
	Outlets   int    `json:"outlets,omitempty"`
	FirstSeen string `json:"first_seen,omitempty"`
	LastSeen  string `json:"last_seen,omitempty"`
}
