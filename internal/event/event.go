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

	Location string   `json:"location,omitempty"`
	Lat      *float64 `json:"lat,omitempty"`
	Lon      *float64 `json:"lon,omitempty"`

	Confidence  float64  `json:"confidence"`
	Trigger     doc.Span `json:"trigger"` // the verb or noun that carries the event
	TriggerText string   `json:"trigger_text"`
	Sentence    doc.Span `json:"sentence"` // the sentence that states it
	Rule        string   `json:"rule"`     // the pattern that fired

	// Filled by the store from the document, for queries and exports.
	Outlet string `json:"outlet,omitempty"`
	URL    string `json:"url,omitempty"`
}
