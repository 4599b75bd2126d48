package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestFilterBar: every page that counts events shows the one filter bar
// with the URL's filter in its fields and in the list of active filters,
// each with a link to the page without it.
func TestFilterBar(t *testing.T) {
	srv, ids := fixtureServer(t)
	const filter = "?from=2024-01-01&root=11&country=UKR"
	for _, path := range []string{"/", "/events", "/actors/RUS", "/dyads/RUS/UKR", "/map", "/network"} {
		status, body, _ := fetch(t, srv.URL+path+filter)
		if status != http.StatusOK {
			t.Errorf("%s: status %d", path, status)
			continue
		}
		if n := strings.Count(body, `id="filters"`); n != 1 {
			t.Errorf("%s: %d filter forms, want 1", path, n)
		}
		for _, want := range []string{
			`<form class="filters" action="` + path + `" method="get" id="filters">`,
			`name="from" value="2024-01-01"`,
			`<option value="11" selected>Disapprove</option>`,
			`name="country" value="UKR"`,
			`Event type: Disapprove (11) <a href="` + path + `?country=UKR&amp;from=2024-01-01" title="remove this filter"`,
			`From: 2024-01-01 <a href="` + path + `?country=UKR&amp;root=11" title="remove this filter"`,
			`Country: UKR <a href="` + path + `?from=2024-01-01&amp;root=11" title="remove this filter"`,
			`<a class="clear" href="` + path + `">clear all</a>`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("%s%s: no %s", path, filter, want)
			}
		}
		hasActor := strings.Contains(body, `name="actor"`)
		if wantActor := path != "/actors/RUS" && path != "/dyads/RUS/UKR"; hasActor != wantActor {
			t.Errorf("%s: actor field %v, want %v", path, hasActor, wantActor)
		}
	}
	for _, path := range []string{"/search?q=Geneva", "/documents/" + ids[0]} {
		if _, body, _ := fetch(t, srv.URL+path); strings.Contains(body, `id="filters"`) {
			t.Errorf("%s: a filter bar on a page that counts no events", path)
		}
	}
	// A page without a filter says so; the filter changes its numbers.
	_, all, _ := fetch(t, srv.URL+"/map")
	if !strings.Contains(all, "No filter; the latest event is of 2024-03-03.") || !strings.Contains(all, "3 happenings counted") {
		t.Errorf("/map without a filter: no note of it, or not 3 happenings")
	}
	_, some, _ := fetch(t, srv.URL+"/map?from=2024-03-01")
	if !strings.Contains(some, "1 happenings counted") && !strings.Contains(some, "1 happening counted") {
		t.Errorf("/map?from=2024-03-01 does not count 1 happening")
	}
}

// TestFilterBarRemove: following a filter's remove link drops it from the
// URL and the page, and keeps the page's other parameters.
func TestFilterBarRemove(t *testing.T) {
	srv, _ := fixtureServer(t)
	_, body, _ := fetch(t, srv.URL+"/?actor=RUS&status=all&interval=month&cursor=abc")
	if !strings.Contains(body, `<input type="hidden" name="interval" value="month">`) {
		t.Error("the overview's interval is not kept by the form")
	}
	if strings.Contains(body, `name="cursor"`) {
		t.Error("the cursor is sent again by the form")
	}
	i := strings.Index(body, "Actor: RUS")
	if i < 0 {
		t.Fatal("no active actor filter")
	}
	rest := body[i:]
	href := rest[strings.Index(rest, `href="`)+6:]
	href = strings.ReplaceAll(href[:strings.Index(href, `"`)], "&amp;", "&")
	if href != "/?interval=month&status=all" {
		t.Fatalf("remove link %q", href)
	}
	status, after, _ := fetch(t, srv.URL+href)
	if status != http.StatusOK || strings.Contains(after, "Actor: RUS") || !strings.Contains(after, "Status: all") {
		t.Errorf("after removing the actor: status %d, actor still listed or status lost", status)
	}
}

// TestFilterBarPresets: the date presets end on the latest event day in
// the store, not today, and keep the rest of the filter.
func TestFilterBarPresets(t *testing.T) {
	srv, _ := fixtureServer(t)
	_, body, _ := fetch(t, srv.URL+"/events?actor=RUS&from=2024-02-26&to=2024-03-03")
	for _, want := range []string{
		`<a href="/events?actor=RUS&amp;from=2024-02-26&amp;to=2024-03-03" aria-current="true" title="2024-02-26 to 2024-03-03, up to the latest event">Last 7 days</a>`,
		`<a href="/events?actor=RUS&amp;from=2024-02-03&amp;to=2024-03-03" title="2024-02-03 to 2024-03-03, up to the latest event">Last 30 days</a>`,
		`<a href="/events?actor=RUS&amp;from=2023-03-05&amp;to=2024-03-03" title="2023-03-05 to 2024-03-03, up to the latest event">Last 365 days</a>`,
		`<a href="/events?actor=RUS">All dates</a>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("no preset %s", want)
		}
	}
	_, body, _ = fetch(t, srv.URL+"/network")
	if !strings.Contains(body, `<a href="/network" aria-current="true">All dates</a>`) {
		t.Error("/network: All dates is not the current preset")
	}
}

// TestFilterBarEscapes: hostile values in the URL reach the page only
// escaped, in the form, the hidden fields and the active filters.
func TestFilterBarEscapes(t *testing.T) {
	srv, _ := fixtureServer(t)
	const x = `"><script>alert(1)</script>`
	status, body, _ := fetch(t, srv.URL+"/events?outlet="+urlEscape(x)+"&city="+urlEscape(x)+"&zz="+urlEscape(x)+"&"+urlEscape(x)+"=1")
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body[strings.Index(body, "<main>"):])
	}
	if i := strings.Index(body, "<script>alert"); i >= 0 {
		t.Errorf("a hostile value reached the page unescaped: %s", body[max(0, i-200):i+50])
	}
	for _, want := range []string{
		"Outlet: &#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
		`name="outlet" value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"`,
		`<input type="hidden" name="zz" value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">`,
		`<input type="hidden" name="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" value="1">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("no %s", want)
		}
	}
}

func urlEscape(s string) string {
	r := strings.NewReplacer("\"", "%22", "<", "%3C", ">", "%3E", "(", "%28", ")", "%29", "/", "%2F")
	return r.Replace(s)
}

// TestActorSuggest: the suggestions the bar's actor fields offer come
// from the dictionary by name, alias or code, and the bar names actors.
func TestActorSuggest(t *testing.T) {
	srv := namedServer(t)
	status, _, body := get(t, srv, "/api/actors/suggest?q=Turk")
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	var res struct {
		Q      string `json:"q"`
		Actors []struct{ Code, Name, Matched string }
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range res.Actors {
		found = found || a.Code == "TUR" && a.Name == "Turkey"
	}
	if res.Q != "Turk" || !found || len(res.Actors) > 10 {
		t.Errorf("suggest Turk = %+v", res)
	}
	if status, _, body := get(t, srv, "/api/actors/suggest?q=%3Cscript%3E"); status != http.StatusOK || strings.Contains(body, "<script>") {
		t.Errorf("hostile q: status %d, body %s", status, body)
	}
	if status, _, _ := get(t, srv, "/api/actors/suggest?q=tur&limit=0"); status != http.StatusBadRequest {
		t.Errorf("limit=0: status %d", status)
	}
	_, _, page := get(t, srv, "/events?actor=TUR")
	if !strings.Contains(page, "Actor: Turkey (TUR)") || !strings.Contains(page, `list="actor-suggest"`) || !strings.Contains(page, `<datalist id="actor-suggest"></datalist>`) {
		t.Error("/events?actor=TUR: the bar does not name the actor or offer suggestions")
	}
}
