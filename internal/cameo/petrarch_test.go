package cameo

import (
	"bytes"
	"strings"
	"testing"
)

const petrSample = `####### SYNONYM SETS #######
&WEAPON
# a comment inside a set
+GUN
+MISSILES
+ASSAULT_RIFLE

####### VERB PATTERNS #######
---  RESTORE   [064]  ---
RESTORE
+BRING_BACK {+BRINGS_BACK +BROUGHT_BACK} [050]
- * {FULL DIPLOMATIC TIES} (WITH +)        [064]   # RESTORE
- * PICTURE                                [---]
- &WEAPON *                                [190]
- NOT * RELATIONS                          [112]
- * (TO)                                   [042:043]
`

func TestImportPetrarchVerbs(t *testing.T) {
	var buf bytes.Buffer
	st, err := ImportPetrarchVerbs(strings.NewReader(petrSample), "sample.txt", &buf)
	if err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{
		"set weapon: gun missile assault_rifle\n",
		"group restore 064\n",
		"verb restore\n",
		"verb bring prt=back 050\n",
		"pattern 064 obj=full_diplomatic_tie pp=with target=with\n",
		"pattern --- obj=picture\n",
		"pattern 190 subj=&weapon\n",
		"pattern 042:043 pp=to\n",
		"pattern 112 pre=not obj=relation\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if len(st.Skipped) != 0 {
		t.Errorf("skipped = %q", st.Skipped)
	}
	if err := NewPatterns().Parse("out", got); err != nil {
		t.Errorf("converted text does not parse: %v", err)
	}
}

// Words before the verb that are not its subject become a pre= constraint,
// with sets expanded; sets inside noun phrases expand into alternatives.
func TestImportPetrarchPreAndSets(t *testing.T) {
	const in = `&TIETYPES
+MILITARY
+ECONOMIC

&NEG
+DID N'T
+WILL NOT

&ACCORDSYN
+&TIETYPES
+CLOSER

--- CLASH  [223] ---
CLASH
- &NEG * OVER EFFORTS      [904]
- INDICATED WOULD *        [1010]
- TANKS *                  [192]
- * NEW_&TIETYPES_RELATIONS [903]
- * &ACCORDSYN             [083]
- + * IN $                 [075]
- + WAS_ * FROM $          [066]
`
	var buf bytes.Buffer
	st, err := ImportPetrarchVerbs(strings.NewReader(in), "pre.txt", &buf)
	if err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{
		"set accordsyn: military economic closer\n",
		"pattern 904 pre=did_n't|will_not prt=over obj=effort\n",
		"pattern 1010 pre=indicated_would\n",
		"pattern 192 subj=tank\n",
		"pattern 903 obj=new_military_relation|new_economic_relation\n",
		"pattern 083 obj=&accordsyn\n",
		"pattern :075 prt=in\n",         // target before the verb, source after: swapped
		"pattern 066 pre=was pp=from\n", // passive: the coder's voice rules swap
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if len(st.Skipped) != 0 {
		t.Errorf("skipped = %q", st.Skipped)
	}
	if err := NewPatterns().Parse("out", got); err != nil {
		t.Errorf("converted text does not parse: %v", err)
	}
}

func TestSingular(t *testing.T) {
	for in, want := range map[string]string{"ties": "tie", "relations": "relation", "crises": "crisis", "talks": "talk", "bus": "bus", "embassies": "embassy", "marches": "march", "class": "class"} {
		if got := singular(in); got != want {
			t.Errorf("singular(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzImportPetrarchVerbs(f *testing.F) {
	f.Add(petrSample)
	f.Add("--- X [010] ---\nX\n- * (TO +) {A B} $ [042:043]\n- FAILED_TO_* [111]\n")
	f.Add("&S\n+A_\n+B C\n\n--- Y [---] ---\n- &S * (IN ^) [190]\n")
	f.Fuzz(func(t *testing.T, in string) {
		var buf bytes.Buffer
		if _, err := ImportPetrarchVerbs(strings.NewReader(in), "fuzz", &buf); err != nil {
			return
		}
		// Whatever the importer writes must parse.
		if err := NewPatterns().Parse("out", buf.String()); err != nil {
			t.Fatalf("converted text does not parse: %v\n%s", err, buf.String())
		}
	})
}

// Prepositions written as bare words after the verb (TABARI style) and sets
// of prepositions become preposition constraints, not parts of the object.
func TestImportPetrarchPrepositions(t *testing.T) {
	const in = `&PREPOSIT1_
+AGAINST
+IN

--- HOST  [040] ---
HOST
- * IFTAR IN ^ +           [045]
- * &PREPOSIT1 RESOLUTION  [102]
- * MEMOS FROM             [911]
- * + ABOUT                [162]
- * FOR_ASYLUM             [174]
- * THEIR ^ ABOUT +        [162]
- * {IN &PREPOSIT1}        [---]
- * (BY/WITH SANCTIONS)    [163]
- * (DURING PROTEST)       [175]
`
	var buf bytes.Buffer
	st, err := ImportPetrarchVerbs(strings.NewReader(in), "preps.txt", &buf)
	if err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{
		"pattern 045 obj=iftar pp=in target=in\n",
		"pattern 102 pp=against|in:resolution\n",
		"pattern 911 obj=memo pp=from\n",
		"pattern 162 target=obj pp=about\n",
		"pattern 174 pp=for:asylum\n",
		"pattern 162 pp=about target=about\n",
		"pattern 163 pp=by|with:sanction\n",
		"pattern 175 pp=during:protest\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if len(st.Skipped) != 0 {
		t.Errorf("skipped = %q", st.Skipped)
	}
	if err := NewPatterns().Parse("out", got); err != nil {
		t.Errorf("converted text does not parse: %v", err)
	}
}
