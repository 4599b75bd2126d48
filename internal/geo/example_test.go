package geo_test

import (
	"fmt"
	"log"

	"github.com/dyad-project/dyad/internal/geo"
	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/postag"
	"github.com/dyad-project/dyad/internal/nlp/segment"
	"github.com/dyad-project/dyad/internal/nlp/tokenize"
)

func Example() {
	g, err := geo.Default()
	if err != nil {
		log.Fatal(err)
	}
	tagger, err := postag.Default()
	if err != nil {
		log.Fatal(err)
	}
	p := &nlp.Pipeline{Tokenizer: tokenize.New(), Segmenter: segment.New(), Tagger: tagger}

	text := "TRIPOLI, Lebanon — Gunmen clashed in Tripoli overnight, and jets struck Syria's Idlib province. Kenya Airways cancelled its flights."
	// The caller counts the countries of the document's actors.
	countries := map[string]int{"LBN": 2}
	for _, m := range g.Find(text, p.Annotate(text), countries) {
		fmt.Printf("%-15q %-8s %s %s (%.2f, %.2f) cue %q dateline %v\n", m.Text, m.Place.Name, m.Place.Country, m.Place.Kind, m.Place.Lat, m.Place.Lon, m.Cue, m.Dateline)
	}
	// Output:
	// "TRIPOLI"       Tripoli  LBN city (34.43, 35.84) cue "dateline" dateline true
	// "Lebanon"       Lebanon  LBN country (33.83, 35.83) cue "" dateline false
	// "Tripoli"       Tripoli  LBN city (34.43, 35.84) cue "in" dateline false
	// "Syria"         Syria    SYR country (35.00, 38.00) cue "" dateline false
	// "Idlib province" Idlib    SYR admin1 (35.93, 36.63) cue "'s" dateline false
}
