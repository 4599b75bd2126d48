// Package cameo is the CAMEO event codebook — every code with its name,
// Goldstein value, quad and penta class and PLOVER event type and mode — and
// the verb and noun patterns that map words in a parse to codes.
//
// Quad classes follow GDELT: 1 verbal cooperation (roots 01–05), 2 material
// cooperation (06–08), 3 verbal conflict (09–13), 4 material conflict
// (14–20). Penta classes follow Phoenix's five-way quad_class, which the
// ConfliBERT/Multi-CoPED sets use: 0 statement (01–02), 1 verbal cooperation
// (03–05), 2 material cooperation (06–08), 3 verbal conflict (09–13 and 16,
// reduce relations), 4 material conflict (14, 15, 17–20).
package cameo

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	cameodata "github.com/dyad-project/dyad/data/cameo"
)

// Code is one entry of the codebook.
type Code struct {
	Code          string  // "042"
	Name          string  // "Make a visit"
	Goldstein     float64 //
	PloverType    string  // "CONSULT"; empty for statements (01x)
	PloverMode    string  // "visit"; often empty
	PloverContext string  // semicolon-separated contexts, often empty
}

// Root returns the two-digit root of the code.
func (c Code) Root() string { return Root(c.Code) }

// Quad returns the GDELT quad class of the code (1–4).
func (c Code) Quad() int { return Quad(c.Code) }

// Penta returns the ConfliBERT five-way class of the code (0–4).
func (c Code) Penta() int { return Penta(c.Code) }

// Root returns the first two characters of a CAMEO code, or "" when code is
// shorter.
func Root(code string) string {
	if len(code) < 2 {
		return ""
	}
	return code[:2]
}

func rootNum(code string) int {
	n, err := strconv.Atoi(Root(code))
	if err != nil {
		return 0
	}
	return n
}

// Quad returns the GDELT quad class of a code: 1 verbal cooperation (01–05),
// 2 material cooperation (06–08), 3 verbal conflict (09–13), 4 material
// conflict (14–20); 0 when the root is not a CAMEO root.
func Quad(code string) int {
	switch r := rootNum(code); {
	case r >= 1 && r <= 5:
		return 1
	case r >= 6 && r <= 8:
		return 2
	case r >= 9 && r <= 13:
		return 3
	case r >= 14 && r <= 20:
		return 4
	}
	return 0
}

// Penta returns the Phoenix/ConfliBERT class of a code: 0 statement
// (01–02), 1 verbal cooperation (03–05), 2 material cooperation (06–08), 3
// verbal conflict (09–13, 16), 4 material conflict (14, 15, 17–20); -1 when
// the root is not a CAMEO root.
func Penta(code string) int {
	switch r := rootNum(code); {
	case r == 1 || r == 2:
		return 0
	case r >= 3 && r <= 5:
		return 1
	case r == 16:
		return 3
	}
	if q := Quad(code); q > 1 {
		return q
	}
	return -1
}

// Codebook looks up CAMEO codes. It is read-only after loading and safe for
// concurrent use.
type Codebook struct {
	codes map[string]Code
	order []string
}

// DefaultCodebook parses the embedded codebook.
func DefaultCodebook() (*Codebook, error) {
	return ParseCodebook(cameodata.Codes)
}

// ParseCodebook reads the codes.tsv format: "#" comments, then tab-separated
// code, name, Goldstein, PLOVER type, mode, context and provenance.
func ParseCodebook(text string) (*Codebook, error) {
	cb := &Codebook{codes: map[string]Code{}}
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			return nil, fmt.Errorf("codebook line %d: want at least 3 tab-separated fields, got %d", n, len(f))
		}
		for len(f) < 6 {
			f = append(f, "")
		}
		code := f[0]
		if len(code) < 2 || len(code) > 4 || strings.Trim(code, "0123456789") != "" || Quad(code) == 0 {
			return nil, fmt.Errorf("codebook line %d: code %q is not a CAMEO code", n, code)
		}
		g, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return nil, fmt.Errorf("codebook line %d: goldstein %q: %w", n, f[2], err)
		}
		if _, dup := cb.codes[code]; dup {
			return nil, fmt.Errorf("codebook line %d: code %s listed twice", n, code)
		}
		cb.codes[code] = Code{Code: code, Name: f[1], Goldstein: g, PloverType: f[3], PloverMode: f[4], PloverContext: f[5]}
		cb.order = append(cb.order, code)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("codebook: %w", err)
	}
	return cb, nil
}

// Lookup returns the entry for code and whether it exists.
func (cb *Codebook) Lookup(code string) (Code, bool) {
	c, ok := cb.codes[code]
	return c, ok
}

// Codes returns every code in file order.
func (cb *Codebook) Codes() []Code {
	out := make([]Code, len(cb.order))
	for i, k := range cb.order {
		out[i] = cb.codes[k]
	}
	return out
}

// Len returns the number of codes.
func (cb *Codebook) Len() int { return len(cb.order) }

// Nearest returns the entry for code or, when the codebook lacks it (PETRARCH
// dictionaries use a few codes GDELT's list does not have, such as 1213),
// for its nearest ancestor: the three-digit parent, then the root's "X0"
// code. It reports false when none exists.
func (cb *Codebook) Nearest(code string) (Code, bool) {
	if c, ok := cb.codes[code]; ok {
		return c, true
	}
	if len(code) == 4 {
		if c, ok := cb.codes[code[:3]]; ok {
			return c, true
		}
	}
	if len(code) >= 3 {
		if c, ok := cb.codes[code[:2]+"0"]; ok {
			return c, true
		}
	}
	return Code{}, false
}
