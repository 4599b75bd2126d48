package export

import (
	"strconv"

	"github.com/dyad-project/dyad/internal/event"
)

// csvHeader names the columns of csvRow.
var csvHeader = []string{"id", "doc_id", "date", "date_value", "precision", "source_code", "source_name", "source_text", "target_code", "target_name", "target_text",
	"code", "root", "name", "goldstein", "quad", "plover_type", "plover_mode", "status", "cue", "attributed_to", "location", "confidence", "trigger", "rule", "outlet", "url"}

// csvRow flattens an event into the columns of csvHeader.
func csvRow(e event.Event) []string {
	att := ""
	if e.Attributed != nil {
		att = first(e.Attributed.Code, e.Attributed.Name, e.Attributed.Text)
	}
	return []string{e.ID, e.DocID, e.Date, e.DateValue, e.Precision, e.Source.Code, e.Source.Name, e.Source.Text, e.Target.Code, e.Target.Name, e.Target.Text,
		e.Code, e.Root, e.Name, ftoa(e.Goldstein), strconv.Itoa(e.Quad), e.PloverType, e.PloverMode, string(e.Status), e.CueText, att, e.Location,
		ftoa(e.Confidence), e.TriggerText, e.Rule, e.Outlet, e.URL}
}

// ftoa writes f with as many digits as it needs and no exponent.
func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
