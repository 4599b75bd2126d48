package web

import (
	"fmt"
	"html/template"
	"math"
	"net/http"

	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/svg"
)

// Norm is how a page's volume charts are scaled: counts of events, or
// with norm=docs in the URL events per 100 documents published in each
// period, so that a period with more news does not look busier for that
// alone.
type Norm struct {
	PerDocs bool
	Toggle  string // the page's URL with the other scale
}

// normalise reads norm from r ("" or "docs"; else an error wrapping
// query.ErrBadFilter) and, for norm=docs, counts the documents published
// in each period of ss (of f's outlet).
func (s *Server) normalise(r *http.Request, f store.EventFilter, ss ...*query.Series) (Norm, error) {
	v := r.URL.Query()
	var n Norm
	switch v.Get("norm") {
	case "":
	case "docs":
		n.PerDocs = true
		if err := s.q.CountDocuments(r.Context(), f, ss...); err != nil {
			return n, err
		}
	default:
		return n, fmt.Errorf("%w: norm: %q is not docs", query.ErrBadFilter, truncateParam(v.Get("norm")))
	}
	if n.PerDocs {
		v.Del("norm")
	} else {
		v.Set("norm", "docs")
	}
	n.Toggle = withQuery(r.URL.Path, v)
	return n, nil
}

func truncateParam(s string) string {
	if len(s) > 32 {
		return s[:32] + "…"
	}
	return s
}

// volumeChart draws the events of se per period by quad class as stacked
// bars, each linking to its period's events: counts on whole-number
// ticks, or events per 100 documents published when n.PerDocs (a period
// without documents is left empty).
func volumeChart(title string, se query.Series, links []string, n Norm, w, h int) template.HTML {
	c := svg.Chart{Title: title, X: labels(se), Series: quadSeries(se), Links: links, Width: w, Height: h, Integer: !n.PerDocs}
	if n.PerDocs {
		c.Title += ", per 100 documents published"
		for q := range c.Series {
			for i, p := range se.Periods {
				v, ok := p.PerDocuments(p.Quad[q])
				if !ok {
					v = math.NaN()
				}
				c.Series[q].Values[i] = v
			}
		}
	}
	return chart(svg.StackedBars(c))
}
