package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// impliedEnd lists elements whose end tag may be left out: an unclosed one
// is closed by its next sibling, so it does not deepen the tree.
var impliedEnd = map[atom.Atom]bool{
	atom.P: true, atom.Li: true, atom.Dt: true, atom.Dd: true, atom.Option: true,
	atom.Optgroup: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Tbody: true,
	atom.Thead: true, atom.Tfoot: true, atom.Colgroup: true, atom.Caption: true,
	atom.Rb: true, atom.Rt: true, atom.Rp: true, atom.Rtc: true, atom.Html: true,
	atom.Head: true, atom.Body: true,
}

var voidElement = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Source: true, atom.Track: true, atom.Wbr: true, atom.Param: true, atom.Keygen: true,
}

// checkShape refuses pages nested deeper than MaxDepth or with more than
// MaxElements elements, in one linear pass over the tokens.
func checkShape(page []byte) error {
	d, n, off := shape(page)
	if d > MaxDepth {
		return fmt.Errorf("%w: more than %d open elements at byte %d", ErrTooDeep, MaxDepth, off)
	}
	if n > MaxElements {
		return fmt.Errorf("%w: more than %d at byte %d", ErrTooLarge, MaxElements, off)
	}
	return nil
}

// shape scans the tokens of page and returns an upper estimate of its
// deepest element nesting and its element count, stopping early (with the
// byte offset) once either passes its limit.
func shape(page []byte) (depth, elements, offset int) {
	z := html.NewTokenizer(bytes.NewReader(page))
	z.SetMaxBuf(0)
	d, maxD, n, pos := 0, 0, 0, 0
	for {
		tt := z.Next()
		raw := len(z.Raw())
		switch tt {
		case html.ErrorToken:
			return maxD, n, pos
		case html.StartTagToken, html.SelfClosingTagToken:
			n++
			if n > MaxElements {
				return maxD, n, pos
			}
			if tt == html.SelfClosingTagToken {
				break
			}
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if voidElement[a] || impliedEnd[a] {
				break
			}
			d++
			if d > maxD {
				maxD = d
			}
			if d > MaxDepth {
				return d, n, pos
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if !voidElement[a] && !impliedEnd[a] && d > 0 {
				d--
			}
		}
		pos += raw
	}
}

// meta is what the metadata pass finds in a page.
type meta struct {
	title, author, siteName, canonical, date, lang string
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
