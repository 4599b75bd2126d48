package source_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyad-project/dyad/internal/source"
)

func ExampleWalk() {
	stdin := strings.NewReader(`{"text": "Egypt's foreign minister called his Qatari counterpart on Monday.", "title": "Cairo and Doha talk", "date": "2024-02-12", "source": "Nile Desk"}
{"text": "Protesters marched to the embassy.", "date": "the other day"}
{"title": broken
`)
	err := source.Walk(context.Background(), []string{"-"}, source.Options{Stdin: stdin}, func(it source.Item) error {
		if it.Err != nil {
			fmt.Println("error:", it.Err)
			return nil
		}
		d := it.Doc
		fmt.Printf("%s %s %s %s %q %q\n", d.Origin, d.Format, d.Lang, d.Published.Format("2006-01-02"), d.Outlet, d.Title)
		for _, g := range it.Diagnostics {
			fmt.Println(g.Severity+":", g.Message)
		}
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// -:1 jsonl en 2024-02-12 "Nile Desk" "Cairo and Doha talk"
	// -:2 jsonl en 0001-01-01 "" ""
	// warning: -:2: field "date": unrecognised date format: "the other day"
	// error: -:3: malformed JSON: invalid character 'b' looking for beginning of value
}
