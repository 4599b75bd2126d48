// Package nlp defines the linguistic annotation types shared by every stage
// (Token, Sentence) and the small interfaces the NLP stages implement.
// The implementations live in the sub-packages tokenize, segment, lemma,
// postag, depparse and conllu.
package nlp

// Token is one word or punctuation mark with its byte offsets into the
// document text and the annotations later stages add.
type Token struct {
	Text       string `json:"text"`            // exactly Text[Start:End] of the document
	Norm       string `json:"norm,omitempty"`  // normalised form for features (quotes, dashes); "" means Text
	Start      int    `json:"start"`           // byte offset, inclusive
	End        int    `json:"end"`             // byte offset, exclusive
	SpaceAfter bool   `json:"space_after"`     //
	UPOS       string `json:"upos,omitempty"`  // Universal POS tag
	XPOS       string `json:"xpos,omitempty"`  // Penn Treebank tag
	Lemma      string `json:"lemma,omitempty"` //
	Feats      string `json:"feats,omitempty"` // UD morphological features, when known
	Head       int    `json:"head"`            // 1-based index of the head in the sentence, 0 for root, -1 when unparsed
	Rel        string `json:"rel,omitempty"`   // UD basic relation to the head
}

// Form returns the normalised form when there is one, else the text.
func (t *Token) Form() string {
	if t.Norm != "" {
		return t.Norm
	}
	return t.Text
}

// Sentence is a run of tokens with its byte range in the document text.
type Sentence struct {
	Start  int     `json:"start"`
	End    int     `json:"end"`
	Tokens []Token `json:"tokens"`
}

// Tokenizer splits text into tokens following UD English conventions.
// Implementations are safe for concurrent use.
type Tokenizer interface {
	Tokenize(text string) []Token
}

// Segmenter groups the tokens of text into sentences.
// Implementations are safe for concurrent use.
type Segmenter interface {
	Segment(text string, tokens []Token) []Sentence
}

// Tagger sets UPOS and XPOS (and Feats when it predicts them) on every token
// of a sentence. Implementations are safe for concurrent use.
type Tagger interface {
	Tag(s *Sentence)
}

// Lemmatizer returns the lemma of a word given its tags.
// Implementations are safe for concurrent use.
type Lemmatizer interface {
	Lemma(word, upos, xpos string) string
}

// Parser sets Head and Rel on every token of a tagged sentence.
// Implementations are safe for concurrent use.
type Parser interface {
	Parse(s *Sentence)
}

// Pipeline composes the stages. A nil stage is skipped, so a Pipeline with
// only a Tokenizer and Segmenter produces untagged sentences.
type Pipeline struct {
	Tokenizer  Tokenizer
	Segmenter  Segmenter
	Tagger     Tagger
	Lemmatizer Lemmatizer
	Parser     Parser
}

// Annotate runs every configured stage over text and returns its sentences.
func (p *Pipeline) Annotate(text string) []Sentence {
	toks := p.Tokenizer.Tokenize(text)
	sents := p.Segmenter.Segment(text, toks)
	for i := range sents {
		s := &sents[i]
		for j := range s.Tokens {
			s.Tokens[j].Head = -1
		}
		if p.Tagger != nil {
			p.Tagger.Tag(s)
		}
		if p.Lemmatizer != nil {
			for j := range s.Tokens {
				t := &s.Tokens[j]
				t.Lemma = p.Lemmatizer.Lemma(t.Form(), t.UPOS, t.XPOS)
			}
		}
		if p.Parser != nil {
			p.Parser.Parse(s)
		}
	}
	return sents
}
