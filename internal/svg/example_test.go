package svg_test

import (
	"fmt"
	"strings"

	"github.com/dyad-project/dyad/internal/svg"
)

func ExampleStackedBars() {
	out := svg.StackedBars(svg.Chart{
		Title:  "events",
		X:      []string{"2024-01", "2024-02"},
		Series: []svg.Series{{Name: "material conflict", Class: "q4", Values: []float64{2, 5}}},
	})
	fmt.Println(strings.Count(string(out), "<rect class=\"q4\""))
	// Output: 3
}
