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
	return string(appendNormal(make([]byte, 0, len(s)), s))
}

// appendNormal appends Normalize(s) to dst.
func appendNormal(dst []byte, s string) []byte {
	start := len(dst)
	space := false // a separator is pending
	word := start  // where the current word starts in dst
	endWord := func() {
		if string(dst[word:]) == "saint" {
			dst = append(dst[:word], "st"...)
		}
	}
	put := func(c byte) {
		if space && len(dst) > start {
			endWord()
			dst = append(dst, ' ')
			word = len(dst)
		}
		space = false
		dst = append(dst, c)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				put(c)
			case 'A' <= c && c <= 'Z':
				put(c + 'a' - 'A')
			case c == '\'' || c == '`':
			default:
				space = true
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch f, ok := fold(r); {
		case ok && f == "":
			// an apostrophe or a combining mark: nothing
		case ok && f == " ":
			space = true
		case ok:
			for j := 0; j < len(f); j++ {
				put(f[j])
			}
		default:
			// A letter outside the Latin script: kept, lower case.
			var buf [utf8.UTFMax]byte
			for _, b := range utf8.AppendRune(buf[:0], unicode.ToLower(r)) {
				put(b)
			}
		}
	}
	endWord()
	return dst
}

// foldTable holds the folded form of the Latin letters, marks and
// punctuation below U+2100 and of the Latin Extended Additional block.
var foldTable = buildFold()

const foldMax = 0x2100

// fold returns what a non-ASCII rune becomes in a key: "" for nothing, " "
// for a separator, else ASCII letters; ok is false for a letter kept as it
// is (another script).
func fold(r rune) (string, bool) {
	if r < foldMax {
		f := foldTable[r]
		return f.s, f.ok
	}
	return foldRune(r)
}

type folded struct {
	s  string
	ok bool
}

func buildFold() []folded {
	t := make([]folded, foldMax)
	for r := rune(0x80); r < foldMax; r++ {
		s, ok := foldRune(r)
		t[r] = folded{s, ok}
	}
	return t
}

// foldRune folds one rune: apostrophe-like characters and combining marks
// to nothing, other punctuation and spaces to a separator, letters with
// diacritics to their ASCII base letters.
func foldRune(r rune) (string, bool) {
	switch r {
	case '’', '‘', 'ʼ', 'ʻ', 'ʾ', 'ʿ', '´', 'ʹ', '′':
		return "", true // an apostrophe, or an ayn or hamza in a transliteration
	}
	if f, ok := special[r]; ok {
		return f, true
	}
	if unicode.Is(unicode.Mn, r) {
		return "", true
	}
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return " ", true
	}
	var b strings.Builder
	for _, x := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, x) {
			continue
		}
		x = unicode.ToLower(x)
		if x >= utf8.RuneSelf {
			return "", false
		}
		b.WriteRune(x)
	}
	return b.String(), true
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

// stripArabic returns key without a leading Arabic article, or "".
func stripArabic(key string) string {
	for _, a := range articles {
		if rest, ok := strings.CutPrefix(key, a); ok && len(rest) >= 3 {
			return rest
		}
	}
	return ""
}
