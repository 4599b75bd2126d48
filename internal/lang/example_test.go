package lang_test

import (
	"fmt"

	"github.com/dyad-project/dyad/internal/lang"
)

func ExampleDetector_Detect() {
	d, err := lang.New() // load once; a Detector is safe for concurrent use
	if err != nil {
		panic(err)
	}
	for _, s := range []string{
		"Ceasefire talks resume in Cairo",
		"Le ministre a démenti toute négociation avec les rebelles.",
		"Президент подписал указ о мобилизации.",
		"外務省は声明を発表した。",
		"OK",
	} {
		r := d.Detect(s)
		fmt.Println(r.Lang, r.Confidence > 0.9)
	}
	// Output:
	// en true
	// fr true
	// ru true
	// ja true
	// und false
}
