package cameo_test

import (
	"fmt"

	"github.com/dyad-project/dyad/internal/cameo"
)

func Example() {
	cb, err := cameo.DefaultCodebook()
	if err != nil {
		fmt.Println(err)
		return
	}
	c, _ := cb.Lookup("042")
	fmt.Println(c.Code, c.Name, c.Goldstein, c.Quad(), c.Penta(), c.PloverType, c.PloverMode)
	p, err := cameo.DefaultPatterns()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range p.Nouns("visit") {
		fmt.Println(r.Code, r.Reverse, r.Source, r.Target)
	}
	// Output:
	// 042 Make a visit 1.9 1 1 CONSULT visit
	// 042 043 [of by] [to]
}
