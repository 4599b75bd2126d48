package event

import "github.com/dyad-project/dyad/internal/doc"

func spanOf(a, b int) doc.Span { return doc.Span{Start: a, End: b} }
