package tokenize_test

import (
	"fmt"

	"github.com/dyad-project/dyad/internal/nlp/tokenize"
)

func Example() {
	tk := tokenize.New()
	for _, t := range tk.Tokenize(`Iran's envoy didn't meet U.S. officials, al-Assad said.`) {
		fmt.Printf("%d-%d %s\n", t.Start, t.End, t.Text)
	}
	// Output:
	// 0-4 Iran
	// 4-6 's
	// 7-12 envoy
	// 13-16 did
	// 16-19 n't
	// 20-24 meet
	// 25-29 U.S.
	// 30-39 officials
	// 39-40 ,
	// 41-49 al-Assad
	// 50-54 said
	// 54-55 .
}
