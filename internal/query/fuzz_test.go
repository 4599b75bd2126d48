package query_test

import (
	"errors"
	"net/url"
	"testing"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/query"
)

func FuzzParseEventFilter(f *testing.F) {
	for _, s := range []string{"", "dyad=RUS,UKR&quad=3", "actor=usa&from=2024-01-01&to=2023-01-01", "status=all&limit=1000", "q=%22unclosed&cursor=zz", "code=04x&root=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		fl, err := query.ParseEventFilter(v)
		if err != nil {
			if !errors.Is(err, query.ErrBadFilter) {
				t.Fatalf("%q: error %v does not wrap ErrBadFilter", raw, err)
			}
			return
		}
		if fl.Limit < 1 || fl.Limit > 1000 || fl.Quad < 0 || fl.Quad > 4 {
			t.Fatalf("%q: out of range %+v", raw, fl)
		}
		for _, s := range []string{fl.Actor, fl.Source, fl.Target, fl.Text, fl.Outlet} {
			if len(s) > query.MaxParam || !utf8.ValidString(s) {
				t.Fatalf("%q: value %q passed unchecked", raw, s)
			}
		}
		// what Values writes, ParseEventFilter reads back the same
		again, err := query.ParseEventFilter(query.Values(fl))
		if err != nil {
			t.Fatalf("%q: Values gave %v which does not parse: %v", raw, query.Values(fl), err)
		}
		if again.Source != fl.Source || again.Target != fl.Target || again.Quad != fl.Quad || again.From != fl.From || len(again.Statuses) != len(fl.Statuses) {
			t.Fatalf("%q: round trip %+v != %+v", raw, again, fl)
		}
	})
}
