package actor

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// unit is the piece of text the matcher compares: a word, an abbreviation
// with its periods ("U.S."), a possessive "'s" or one punctuation mark.
// Units never cross token boundaries, so dictionary phrases and document
// text split the same way whatever tokenizer made the tokens.
type unit struct {
	start, end int   // byte offsets into the text
	tok        int32 // index of the token that holds the unit
	shape      uint8 // shapeLower, shapeTitle, shapeUpper or shapeOther
}

const (
	shapeOther uint8 = iota // punctuation, digits
	shapeLower              // starts with a lower-case letter
	shapeTitle              // starts with an upper-case letter, has lower-case ones
	shapeUpper              // letters all upper case ("NATO", "U.S.")
)

// splitUnits appends the units of text[start:end] (one token) to out.
func splitUnits(text string, start, end int, tok int32, out []unit) []unit {
	i := start
	for i < end {
		r, w := utf8.DecodeRuneInString(text[i:end])
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || unicode.IsSpace(r):
			i += w
		case isApos(r) && i+w < end && (text[i+w] == 's' || text[i+w] == 'S') && (i+w+1 == end || !isWordByte(text[i+w+1])):
			out = append(out, unit{start: i, end: i + w + 1, tok: tok, shape: shapeLower})
			i += w + 1
		case isWordRune(r):
			j := i + w
			dots := 0
			for j < end {
				r2, w2 := utf8.DecodeRuneInString(text[j:end])
				if isWordRune(r2) {
					j += w2
					continue
				}
				if r2 == '.' && j+1 < end && isWordByte(text[j+1]) {
					dots++
					j++
					continue
				}
				if isApos(r2) && j+w2 < end {
					// keep O'Brien together, split Iran's
					n := j + w2
					if (text[n] == 's' || text[n] == 'S') && (n+1 == end || !isWordByte(text[n+1])) {
						break
					}
					if isWordByte(text[n]) {
						j = n
						continue
					}
				}
				break
			}
			// A trailing period belongs to an abbreviation (U.S., Gen., J.).
			if j < end && text[j] == '.' && (dots > 0 || j-i == 1 || abbrevPeriod(text[i:j])) {
				j++
			}
			out = append(out, unit{start: i, end: j, tok: tok, shape: shapeOf(text[i:j])})
			i = j
		default:
			out = append(out, unit{start: i, end: i + w, tok: tok})
			i += w
		}
	}
	return out
}

// abbrevPeriod reports whether a word usually keeps its period (Gen., Lt.).
func abbrevPeriod(w string) bool {
	switch w {
	case "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Adm", "Sgt", "Cpl", "Pvt", "Gov", "Sen", "Rep", "Pres", "Brig", "Cmdr", "Jr", "Sr", "St", "Prof", "Rev", "No", "Co", "Corp", "Inc", "Ltd":
		return true
	}
	return false
}

func isApos(r rune) bool { return r == '\'' || r == '’' }
func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func shapeOf(s string) uint8 {
	first := true
	shape := shapeOther
	hasLower := false
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		if first {
			first = false
			if unicode.IsUpper(r) {
				shape = shapeUpper
			} else {
				return shapeLower
			}
			continue
		}
		if unicode.IsLower(r) {
			hasLower = true
		}
	}
	if shape == shapeUpper && hasLower {
		return shapeTitle
	}
	return shape
}

// appendKey appends the matching key of s to buf: lower case, periods
// dropped, curly apostrophes straightened, common Latin diacritics removed.
func appendKey(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 {
			switch {
			case c >= 'A' && c <= 'Z':
				buf = append(buf, c+'a'-'A')
			case c == '.':
			default:
				buf = append(buf, c)
			}
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w - 1
		if r == '’' || r == '‘' {
			buf = append(buf, '\'')
			continue
		}
		if r == '‐' || r == '‑' || r == '–' {
			buf = append(buf, '-')
			continue
		}
		if f, ok := fold[r]; ok {
			buf = append(buf, f...)
			continue
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	return buf
}

var fold = func() map[rune]string {
	m := map[rune]string{}
	for _, p := range strings.Fields("àa áa âa ãa äa åa āa ăa ąa ÀA ÁA ÂA ÃA ÄA ÅA ĀA çc ćc čc ÇC ĆC ČC ďd đd ĐD èe ée êe ëe ēe ėe ęe ěe ÈE ÉE ÊE ËE ĒE ĚE ğg ĞG ìi íi îi ïi īi ıi İI ÌI ÍI ÎI ÏI ĪI łl ŁL ñn ńn ňn ÑN ŃN òo óo ôo õo öo øo ōo őo ÒO ÓO ÔO ÕO ÖO ØO ŌO řr ŘR śs şs šs ŚS ŞS ŠS țt ťt ţt ȚT ùu úu ûu üu ūu ůu űu ÙU ÚU ÛU ÜU ŪU ýy ÿy ÝY źz żz žz ŹZ ŻZ ŽZ") {
		r, w := utf8.DecodeRuneInString(p)
		m[r] = strings.ToLower(p[w:])
	}
	return m
}()

// phraseUnits splits a dictionary phrase into units and their keys.
func phraseUnits(p string) ([]unit, []string) {
	us := splitUnits(p, 0, len(p), 0, nil)
	keys := make([]string, len(us))
	var buf []byte
	for i, u := range us {
		buf = unitKey(buf[:0], p[u.start:u.end])
		keys[i] = string(buf)
	}
	return us, keys
}

// unitKey is appendKey that keeps a lone punctuation mark ("." stays ".").
func unitKey(buf []byte, s string) []byte {
	n := len(buf)
	buf = appendKey(buf, s)
	if len(buf) == n {
		buf = append(buf, s...)
	}
	return buf
}
