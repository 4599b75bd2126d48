package main

import (
	"bufio"
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Vocabulary of the generated pages: news-like sentences about real states
// and organisations, so that extraction and language detection do the work
// they do on real pages.
var (
	genActors = []string{"France", "Germany", "Japan", "Brazil", "Kenya", "India", "Canada", "Egypt", "Turkey",
		"Indonesia", "Mexico", "Nigeria", "the European Union", "the African Union", "the United Nations", "NATO",
		"South Korea", "Australia", "Argentina", "Poland"}
	genPeople = []string{"the foreign minister", "the prime minister", "the defence minister", "the president",
		"a government spokesman", "the ambassador", "the trade minister", "senior officials", "the envoy"}
	genVerbs = []string{"met", "criticised", "praised", "called on", "signed an agreement with", "accused",
		"held talks with", "pledged aid to", "imposed sanctions on", "warned", "welcomed a proposal from",
		"hosted a delegation from", "rejected a demand by", "agreed to cooperate with"}
	genTopics = []string{"trade", "border security", "climate finance", "the ceasefire", "energy supplies",
		"refugees", "a new pipeline", "fishing rights", "nuclear safety", "food exports", "cyber attacks",
		"the peace process", "military exercises", "visa rules"}
	genWhen = []string{"on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week",
		"earlier this month", "at the weekend", "late on Sunday", "this morning"}
	genSections = []string{"World", "Politics", "Business", "Africa", "Asia", "Europe", "Americas", "Opinion"}
)

// generateHTML writes n article pages under dir, a hundred per directory,
// each with navigation, sidebars and a footer around the article.
func generateHTML(dir string, n int) error {
	rng := rand.New(rand.NewPCG(2024, uint64(n)))
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("%03d", i/100))
		if i%100 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return err
			}
		}
		if err := writePage(filepath.Join(sub, fmt.Sprintf("article-%05d.html", i)), i, rng); err != nil {
			return err
		}
	}
	return nil
}

func pick(rng *rand.Rand, xs []string) string { return xs[rng.IntN(len(xs))] }

func sentence(rng *rand.Rand) string {
	a, b := pick(rng, genActors), pick(rng, genActors)
	for b == a {
		b = pick(rng, genActors)
	}
	s := fmt.Sprintf("%s of %s %s %s %s over %s", pick(rng, genPeople), a, pick(rng, genVerbs), b, pick(rng, genWhen), pick(rng, genTopics))
	switch rng.IntN(4) {
	case 0:
		s += fmt.Sprintf(", officials in %s said", pick(rng, genActors))
	case 1:
		s += fmt.Sprintf(", according to a statement issued by %s", pick(rng, genActors))
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func writePage(path string, i int, rng *rand.Rand) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	published := time.Date(2023, 1, 1, 6, 0, 0, 0, time.UTC).Add(time.Duration(i) * 47 * time.Minute)
	section := pick(rng, genSections)
	title := fmt.Sprintf("%s and %s discuss %s (report %d)", pick(rng, genActors), pick(rng, genActors), pick(rng, genTopics), i)
	url := fmt.Sprintf("https://bench.example/%s/%s/article-%05d", strings.ToLower(section), published.Format("2006/01/02"), i)
	fmt.Fprintf(w, `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>%s | Bench Daily</title>
<link rel="canonical" href="%s">
<meta property="og:site_name" content="Bench Daily">
<meta property="og:title" content="%s">
<meta name="author" content="Staff Reporter %d">
<meta property="article:published_time" content="%s">
<link rel="stylesheet" href="/static/site.css"><script src="/static/site.js"></script>
</head><body>
<header class="site-header"><a class="logo" href="/">Bench Daily</a>
<nav class="main-nav"><ul>`, html.EscapeString(title), url, html.EscapeString(title), i%40, published.Format(time.RFC3339))
	for _, s := range genSections {
		fmt.Fprintf(w, `<li><a href="/%s">%s</a></li>`, strings.ToLower(s), s)
	}
	fmt.Fprintf(w, `</ul></nav><form class="search"><input name="q" placeholder="Search"></form></header>
<div class="layout"><main><article class="story">
<h1>%s</h1>
<p class="byline">By Staff Reporter %d · <time datetime="%s">%s</time> · %s</p>
`, html.EscapeString(title), i%40, published.Format(time.RFC3339), published.Format("2 January 2006"), section)
	paras := 6 + rng.IntN(7)
	for p := range paras {
		w.WriteString("<p>")
		for range 3 + rng.IntN(3) {
			w.WriteString(html.EscapeString(sentence(rng)))
			w.WriteByte(' ')
		}
		w.WriteString("</p>\n")
		if p == 2 {
			w.WriteString(`<div class="ad-slot"><span>Advertisement</span></div>` + "\n")
		}
	}
	w.WriteString(`</article></main><aside class="related"><h2>Most read</h2><ol>`)
	for k := range 6 {
		fmt.Fprintf(w, `<li><a href="/world/story-%d">%s</a></li>`, (i+k*37)%9973, html.EscapeString(sentence(rng)))
	}
	fmt.Fprintf(w, `</ol></aside></div>
<footer class="site-footer"><p>© 2024 Bench Daily. All rights reserved.</p><ul>
<li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy</a></li>
<li><a href="/terms">Terms of use</a></li></ul><p>Page %d</p></footer></body></html>
`, i)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
