package analysis_test

import (
	"fmt"
	"time"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/doc"
)

func Example() {
	a, err := analysis.New(analysis.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	text := "Russia did not attack Ukraine."
	res := a.Analyze(doc.Document{ID: doc.ContentID(text), Text: text, Lang: "en",
		Published: time.Date(2024, 1, 27, 0, 0, 0, 0, time.UTC), Outlet: "Example Wire"})
	for _, e := range res.Events {
		fmt.Println(e.Source.Code, e.Target.Code, e.Code, e.Name, e.Status, e.CueText, e.Date, e.Precision)
	}
	// Output:
	// RUS UKR 190 Use conventional military force, not specified below negated not 2024-01-27 publication
}
