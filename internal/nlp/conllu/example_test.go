package conllu_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/dyad-project/dyad/internal/nlp/conllu"
)

func Example() {
	in := "# text = Rain fell.\n1\tRain\train\tNOUN\tNN\t_\t2\tnsubj\t_\t_\n2\tfell\tfall\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n"
	r := conllu.NewReader(strings.NewReader(in))
	s, err := r.Next()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Comment("text"), len(s.Words), s.Words[0].Deprel, s.Words[0].Head)
	w := conllu.NewWriter(os.Stdout)
	w.Write(&conllu.Sentence{Words: s.Words[:1]})
	w.Flush()
	// Output:
	// Rain fell. 3 nsubj 2
	// 1	Rain	rain	NOUN	NN	_	2	nsubj	_	_
}
