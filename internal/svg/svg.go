// Package svg draws the UI's charts as standalone SVG documents. Every
// function is a pure function from data to markup: the same input gives the
// same bytes, so charts are checked by golden files. All text that reaches
// the markup is XML-escaped.
package svg

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
)

// Series is one named line or bar layer over the chart's X labels.
type Series struct {
	Name   string
	Class  string    // CSS class for colour, e.g. "q1".."q4", "goldstein"
	Values []float64 // one value per X label; NaN leaves a gap
	// Links optionally makes each of this series' values a link (same
	// length as Values); when set it replaces the chart's Links for them,
	// so two lines over the same periods can each link to their own events.
	Links []string
}

// Chart is the data of a time chart: X labels (periods) and series.
type Chart struct {
	Title  string
	X      []string // period labels, e.g. 2024-01
	Series []Series
	Width  int // pixels; 0 means 640
	Height int // pixels; 0 means 240
	// Links optionally makes each X position a link (same length as X).
	Links []string
	// Integer says the values are counts: ticks fall on whole numbers
	// only (no "0.5 events").
	Integer bool
}

const (
	padL, padR, padT, padB = 48.0, 30.0, 24.0, 36.0
)

func (c Chart) size() (w, h float64) {
	w, h = float64(c.Width), float64(c.Height)
	if w <= 0 {
		w = 640
	}
	if h <= 0 {
		h = 240
	}
	return w, h
}

// esc returns s escaped for XML text and attribute values.
func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// niceRange returns a rounded [lo, hi] that contains [min, max] and a tick
// step; with integer set the step is a whole number, at least 1.
func niceRange(min, max float64, integer bool) (lo, hi, step float64) {
	if math.IsInf(min, 0) || math.IsInf(max, 0) || math.IsNaN(min) || math.IsNaN(max) {
		min, max = 0, 0
	}
	if min == max {
		if min == 0 {
			if integer {
				return 0, 1, 1
			}
			return 0, 1, 0.25
		}
		min, max = math.Min(0, min), math.Max(0, max)
	}
	raw := (max - min) / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step = 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if s := m * mag; s >= raw && (!integer || s >= 1 && s == math.Trunc(s)) {
			step = s
			break
		}
	}
	if integer && step < 1 {
		step = 1
	}
	lo = math.Floor(min/step) * step
	hi = math.Ceil(max/step) * step
	return lo, hi, step
}

// frame writes the opening tag, title and axes; it returns y(v) and x(i).
// With band set, X positions are the centres of n equal bands (for bars);
// otherwise the first and last sit on the plot's edges (for lines).
func (c Chart) frame(b *bytes.Buffer, lo, hi, step float64, band bool) (y func(float64) float64, x func(int) float64) {
	w, h := c.size()
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %d %d" role="img" aria-label="%s">`, int(w), int(h), esc(c.Title))
	fmt.Fprintf(b, `<title>%s</title>`, esc(c.Title))
	plotW, plotH := w-padL-padR, h-padT-padB
	y = func(v float64) float64 { return padT + plotH*(1-(v-lo)/(hi-lo)) }
	n := len(c.X)
	x = func(i int) float64 {
		if band {
			return padL + plotW*(float64(i)+0.5)/float64(n)
		}
		if n <= 1 {
			return padL + plotW/2
		}
		return padL + plotW*float64(i)/float64(n-1)
	}
	b.WriteString(`<g class="grid">`)
	for v := lo; v <= hi+step/2; v += step {
		fmt.Fprintf(b, `<line x1="%s" x2="%s" y1="%s" y2="%s"/><text x="%s" y="%s" text-anchor="end">%s</text>`,
			num(padL), num(w-padR), num(y(v)), num(y(v)), num(padL-4), num(y(v)+4), esc(strconv.FormatFloat(v, 'g', 4, 64)))
	}
	b.WriteString(`</g><g class="xaxis">`)
	every := 1 + n/8
	for i, l := range c.X {
		if i%every != 0 && i != n-1 {
			continue
		}
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle">%s</text>`, num(x(i)), num(h-padB+16), esc(l))
	}
	b.WriteString(`</g>`)
	return y, x
}

func (c Chart) bounds(stacked bool) (min, max float64) {
	min, max = math.Inf(1), math.Inf(-1)
	for i := range c.X {
		sum := 0.0
		for _, s := range c.Series {
			if i >= len(s.Values) || math.IsNaN(s.Values[i]) {
				continue
			}
			v := s.Values[i]
			if stacked {
				sum += v
				v = sum
			}
			min, max = math.Min(min, v), math.Max(max, v)
		}
	}
	if stacked {
		min = math.Min(min, 0)
	}
	return min, max
}

// legend writes one swatch and name per series.
func (c Chart) legend(b *bytes.Buffer) {
	b.WriteString(`<g class="legend">`)
	x := padL
	for _, s := range c.Series {
		fmt.Fprintf(b, `<rect class="%s" x="%s" y="6" width="10" height="10"/><text x="%s" y="15">%s</text>`, esc(s.Class), num(x), num(x+14), esc(s.Name))
		x += 22 + 7*float64(len([]rune(s.Name)))
	}
	b.WriteString(`</g>`)
}

// Lines draws each series as a polyline with a dot per value. A NaN value
// breaks the line. With Links set, each dot links to its period's events.
func Lines(c Chart) []byte {
	var b bytes.Buffer
	mn, mx := c.bounds(false)
	lo, hi, step := niceRange(mn, mx, c.Integer)
	y, x := c.frame(&b, lo, hi, step, false)
	if lo < 0 && hi > 0 {
		w, _ := c.size()
		fmt.Fprintf(&b, `<line class="zero" x1="%s" x2="%s" y1="%s" y2="%s"/>`, num(padL), num(w-padR), num(y(0)), num(y(0)))
	}
	for _, s := range c.Series {
		fmt.Fprintf(&b, `<g class="series %s">`, esc(s.Class))
		var pts []string
		flush := func() {
			if len(pts) > 1 {
				b.WriteString(`<polyline points="`)
				for i, p := range pts {
					if i > 0 {
						b.WriteByte(' ')
					}
					b.WriteString(p)
				}
				b.WriteString(`"/>`)
			}
			pts = pts[:0]
		}
		for i := range c.X {
			if i >= len(s.Values) || math.IsNaN(s.Values[i]) {
				flush()
				continue
			}
			pts = append(pts, num(x(i))+","+num(y(s.Values[i])))
		}
		flush()
		for i := range c.X {
			if i >= len(s.Values) || math.IsNaN(s.Values[i]) {
				continue
			}
			dot := fmt.Sprintf(`<circle cx="%s" cy="%s" r="3"><title>%s %s: %s</title></circle>`,
				num(x(i)), num(y(s.Values[i])), esc(s.Name), esc(c.X[i]), esc(strconv.FormatFloat(s.Values[i], 'g', 4, 64)))
			if s.Links != nil {
				Chart{Links: s.Links}.link(&b, i, dot)
			} else {
				c.link(&b, i, dot)
			}
		}
		b.WriteString(`</g>`)
	}
	c.legend(&b)
	b.WriteString(`</svg>`)
	return b.Bytes()
}

// StackedBars draws the series stacked per X label, for counts by quad class.
func StackedBars(c Chart) []byte {
	var b bytes.Buffer
	mn, mx := c.bounds(true)
	lo, hi, step := niceRange(mn, mx, c.Integer)
	y, x := c.frame(&b, lo, hi, step, true)
	w, _ := c.size()
	bw := (w - padL - padR) / float64(max(len(c.X), 1)) * 0.7
	for i := range c.X {
		base := 0.0
		var bar bytes.Buffer
		for _, s := range c.Series {
			if i >= len(s.Values) || math.IsNaN(s.Values[i]) || s.Values[i] <= 0 {
				continue
			}
			v := s.Values[i]
			fmt.Fprintf(&bar, `<rect class="%s" x="%s" y="%s" width="%s" height="%s"><title>%s %s: %s</title></rect>`,
				esc(s.Class), num(x(i)-bw/2), num(y(base+v)), num(bw), num(y(base)-y(base+v)),
				esc(s.Name), esc(c.X[i]), esc(strconv.FormatFloat(v, 'g', 6, 64)))
			base += v
		}
		c.link(&b, i, bar.String())
	}
	c.legend(&b)
	b.WriteString(`</svg>`)
	return b.Bytes()
}

// link wraps markup for X position i in a link when the chart has one.
func (c Chart) link(b *bytes.Buffer, i int, markup string) {
	if i < len(c.Links) && c.Links[i] != "" {
		fmt.Fprintf(b, `<a href="%s">%s</a>`, esc(c.Links[i]), markup)
		return
	}
	b.WriteString(markup)
}
