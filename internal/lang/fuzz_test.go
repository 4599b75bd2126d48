package lang

import "testing"

func FuzzDetect(f *testing.F) {
	for _, c := range cases {
		f.Add(c.text)
	}
	f.Add("")
	f.Add("\xff\xfe broken")
	f.Fuzz(func(t *testing.T, s string) {
		r := detect(s)
		if r.Lang == "" || r.Confidence < 0 || r.Confidence > 1 {
			t.Fatalf("detect(%q) = %+v", s, r)
		}
		if r.Lang == Undetermined && r.Confidence != 0 {
			t.Fatalf("und with confidence %v", r.Confidence)
		}
	})
}
