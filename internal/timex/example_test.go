package timex_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/timex"
)

func Example() {
	published := time.Date(2024, time.January, 27, 0, 0, 0, 0, time.UTC) // a Saturday
	text := "Ministers visited Moscow on Wednesday and will meet again on Wednesday, " +
		"three years after talks began in early 2021; the next round is due in the first quarter of 2025."
	for _, e := range timex.New().Find(text, published) {
		line := fmt.Sprintf("%-26q %-8s %-10s %-8s %s", e.Text, e.Type, e.Value, e.Precision, e.Date())
		fmt.Println(strings.TrimRight(line, " "))
	}
	// Output:
	// "Wednesday"                DATE     2024-01-24 day      2024-01-24
	// "Wednesday"                DATE     2024-01-31 day      2024-01-31
	// "three years"              DURATION P3Y        vague
	// "early 2021"               DATE     2021       year     2021-01-01
	// "the first quarter of 2025" DATE     2025-Q1    quarter  2025-01-01
}
