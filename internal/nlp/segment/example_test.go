package segment_test

import (
	"fmt"

	"github.com/dyad-project/dyad/internal/nlp/segment"
	"github.com/dyad-project/dyad/internal/nlp/tokenize"
)

func Example() {
	text := "MOSCOW (Reuters) - Gen. Ivanov met U.S. envoys. \"We agreed,\" he said. Talks end Jan. 5."
	for _, s := range segment.New().Segment(text, tokenize.New().Tokenize(text)) {
		fmt.Printf("%d-%d %s\n", s.Start, s.End, text[s.Start:s.End])
	}
	// Output:
	// 0-18 MOSCOW (Reuters) -
	// 19-47 Gen. Ivanov met U.S. envoys.
	// 48-69 "We agreed," he said.
	// 70-87 Talks end Jan. 5.
}
