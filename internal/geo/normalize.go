package geo

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the key under which a place name is looked up: lower
// case, diacritics folded (à→a, ü→u, ß→ss), apostrophes dropped (Sana'a →
// sanaa), every other run of punctuation or space one space (al-Hasakah →
// al hasakah, St. Petersburg → st petersburg), and the word "saint" written
// "st". Names that differ only in these ways are the same name.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // a separator is pending
	word := 0      // b.Len() where the current word started
	flushWord := func() {
		if b.Len()-word == 5 && b.String()[word:] == "saint" {
			s := b.String()[:word] + "st"
			b.Reset()
			b.WriteString(s)
		}
	}
	put := func(r rune) {
		if space && b.Len() > 0 {
			flushWord()
			b.WriteByte(' ')
			word = b.Len()
		}
		space = false
		b.WriteRune(r)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				put(rune(c))
			case 'A' <= c && c <= 'Z':
				put(rune(c + 'a' - 'A'))
			case c == '\'' || c == '`':
			default:
				space = true
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if isApostrophe(r) {
			continue
		}
		if f, ok := special[r]; ok {
			for _, x := range f {
				put(x)
			}
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if unicode.Is(unicode.Mn, r) {
				continue // a combining mark already decomposed in the text
			}
			space = true
			continue
		}
		for _, x := range norm.NFD.String(string(r)) {
			if unicode.Is(unicode.Mn, x) {
				continue
			}
			put(unicode.ToLower(x))
		}
	}
	flushWord()
	return b.String()
}

// isApostrophe reports the characters written for an apostrophe or an
// ayn/hamza in transliterations (Nuku'alofa, Ma'rib, Sana‘a).
func isApostrophe(r rune) bool {
	switch r {
	case '’', '‘', 'ʼ', 'ʻ', 'ʾ', 'ʿ', '´', 'ʹ', '′':
		return true
	}
	return false
}

// special folds the letters that do not decompose into a base letter and
// marks.
var special = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'œ': "oe", 'Œ': "oe",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th",
	'ı': "i", 'ħ': "h", 'Ħ': "h", 'ŀ': "l", 'Ŀ': "l", 'ŧ': "t", 'Ŧ': "t", 'ƒ': "f",
}

// articles are the Arabic article in the spellings place names carry it
// (al-Hasakah, El Fasher, Ar Raqqah, As Suwayda, Ash Shaykh, Ad Dawr): a
// name that starts with one is also known without it.
var articles = []string{"al ", "el ", "ar ", "as ", "ash ", "ad ", "adh ", "at ", "ath ", "az ", "an "}

// stripArticle returns key without a leading article ("the hague" → "hague",
// "al hasakah" → "hasakah"), or "" when it has none or nothing would remain.
func stripArticle(key string) string {
	if rest, ok := strings.CutPrefix(key, "the "); ok {
		return rest
	}
	return stripArabic(key)
}

// stripArabic returns key without a leading Arabic article, or "".
func stripArabic(key string) string {
	for _, a := range articles {
		if rest, ok := strings.CutPrefix(key, a); ok && len(rest) >= 3 {
			return rest
		}
	}
	return ""
}
