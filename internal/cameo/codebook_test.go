package cameo

import "testing"

func TestDefaultCodebook(t *testing.T) {
	cb, err := DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	if cb.Len() < 300 {
		t.Fatalf("codebook has %d codes, want >= 300", cb.Len())
	}
	tests := []struct {
		code       string
		name       string
		goldstein  float64
		quad       int
		penta      int
		ploverType string
		ploverMode string
	}{
		{"010", "Make statement, not specified below", 0, 1, 0, "", ""},
		{"042", "Make a visit", 1.9, 1, 1, "CONSULT", "visit"},
		{"0231", "Appeal for economic aid", 3.4, 1, 0, "REQUEST", "assist"},
		{"163", "Impose embargo, boycott, or sanctions", -8, 4, 3, "COERCE", "restrict"},
		{"190", "Use conventional military force, not specified below", -10, 4, 4, "ASSAULT", ""},
		{"186", "Assassinate", -10, 4, 4, "ASSAULT", "assassinate"},
		{"061", "Cooperate economically", 6.4, 2, 2, "COOPERATE", ""},
	}
	for _, tt := range tests {
		c, ok := cb.Lookup(tt.code)
		if !ok {
			t.Errorf("Lookup(%s): not found", tt.code)
			continue
		}
		if c.Name != tt.name || c.Goldstein != tt.goldstein || c.Quad() != tt.quad || c.Penta() != tt.penta || c.PloverType != tt.ploverType || c.PloverMode != tt.ploverMode {
			t.Errorf("Lookup(%s) = %+v quad %d penta %d, want %+v", tt.code, c, c.Quad(), c.Penta(), tt)
		}
	}
	if _, ok := cb.Lookup("999"); ok {
		t.Error("Lookup(999) found a code")
	}
}

func TestParseCodebookErrors(t *testing.T) {
	for _, in := range []string{"01\tx\n", "99\tx\t1\n", "01\tx\tnan?\n", "01\tx\t1\n01\ty\t2\n"} {
		if _, err := ParseCodebook(in); err == nil {
			t.Errorf("ParseCodebook(%q): no error", in)
		}
	}
}
