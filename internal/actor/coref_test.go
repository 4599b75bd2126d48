package actor_test

import (
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	d := loadAll(t)
	text := "Russian President Vladimir Putin met his Turkish counterpart in Sochi. He said the two countries would cooperate. " +
		"The Kremlin said it would respond. Tobias Ellwood visited Baghdad. Mr Ellwood met the Iraqi Foreign Minister. " +
		"The minister said: \"We will defeat Daesh.\" The group lost ground."
	ms := d.Resolve(text, nil, d.Match(text, nil, day("2016-06-01")))
	type link struct{ text, code, ante string }
	var got []link
	for _, m := range ms {
		if m.Antecedent == nil {
			continue
		}
		got = append(got, link{m.Text, m.Code, text[m.Antecedent.Start:m.Antecedent.End]})
	}
	want := []link{
		{"Turkish counterpart", "TURGOV", "Russian President Vladimir Putin"},
		{"He", "RUSGOV", "Russian President Vladimir Putin"},
		{"the two countries", "TUR", "Turkish counterpart"}, // with Sochi (RUS) the two most recent countries
		{"Kremlin", "RUSGOV", "Sochi"},
		{"it", "RUSGOV", "Kremlin"},
		{"minister", "IRQGOV", "Iraqi Foreign Minister"},
		{"We", "IRQGOV", "Iraqi Foreign Minister"},
		{"The group", "IMGMUSISI", "Daesh"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d links %v, want %d %v", len(got), got, len(want), want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("link %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	for _, m := range ms {
		if m.Text == "his" {
			t.Errorf("possessive pronoun %q kept as a mention", m.Text)
		}
		if m.Antecedent != nil && m.Rule == "" || strings.HasPrefix(m.Rule, "pronoun") && m.Antecedent == nil {
			t.Errorf("mention %q has rule %q and antecedent %v", m.Text, m.Rule, m.Antecedent)
		}
	}
}

func TestDefiniteDescriptions(t *testing.T) {
	d := loadAll(t)
	text := "Russian Defence Minister Sergei Shoigu visited Minsk. The minister said the troops were ready. " +
		"Iraqi officials met Kurdish leaders. The officials said nothing."
	got := map[string]string{}
	for _, m := range d.Resolve(text, nil, d.Match(text, nil, day("2023-01-01"))) {
		ante := ""
		if m.Antecedent != nil {
			ante = text[m.Antecedent.Start:m.Antecedent.End]
		}
		got[m.Text] = m.Code + " <- " + ante
	}
	for text, want := range map[string]string{
		"minister":  "RUSMIL <- Russian Defence Minister Sergei Shoigu", // a minister of another sector is still "the minister"
		"troops":    "MIL <- ",                                          // a body is no person's description
		"officials": "IRQGOV <- Iraqi officials",
	} {
		if got[text] != want {
			t.Errorf("%q = %q, want %q", text, got[text], want)
		}
	}
}

func TestPairsAndIt(t *testing.T) {
	d := loadAll(t)
	text := "Sergei Shoigu met Iranian officials in Tehran. The two sides discussed Syria. Hamas said it fired rockets. It is likely to go on."
	got := map[string]string{}
	for _, m := range d.Resolve(text, nil, d.Match(text, nil, day("2023-01-01"))) {
		got[m.Text] = m.Code + "/" + m.Rule
		if m.Text == "sides" && m.Pair != "IRN" {
			t.Errorf("sides pairs with %q, want IRN", m.Pair)
		}
	}
	if g := got["sides"]; !strings.HasPrefix(g, "RUS/the two countries -> RUS and IRN") {
		t.Errorf("sides = %q", g)
	}
	if g := got["it"]; !strings.HasPrefix(g, "PSEREBHMS/pronoun it") {
		t.Errorf("it = %q", g)
	}
	if _, ok := got["It"]; ok {
		t.Errorf("expletive It resolved: %q", got["It"])
	}
}
