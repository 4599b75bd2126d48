// Package queuetest writes the synthetic corpus that the queue tests and
// the worker benchmark code: short news items, two sentences each,
// between real states, with verbs the coder knows, so that most items
// yield events (accusations, sanctions, meetings, aid, denials, negations,
// reported speech).
package queuetest

import (
	"bufio"
	"fmt"
	"io"
)

var (
	countries = []string{"France", "Germany", "Japan", "Brazil", "Kenya", "India", "Canada", "Egypt",
		"Russia", "China", "Iran", "Turkey", "Mexico", "Nigeria", "Poland", "Ukraine", "Israel", "Pakistan",
		"Australia", "Argentina", "Indonesia", "Vietnam", "Greece", "Sweden"}
	first = []string{
		"%s accused %s of violating the ceasefire on %s.",
		"%s condemned %s over the missile test on %s.",
		"%s imposed new sanctions on %s on %s.",
		"The foreign minister of %s met the ambassador of %s in Geneva on %s.",
		"%s expelled two diplomats from %s on %s.",
		"%s sent humanitarian aid to %s on %s.",
		"%s praised %s for its help with the rescue on %s.",
		"%s threatened %s with military action on %s.",
	}
	second = []string{
		"Officials in %s said talks with %s would resume next week.",
		"%s denied that it had attacked %s.",
		"%s did not recognise the government of %s.",
		"Protesters marched outside the embassy of %s in the capital of %s.",
	}
	days = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
)

// Text returns the i'th item's text; texts differ for different i.
func Text(i int) string {
	nc := len(countries)
	a := countries[i%nc]
	b := countries[(i/nc+1+i)%nc]
	c := countries[(i/7+3)%nc]
	return fmt.Sprintf(first[i%len(first)], a, b, days[i%len(days)]) + " " +
		fmt.Sprintf(second[(i/len(first))%len(second)], c, a) +
		fmt.Sprintf(" (Bulletin %d.)", i)
}

// WriteJSONL writes n items as JSON Lines that dyad ingest reads.
func WriteJSONL(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	for i := range n {
		fmt.Fprintf(bw, `{"title": "Bulletin %d", "date": "2024-%02d-%02d", "source": "Scale Wire", "url": "https://scale.example/%d", "lang": "en", "text": %q}`+"\n",
			i, i%12+1, i%28+1, i, Text(i))
	}
	return bw.Flush()
}
