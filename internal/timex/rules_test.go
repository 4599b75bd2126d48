package timex

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// ruleExamples shows each rule of the table at work: the expression expr
// in text is recognised by rule, as Expr.Rule spells it.
var ruleExamples = []struct {
	ref, text, expr, rule string
}{
	// dates.go
	{sat, "The war began in 1998.", "1998", "year"},
	{sat, "Prices rose in the 1990s.", "the 1990s", "decade"},
	{sat, "Prices rose in the '90s.", "the '90s", "decade"},
	{sat, "Art of the 1900s is on show.", "the 1900s", "century"},
	{sat, "in the 20th century", "the 20th century", "ordinal-century"},
	{sat, "Revenue fell in fiscal 1999.", "fiscal 1999", "fiscal-year"},
	{sat, "The parties met in March.", "March", "month"},
	{sat, "It happened on January 15.", "January 15", "month-day"},
	{sat, "It happened on Jan. 15, 2024.", "Jan. 15, 2024", "month-day-year"},
	{sat, "Elected in June 1998.", "June 1998", "month-year"},
	{sat, "Elected in May of 1998.", "May of 1998", "month-of-year"},
	{sat, "Troops left in May last year.", "May last year", "month-rel-year"},
	{sat, "It happened on 15 January.", "15 January", "day-month"},
	{sat, "It happened on 15 Jan. 2024.", "15 Jan. 2024", "day-month-year"},
	{sat, "The trial resumes on the 15th of March.", "the 15th of March", "day-of-month"},
	{sat, "It happened on the fifth of May 2023.", "the fifth of May 2023", "day-of-month"},
	{sat, "Filed 2024-01-15 in court.", "2024-01-15", "iso-date"},
	{sat, "Sales for 2024-01 were flat.", "2024-01", "iso-month"},
	{sat, "Filed 1/15/2024 in court.", "1/15/2024", "numeric-date"},
	{"1999-11-20", "They met on Thanksgiving Day.", "Thanksgiving Day", "holiday"},
	{sat, "Workers marched on May Day.", "May Day", "holiday"},
	{sat, "WASHINGTON, Jan. 5 (AP) -- Talks began.", "Jan. 5", "dateline"},
	{"1999-02-10", "It will be held at the summit on April 24 and 25.", "25", "conjoined-day"},

	// relative.go
	{sat, "Ministers visited Moscow on Wednesday.", "Wednesday", "weekday"},
	{"1998-10-25", "in an editorial on Monday, Oct. 26:", "Monday, Oct. 26", "weekday-date"},
	{"2024-01-24", "He spoke Tuesday morning.", "Tuesday morning", "weekday-pod"},
	{"2024-01-24", "He spoke Tuesday at 9 a.m.", "Tuesday at 9 a.m.", "weekday-clock"},
	{sat, "They met last Wednesday.", "last Wednesday", "rel-weekday"},
	{sat, "They meet next Friday morning.", "next Friday morning", "rel-weekday-pod"},
	{sat, "Leaders met yesterday morning.", "yesterday morning", "deictic"},
	{sat, "Leaders meet tonight.", "tonight", "tonight"},
	{sat, "Shelling resumed last night.", "last night", "last-night"},
	{sat, "Shelling resumed this morning.", "this morning", "this-pod"},
	{"2024-01-29", "He was arrested on Jan. 3 and freed next day.", "next day", "next-day"},
	{"2024-01-29", "He was freed on Jan. 3, a week after his arrest on previous day.", "previous day", "previous-day"},
	{"2024-01-29", "He was arrested on Jan. 3. The next day he was freed.", "The next day", "the-next-day"},
	{"2024-01-29", "He was freed on Jan. 3, after his arrest the previous day.", "the previous day", "the-previous-day"},
	{sat, "He was shot on Oct. 23. Two men came to the house the day after his death.", "the day", "the-day-after"},
	{sat, "He was shot on Oct. 23. Police came the day before his death.", "the day", "the-day-before"},
	{sat, "He was last seen Nov. 3, the day before police issued a warrant.", "the day", "appositive-day"},
	{sat, "They met the day before yesterday.", "the day before yesterday", "day-before-yesterday"},
	{sat, "They meet the day after tomorrow.", "the day after tomorrow", "day-after-tomorrow"},
	{sat, "He was arrested on Jan. 3 and freed that day.", "that day", "that-unit"},
	{sat, "Troops left last May.", "last May", "rel-month"},
	{sat, "Troops left last Oct. 23.", "last Oct. 23", "rel-month-day"},
	{sat, "They met last week.", "last week", "rel-unit"},
	{"2024-05-10", "Profits fell in the latest quarter.", "the latest quarter", "rel-quarter"},
	{sat, "Troops left two days ago.", "two days ago", "ago"},
	{sat, "Troops leave three weeks from now.", "three weeks from now", "from-now"},
	{sat, "He was arrested on Jan. 3. A year earlier he had fled.", "A year earlier", "earlier"},
	{sat, "He was arrested on Jan. 3. Two days later he was freed.", "Two days later", "later"},
	{sat, "It began a few years ago.", "a few years ago", "vague-ago"},
	{sat, "It ends a few years from now.", "a few years from now", "vague-hence"},
	{sat, "It began decades ago.", "decades ago", "units-ago"},
	{sat, "Prices are currently high.", "currently", "present"},
	{sat, "They fear future medical disasters.", "future", "future"},

	// the.go
	{"2024-01-29", "Protests spread over the weekend.", "the weekend", "the-weekend"},
	{sat, "They will meet the next week.", "the next week", "the-rel-unit"},
	{sat, "by the end of the year", "the end of the year", "part-of-unit"},
	{sat, "No one can tell the future.", "the future", "the-future"},
	{sat, "from ancient times to the present day", "the present day", "the-present"},
	{sat, "Those were things of the past.", "the past", "the-past"},
	{sat, "Prices doubled in the past two months.", "past two months", "the-rel-duration"},
	{sat, "Prices will rise in the coming weeks.", "coming weeks", "the-rel-durations"},
	{sat, "Prices doubled in the past week.", "past week", "the-past-unit"},
	{sat, "Tension rose in the weeks before the shooting.", "weeks", "the-units-around"},

	// periods.go
	{"1999-04-10", "He was killed last fall.", "last fall", "season"},
	{sat, "in the spring of 1999", "the spring of 1999", "season-year"},
	{sat, "Growth in the first quarter of 2024 was slow.", "the first quarter of 2024", "quarter"},
	{sat, "Talks in early 2023 stalled.", "early 2023", "mod-year"},
	{sat, "Talks in mid-January stalled.", "mid-January", "mod-month"},

	// clock.go
	{sat, "The vote is at noon Friday.", "noon Friday", "midtime"},
	{sat, "An explosion at 10:30 a.m. killed 12 people.", "10:30 a.m.", "clock"},
	{sat, "The strike began at 1430 GMT.", "1430 GMT", "military-clock"},

	// durations.go
	{sat, "Ministers will meet again in three years.", "three years", "duration"},
	{sat, "They held a five-hour meeting.", "five-hour", "duration-adj"},
	{sat, "They held a day-long meeting.", "day-long", "unit-long"},
	{sat, "They have fought for years.", "years", "for-units"},
	{sat, "The talks lasted at least 72 hours.", "at least 72 hours", "mod-duration"},
	{sat, "Prices rose 5 percent in past 24 hours.", "past 24 hours", "rel-duration"},
	{sat, "Prices will rise over coming weeks.", "coming weeks", "rel-durations"},
	{sat, "Prices rose in recent weeks.", "recent weeks", "recent-units"},
	{sat, "The market is closed on Thursdays.", "Thursdays", "set-weekdays"},
	{sat, "They meet every Monday.", "every Monday", "set-weekday"},
	{sat, "They meet every three months.", "every three months", "set-every"},
	{sat, "They walk every morning.", "every morning", "set-pod"},
	{sat, "They meet every January.", "every January", "set-month"},
	{sat, "The figures are published weekly.", "weekly", "set-adverb"},
	{sat, "They meet twice a week.", "twice a week", "set-freq"},
	{sat, "She gives hundreds of interviews a day.", "a day", "set-per"},
	{sat, "These days prices are high.", "These days", "these-days"},
}

// tableRules reads the rule table from rules.go: the name and value of
// every constant of type rule except noRule.
func tableRules(t *testing.T) map[string]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "rules.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]string{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "rule" {
				t.Errorf("rules.go: constant %s is not of type rule", vs.Names[0].Name)
				continue
			}
			for k, name := range vs.Names {
				lit, ok := vs.Values[k].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					t.Errorf("rules.go: %s is not a string literal", name.Name)
					continue
				}
				v, _ := strconv.Unquote(lit.Value)
				if name.Name != "noRule" {
					rules[name.Name] = v
				}
			}
		}
	}
	return rules
}

// TestRuleTable checks that the table's names are distinct and that every
// rule in it is produced by an example.
func TestRuleTable(t *testing.T) {
	rules := tableRules(t)
	seen := map[string]string{}
	for name, v := range rules {
		if v == "" || strings.Trim(v, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			t.Errorf("%s = %q: a rule's name is lowercase words joined by hyphens", name, v)
		}
		if other, ok := seen[v]; ok {
			t.Errorf("%s and %s are both %q", name, other, v)
		}
		seen[v] = name
	}
	r := New()
	produced := map[string]bool{}
	for _, ex := range ruleExamples {
		var got []Expr
		if ex.rule == string(ruleDateline) {
			if e, ok := r.Dateline(ex.text, day(ex.ref)); ok {
				got = append(got, e)
			}
		} else {
			got = r.Find(ex.text, day(ex.ref))
		}
		found := false
		for _, e := range got {
			if e.Text == ex.expr {
				found = true
				if e.Rule != ex.rule {
					t.Errorf("%q in %q: rule %q, want %q", e.Text, ex.text, e.Rule, ex.rule)
				}
				produced[e.Rule] = true
			}
		}
		if !found {
			t.Errorf("%q: no expression %q among %v", ex.text, ex.expr, summary(got))
		}
	}
	for name, v := range rules {
		ok := produced[v]
		if strings.HasSuffix(v, "-") { // a prefix: some produced rule carries it
			for p := range produced {
				ok = ok || strings.HasPrefix(p, v) && rules[nameOf(rules, strings.TrimPrefix(p, v))] != ""
			}
		}
		if !ok {
			t.Errorf("rule %s (%q) is produced by no example", name, v)
		}
	}
	for p := range produced {
		base := p
		for nameOf(rules, base) == "" && (strings.HasPrefix(base, string(ruleMod)) || strings.HasPrefix(base, string(ruleRel))) {
			base = base[strings.IndexByte(base, '-')+1:]
		}
		if nameOf(rules, base) == "" {
			t.Errorf("rule %q is neither in the table nor a prefix and a rule of the table", p)
		}
	}
}

// nameOf returns the constant whose value is v, or "".
func nameOf(rules map[string]string, v string) string {
	for name, w := range rules {
		if w == v {
			return name
		}
	}
	return ""
}

// TestRuleNamesOnlyInTable type-checks the package and reports any rule
// made outside rules.go: a constant of type rule that is not one of the
// table's, a conversion to rule, an Expr.Rule set from anything but a
// rule, or a rule's hyphenated name spelled in a string.
func TestRuleNamesOnlyInTable(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the package from source")
	}
	rules := tableRules(t)
	hyphenated := map[string]bool{}
	for _, v := range rules {
		if strings.Contains(strings.TrimSuffix(v, "-"), "-") || strings.HasSuffix(v, "-") {
			hyphenated[v] = true
		}
	}
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("github.com/dyad-project/dyad/internal/timex", fset, files, info)
	if err != nil {
		t.Fatal(err)
	}
	ruleType := pkg.Scope().Lookup("rule").Type()
	inTable := func(p token.Pos) bool { return filepath.Base(fset.Position(p).Filename) == "rules.go" }
	for _, f := range files {
		if inTable(f.Pos()) {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if v, err := strconv.Unquote(n.Value); err == nil && n.Kind == token.STRING && hyphenated[v] {
					t.Errorf("%s: %s spells a rule's name outside rules.go", fset.Position(n.Pos()), n.Value)
				}
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && info.Uses[id] != nil && info.Uses[id].Type() == ruleType && len(n.Args) == 1 {
					if _, isType := info.Uses[id].(*types.TypeName); isType {
						t.Errorf("%s: conversion to rule outside rules.go", fset.Position(n.Pos()))
					}
				}
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && id.Name == "Rule" {
					checkRuleSource(t, fset, info, ruleType, n.Value)
				}
			case *ast.AssignStmt:
				for k, lhs := range n.Lhs {
					if sel, ok := lhs.(*ast.SelectorExpr); ok && sel.Sel.Name == "Rule" && len(n.Rhs) == len(n.Lhs) {
						checkRuleSource(t, fset, info, ruleType, n.Rhs[k])
					}
				}
			}
			if e, ok := n.(ast.Expr); ok {
				tv := info.Types[e]
				if tv.Value != nil && types.Identical(tv.Type, ruleType) {
					id, isIdent := ast.Unparen(e).(*ast.Ident)
					if !isIdent || info.Uses[id] == nil || !inTable(info.Uses[id].Pos()) {
						t.Errorf("%s: a rule constant made outside rules.go", fset.Position(e.Pos()))
					}
					return false
				}
			}
			return true
		})
	}
}

// checkRuleSource reports a value given to Expr.Rule that is not a rule
// converted to string or the Rule of another expression.
func checkRuleSource(t *testing.T, fset *token.FileSet, info *types.Info, ruleType types.Type, e ast.Expr) {
	t.Helper()
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if len(e.Args) == 1 && types.Identical(info.Types[e.Args[0]].Type, ruleType) {
			return
		}
	case *ast.SelectorExpr:
		if e.Sel.Name == "Rule" {
			return
		}
	}
	t.Errorf("%s: Expr.Rule is set from something other than a rule", fset.Position(e.Pos()))
}
