package web_test

import (
	"regexp"
	"strings"
	"testing"
)

func TestNetworkPage(t *testing.T) {
	srv, _ := fixtureServer(t)
	tests := []struct {
		path   string
		status int
		want   []string
		not    []string
	}{
		{"/network?status=all", 200, []string{`aria-current="page">Network`, `<svg xmlns="http://www.w3.org/2000/svg" class="network graph"`,
			`<a href="/dyads/RUS/UKR?status=`, `<a href="/actors/RUS?status=`, `Russia <tspan class="code">RUS</tspan>`, "5 actors and 4 ties drawn, counting happenings"},
			[]string{"NaN"}},
		{"/network?actor=RUS&status=all", 200, []string{`<a href="/dyads/RUS/UKR?status=`, `<a href="/dyads/UKRMIL/RUS?status=`, "Filter: actor=RUS · status=asserted,reported"},
			[]string{"CHNGOV", "/dyads/RUS/UKR?actor"}},
		{"/network?status=all&count=mentions", 200, []string{"counting mentions", `<option value="mentions" selected>`, `/dyads/RUS/UKR?count=mentions&amp;status=`}, nil},
		{"/network?from=2030-01-01", 200, []string{"No ties between two actors match the filter"}, []string{"<svg xmlns"}},
		{"/network?quad=9", 400, []string{"quad"}, nil},
	}
	for _, tt := range tests {
		status, body, _ := fetch(t, srv.URL+tt.path)
		if status != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, status, tt.status)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: no %q", tt.path, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(body, w) {
				t.Errorf("%s: holds %q", tt.path, w)
			}
		}
	}
	// every drawn edge links to its own dyad; none is a self-loop; the drawing is the same each time
	_, a, _ := fetch(t, srv.URL+"/network?status=all")
	_, b, _ := fetch(t, srv.URL+"/network?status=all")
	svgOf := func(s string) string { return s[strings.Index(s, "<svg xmlns"):strings.Index(s, "</svg>")] }
	if svgOf(a) != svgOf(b) {
		t.Error("the same filter drew different networks")
	}
	edges := regexp.MustCompile(`<a href="/dyads/(\w+)/(\w+)\?[^"]*"><path class="gs-?\d"[^>]*><title>[^<]*\((\w+)\) → [^<]*\((\w+)\)`).FindAllStringSubmatch(svgOf(a), -1)
	if len(edges) != 4 {
		t.Fatalf("%d edges link to a dyad, want 4", len(edges))
	}
	for _, e := range edges {
		if e[1] == e[2] || e[1] != e[3] || e[2] != e[4] {
			t.Errorf("edge %s → %s links to /dyads/%s/%s", e[3], e[4], e[1], e[2])
		}
	}
}
