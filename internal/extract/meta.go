package extract

import (
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// meta is what the metadata pass finds in a page.
type meta struct {
	title, author, siteName, canonical, date, lang string
	elements                                       int
}

// readMeta walks the tree once, before readability mutates it. Dates are
// taken in this order of trust: article:published_time and similar meta
// tags, schema.org datePublished (itemprop or JSON-LD), then the first
// <time datetime>.
func readMeta(root *html.Node) meta {
	var m meta
	var ogURL, metaDate, itemDate, ldDate, timeDate, metaAuthor, titleTag string
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if n.Type == html.ElementNode {
			m.elements++
			switch n.DataAtom {
			case atom.Html:
				if m.lang == "" {
					m.lang = attr(n, "lang")
				}
			case atom.Title:
				if titleTag == "" && n.FirstChild != nil {
					titleTag = clean(n.FirstChild.Data)
				}
			case atom.Meta:
				key := strings.ToLower(attr(n, "property"))
				if key == "" {
					key = strings.ToLower(attr(n, "name"))
				}
				content := strings.TrimSpace(attr(n, "content"))
				if ip := attr(n, "itemprop"); ip == "datePublished" && itemDate == "" {
					itemDate = content
				}
				if content == "" {
					break
				}
				switch key {
				case "og:site_name":
					setOnce(&m.siteName, clean(content))
				case "og:url":
					setOnce(&ogURL, content)
				case "article:published_time", "og:article:published_time", "datepublished",
					"pubdate", "publishdate", "publish-date", "date", "dc.date", "dc.date.issued",
					"dcterms.issued", "dcterms.created", "parsely-pub-date", "sailthru.date":
					setOnce(&metaDate, content)
				case "author", "dc.creator", "parsely-author", "byl":
					setOnce(&metaAuthor, clean(strings.TrimPrefix(content, "By ")))
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") {
					setOnce(&m.canonical, strings.TrimSpace(attr(n, "href")))
				}
			case atom.Time:
				if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" {
					if attr(n, "itemprop") == "datePublished" || hasAttr(n, "pubdate") {
						setOnce(&itemDate, dt)
					}
					setOnce(&timeDate, dt)
				}
			case atom.Script:
				if strings.EqualFold(attr(n, "type"), "application/ld+json") && ldDate == "" && n.FirstChild != nil {
					ldDate = jsonLDDate(n.FirstChild.Data)
				}
			default:
				if attr(n, "itemprop") == "datePublished" && itemDate == "" {
					itemDate = strings.TrimSpace(attr(n, "datetime"))
					if itemDate == "" {
						itemDate = strings.TrimSpace(attr(n, "content"))
					}
				}
			}
		}
		if depth > MaxDepth { // the parser enforces this too; stay safe
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(root, 0)
	setOnce(&m.canonical, ogURL)
	m.author = metaAuthor
	m.title = titleTag
	for _, d := range []string{metaDate, itemDate, ldDate, timeDate} {
		if d != "" {
			m.date = d
			break
		}
	}
	return m
}

// jsonLDDate returns datePublished from a JSON-LD block: an object, an
// array of objects, or an object with an @graph array.
func jsonLDDate(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "<![CDATA[")
	s = strings.TrimSuffix(s, "]]>")
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return ""
	}
	return findDate(v, 0)
}

func findDate(v any, depth int) string {
	if depth > 8 {
		return ""
	}
	switch x := v.(type) {
	case map[string]any:
		if d, ok := x["datePublished"].(string); ok && d != "" {
			return strings.TrimSpace(d)
		}
		if g, ok := x["@graph"]; ok {
			return findDate(g, depth+1)
		}
	case []any:
		for _, e := range x {
			if d := findDate(e, depth+1); d != "" {
				return d
			}
		}
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}
