// Package storetest is the conformance suite every store.Store backend
// passes. A backend's test calls Run with a function that opens a fresh,
// empty store:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) store.Store { ... })
//	}
package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// Opener returns a new empty store for one subtest. The suite closes it.
type Opener func(t *testing.T) store.Store

// Run runs every conformance test against stores made by open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"Unchanged", testUnchanged},
		{"Versions", testVersions},
		{"BatchIsAtomic", testBatchIsAtomic},
		{"NotFound", testNotFound},
		{"ListOrderAndCursor", testListOrderAndCursor},
		{"Filters", testFilters},
		{"FullText", testFullText},
		{"ReadingDiagnostics", testReadingDiagnostics},
		{"Analyses", testAnalyses},
		{"AnalysisWithPut", testAnalysisWithPut},
		{"Events", testEvents},
		{"Why", testWhy},
		{"Happenings", testHappenings},
		{"EventFilters", testEventFilters},
		{"EventPages", testEventPages},
		{"Stats", testStats},
		{"Concurrent", testConcurrent},
		{"NULDocuments", testNULDocuments},
		{"PartialFetch", testPartialFetch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tc.fn(t, s)
		})
	}
}

var ctx = context.Background()

// ignoreStoreSet leaves out the fields the store sets itself.
var ignoreStoreSet = cmpopts.IgnoreFields(doc.Document{}, "Ingested")

func mustPut(t *testing.T, s store.Store, docs ...doc.Document) []store.PutResult {
	t.Helper()
	res, err := s.PutDocuments(ctx, docs)
	if err != nil {
		t.Fatalf("PutDocuments: %v", err)
	}
	if len(res) != len(docs) {
		t.Fatalf("PutDocuments returned %d results for %d documents", len(res), len(docs))
	}
	return res
}

func mustGet(t *testing.T, s store.Store, id string) *doc.Document {
	t.Helper()
	d, err := s.Document(ctx, id)
	if err != nil {
		t.Fatalf("Document(%s): %v", id, err)
	}
	return d
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

func article(n int) doc.Document {
	return doc.Document{
		URL:       fmt.Sprintf("https://news.example/a/%d", n),
		Title:     fmt.Sprintf("Article %d", n),
		Outlet:    "Example News",
		Published: date(2024, 1, 1).AddDate(0, 0, n),
		Lang:      "en",
		Text:      fmt.Sprintf("Article number %d reports that ministers met on a Tuesday.", n),
		Origin:    fmt.Sprintf("articles.jsonl:%d", n),
		Format:    "jsonl",
	}
}

func testRoundTrip(t *testing.T, s store.Store) {
	kabul := time.FixedZone("+0430", 4*3600+1800)
	in := doc.Document{
		ID:        "ignored: the store derives it",
		URL:       "https://news.example/2024/01/24/talks",
		Title:     "Talks in Geneva — day two",
		Outlet:    "Example Wire",
		Author:    "A. Reporter",
		Published: time.Date(2024, 1, 24, 9, 30, 15, 123456789, kabul),
		Lang:      "en",
		Text:      "GENEVA — Delegations met on Wednesday.\n\nTalks resume \"next week\", officials said. Ünïcödé ✓",
		Meta:      map[string]string{"section": "world", "tags": "diplomacy,un"},
		Origin:    "feed.xml:3",
		Format:    "rss",
	}
	before := time.Now().Add(-time.Minute)
	res := mustPut(t, s, in)
	want := store.PutResult{ID: doc.ContentID(in.Text), Outcome: store.Ingested}
	if res[0] != want {
		t.Fatalf("PutDocuments = %+v, want %+v", res[0], want)
	}
	got := mustGet(t, s, want.ID)
	wantDoc := in
	wantDoc.ID = want.ID
	wantDoc.Version = 1
	if diff := cmp.Diff(wantDoc, *got, ignoreStoreSet, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Document mismatch (-want +got):\n%s", diff)
	}
	if !got.Published.Equal(in.Published) {
		t.Errorf("Published = %v, want %v", got.Published, in.Published)
	}
	if _, off := got.Published.Zone(); off != 4*3600+1800 {
		t.Errorf("Published offset = %ds, want the source's +04:30", off)
	}
	if got.Ingested.Before(before) || got.Ingested.After(time.Now().Add(time.Minute)) {
		t.Errorf("Ingested = %v, want about now", got.Ingested)
	}
	info, err := s.DocumentInfo(ctx, want.ID)
	if err != nil {
		t.Fatalf("DocumentInfo: %v", err)
	}
	if info.Status != store.Pending || info.SupersededBy != "" || len(info.Diagnostics) != 0 {
		t.Errorf("DocumentInfo = %+v, want pending, current, no diagnostics", info)
	}
	// A document without metadata or date comes back without them.
	bare := doc.Document{Text: "Just text."}
	id := mustPut(t, s, bare)[0].ID
	gotBare := mustGet(t, s, id)
	if !gotBare.Published.IsZero() || gotBare.Meta != nil || gotBare.URL != "" || gotBare.Version != 1 {
		t.Errorf("bare document = %+v", gotBare)
	}
}

func testUnchanged(t *testing.T, s store.Store) {
	a := article(1)
	first := mustPut(t, s, a)[0]
	// The same text with a different layout and other metadata is the same content.
	again := a
	again.Text = "  " + strings.ReplaceAll(a.Text, " ", "\n\t ") + "\n"
	again.Title = "Another title"
	again.URL = "https://mirror.example/1"
	res := mustPut(t, s, a, again)
	for i, r := range res {
		if r != (store.PutResult{ID: first.ID, Outcome: store.Unchanged}) {
			t.Errorf("result %d = %+v, want unchanged %s", i, r, first.ID)
		}
	}
	if got := mustGet(t, s, first.ID); got.Title != a.Title {
		t.Errorf("Title = %q: an unchanged put must not overwrite (want %q)", got.Title, a.Title)
	}
	docs, err := s.Documents(ctx, store.DocFilter{AllVersions: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Errorf("stored %d documents, want 1", len(docs))
	}
}

func testVersions(t *testing.T, s store.Store) {
	v1 := article(1)
	v2 := v1
	v2.Text = v1.Text + " Updated with a correction."
	v3 := v1
	v3.Text = v1.Text + " Updated twice."
	r1 := mustPut(t, s, v1)[0]
	// v2 and v3 in one batch: v3 supersedes v2 that the batch just stored.
	res := mustPut(t, s, v2, v3)
	if res[0].Outcome != store.Superseded || res[1].Outcome != store.Superseded {
		t.Fatalf("outcomes = %+v, want superseded twice", res)
	}
	g2, g3 := mustGet(t, s, res[0].ID), mustGet(t, s, res[1].ID)
	if g2.Version != 2 || g2.Supersedes != r1.ID {
		t.Errorf("v2: version %d supersedes %q, want 2 and %q", g2.Version, g2.Supersedes, r1.ID)
	}
	if g3.Version != 3 || g3.Supersedes != g2.ID {
		t.Errorf("v3: version %d supersedes %q, want 3 and %q", g3.Version, g3.Supersedes, g2.ID)
	}
	for _, c := range []struct{ id, next string }{{r1.ID, g2.ID}, {g2.ID, g3.ID}, {g3.ID, ""}} {
		info, err := s.DocumentInfo(ctx, c.id)
		if err != nil {
			t.Fatal(err)
		}
		if info.SupersededBy != c.next {
			t.Errorf("%s superseded by %q, want %q", c.id, info.SupersededBy, c.next)
		}
	}
	// The old versions are kept but listed only on request.
	if g1 := mustGet(t, s, r1.ID); g1.Text != v1.Text || g1.Version != 1 {
		t.Errorf("v1 = %+v, want kept", g1)
	}
	current, err := s.Documents(ctx, store.DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(current) != 1 || current[0].ID != g3.ID {
		t.Errorf("current documents = %v, want only v3", ids(current))
	}
	// By URL: the current version, or every version on request.
	if byURL, err := s.Documents(ctx, store.DocFilter{URL: v1.URL}); err != nil || len(byURL) != 1 || byURL[0].ID != g3.ID {
		t.Errorf("documents at %s = %v (%v), want only v3", v1.URL, ids(byURL), err)
	}
	if byURL, err := s.Documents(ctx, store.DocFilter{URL: v1.URL, AllVersions: true}); err != nil || len(byURL) != 3 {
		t.Errorf("every version at %s = %v (%v), want 3", v1.URL, ids(byURL), err)
	}
	if none, err := s.Documents(ctx, store.DocFilter{URL: v1.URL + "/other"}); err != nil || len(none) != 0 {
		t.Errorf("documents at another URL = %v (%v)", ids(none), err)
	}
	all, err := s.Documents(ctx, store.DocFilter{AllVersions: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 {
		t.Errorf("all versions = %v, want 3", ids(all))
	}
	// Re-sending an old version is unchanged, not a new version.
	if r := mustPut(t, s, v1)[0]; r.Outcome != store.Unchanged || r.ID != r1.ID {
		t.Errorf("old version again = %+v, want unchanged %s", r, r1.ID)
	}
	// Documents without a URL never supersede each other.
	a, b := doc.Document{Text: "First text without URL."}, doc.Document{Text: "Second text without URL."}
	for _, r := range mustPut(t, s, a, b) {
		if r.Outcome != store.Ingested {
			t.Errorf("no-URL document: %+v, want ingested", r)
		}
	}
}

func ids(ds []doc.Document) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.ID
	}
	return out
}

func testBatchIsAtomic(t *testing.T, s store.Store) {
	good := article(1)
	bad := article(2)
	bad.Text = " \n\t "
	if _, err := s.PutDocuments(ctx, []doc.Document{good, bad}); err == nil {
		t.Fatal("PutDocuments with an empty text: no error")
	}
	if _, err := s.Document(ctx, doc.ContentID(good.Text)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("after a failed batch, its good document: err = %v, want ErrNotFound", err)
	}
	// An analysis of an unknown document fails the whole Put.
	items := []store.Item{
		{Doc: good},
		{Doc: article(3), Analysis: &store.Analysis{Events: []event.Event{{ID: "e1", DocID: "someone-else", Code: "010", Status: event.Asserted}}}},
	}
	if _, err := s.Put(ctx, items); err == nil {
		t.Fatal("Put with an event of another document: no error")
	}
	if _, err := s.Document(ctx, doc.ContentID(good.Text)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("after a failed Put, its good document: err = %v, want ErrNotFound", err)
	}
	if res, err := s.PutDocuments(ctx, nil); err != nil || len(res) != 0 {
		t.Errorf("PutDocuments(nil) = %v, %v", res, err)
	}
}

func testNotFound(t *testing.T, s store.Store) {
	missing := doc.ContentID("never stored")
	if _, err := s.Document(ctx, missing); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Document: err = %v, want ErrNotFound", err)
	}
	if _, err := s.DocumentInfo(ctx, missing); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DocumentInfo: err = %v, want ErrNotFound", err)
	}
	if _, err := s.Analysis(ctx, missing); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Analysis: err = %v, want ErrNotFound", err)
	}
	err := s.PutAnalyses(ctx, []store.Analysis{{DocID: missing}})
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("PutAnalyses of an unknown document: err = %v, want ErrNotFound", err)
	}
	// A stored document without analysis has none to return.
	id := mustPut(t, s, article(1))[0].ID
	if _, err := s.Analysis(ctx, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Analysis of a pending document: err = %v, want ErrNotFound", err)
	}
}

func testListOrderAndCursor(t *testing.T, s store.Store) {
	var docs []doc.Document
	for i := range 25 {
		d := article(i)
		if i%5 == 0 {
			d.Published = date(2024, 3, 1) // ties broken by ID
		}
		if i == 7 || i == 8 {
			d.Published = time.Time{} // unknown dates list last
		}
		docs = append(docs, d)
	}
	mustPut(t, s, docs...)
	var got []doc.Document
	after := ""
	for page := 0; ; page++ {
		if page > 10 {
			t.Fatal("cursor does not advance")
		}
		ds, err := s.Documents(ctx, store.DocFilter{Limit: 4, After: after})
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) == 0 {
			break
		}
		if len(ds) > 4 {
			t.Fatalf("page of %d, want at most 4", len(ds))
		}
		got = append(got, ds...)
		after = ds[len(ds)-1].ID
	}
	if len(got) != len(docs) {
		t.Fatalf("paged through %d documents, want %d", len(got), len(docs))
	}
	seen := map[string]bool{}
	for i, d := range got {
		if seen[d.ID] {
			t.Errorf("document %s listed twice", d.ID)
		}
		seen[d.ID] = true
		if i == 0 {
			continue
		}
		p := got[i-1]
		switch {
		case p.Published.IsZero() && !d.Published.IsZero():
			t.Errorf("position %d: dated document after an undated one", i)
		case p.Published.Equal(d.Published) && p.ID >= d.ID:
			t.Errorf("position %d: same date, IDs %s then %s, want ascending", i, p.ID, d.ID)
		case !d.Published.IsZero() && p.Published.Before(d.Published):
			t.Errorf("position %d: %v after %v, want newest first", i, d.Published, p.Published)
		}
	}
	if _, err := s.Documents(ctx, store.DocFilter{After: doc.ContentID("no such")}); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("cursor naming no document: err = %v, want ErrBadQuery", err)
	}
	// The default limit is positive; an oversized one is capped.
	if ds, err := s.Documents(ctx, store.DocFilter{Limit: store.MaxLimit * 10}); err != nil || len(ds) != len(docs) {
		t.Errorf("huge limit: %d documents, %v", len(ds), err)
	}
}

func testFilters(t *testing.T, s store.Store) {
	mk := func(text, outlet, lang string, pub time.Time) doc.Document {
		return doc.Document{Text: text, Outlet: outlet, Lang: lang, Published: pub}
	}
	mustPut(t, s,
		mk("Alpha report from January.", "Wire A", "en", date(2024, 1, 10)),
		mk("Beta report from February.", "Wire B", "en", date(2024, 2, 10)),
		mk("Rapport gamma de mars.", "Wire A", "fr", date(2024, 3, 10)),
		mk("Delta report without date.", "Wire B", "en", time.Time{}),
	)
	titles := func(f store.DocFilter) []string {
		t.Helper()
		ds, err := s.Documents(ctx, f)
		if err != nil {
			t.Fatalf("Documents(%+v): %v", f, err)
		}
		var out []string
		for _, d := range ds {
			out = append(out, strings.Fields(d.Text)[0])
		}
		return out
	}
	tests := []struct {
		name string
		f    store.DocFilter
		want []string
	}{
		{"all", store.DocFilter{}, []string{"Rapport", "Beta", "Alpha", "Delta"}},
		{"outlet", store.DocFilter{Outlet: "Wire A"}, []string{"Rapport", "Alpha"}},
		{"lang", store.DocFilter{Lang: "fr"}, []string{"Rapport"}},
		{"from", store.DocFilter{From: date(2024, 2, 10)}, []string{"Rapport", "Beta"}},
		{"to is exclusive", store.DocFilter{To: date(2024, 2, 10)}, []string{"Alpha"}},
		{"range", store.DocFilter{From: date(2024, 1, 1), To: date(2024, 3, 1)}, []string{"Beta", "Alpha"}},
		{"outlet and lang", store.DocFilter{Outlet: "Wire B", Lang: "en"}, []string{"Beta", "Delta"}},
		{"nothing", store.DocFilter{Outlet: "Nobody"}, nil},
		{"limit", store.DocFilter{Limit: 2}, []string{"Rapport", "Beta"}},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, titles(tc.f)); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tc.name, diff)
		}
	}
}

func testFullText(t *testing.T, s store.Store) {
	texts := []string{
		"The U.S. imposed sanctions on Iran's oil exports on Monday.",
		"Russia vetoed the Security Council resolution on Syria.",
		"China and Russia held a joint naval exercise.",
		"Aid convoys reached Gaza after weeks of delay.",
	}
	var docs []doc.Document
	for _, x := range texts {
		docs = append(docs, doc.Document{Text: x, Title: "Wire story"})
	}
	docs[3].Title = "Humanitarian update"
	mustPut(t, s, docs...)
	tests := []struct {
		q    string
		want []int
	}{
		{"sanctions", []int{0}},
		{"sanction", []int{0}}, // stemmed
		{"SANCTIONS iran", []int{0}},
		{"russia", []int{1, 2}},
		{"russia -china", []int{1}},
		{"veto*", []int{1}},
		{`"security council"`, []int{1}},
		{`"council security"`, nil},
		{"gaza OR syria", []int{1, 3}},
		{"russia naval OR vetoed", []int{1, 2}},
		{"humanitarian", []int{3}}, // title is searched too
		{"U.S.", []int{0}},
		{`iran's`, []int{0}},
		{`"unbalanced quote`, nil},
		{"nothing-matches-this", nil},
	}
	for _, tc := range tests {
		ds, err := s.Documents(ctx, store.DocFilter{Query: tc.q})
		if err != nil {
			t.Errorf("Query %q: %v", tc.q, err)
			continue
		}
		var want []string
		for _, i := range tc.want {
			want = append(want, doc.ContentID(texts[i]))
		}
		if diff := cmp.Diff(want, ids(ds), cmpopts.SortSlices(func(a, b string) bool { return a < b }), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Query %q: (-want +got)\n%s", tc.q, diff)
		}
	}
	for _, q := range []string{"-russia", "...", `"" OR`, "*"} {
		if _, err := s.Documents(ctx, store.DocFilter{Query: q}); !errors.Is(err, store.ErrBadQuery) {
			t.Errorf("Query %q: err = %v, want ErrBadQuery", q, err)
		}
	}
	// A superseded version drops out of search with the listing.
	v2 := doc.Document{URL: "https://x.example/1", Text: "Russia recalled its ambassador."}
	v3 := doc.Document{URL: "https://x.example/1", Text: "Russia recalled its ambassador on Friday."}
	mustPut(t, s, v2)
	mustPut(t, s, v3)
	ds, err := s.Documents(ctx, store.DocFilter{Query: "ambassador"})
	if err != nil || len(ds) != 1 || ds[0].ID != doc.ContentID(v3.Text) {
		t.Errorf("search after a new version = %v, %v; want only the new version", ids(ds), err)
	}
	if n, err := s.CountDocuments(ctx, store.DocFilter{Query: "ambassador"}); err != nil || n != 1 {
		t.Errorf("CountDocuments(ambassador) = %d, %v; want 1", n, err)
	}
	if _, err := s.CountDocuments(ctx, store.DocFilter{Query: "!!!"}); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("CountDocuments of a bad query: err = %v, want ErrBadQuery", err)
	}
}

func testReadingDiagnostics(t *testing.T, s store.Store) {
	ds := []doc.Diagnostic{
		{Stage: "source", Severity: doc.Warning, Message: "declared charset windows-1252, converted"},
		{Stage: "extract", Severity: doc.Info, Span: &doc.Span{Start: 0, End: 4}, Message: "title taken from <h1>"},
	}
	res, err := s.Put(ctx, []store.Item{{Doc: article(1), Diagnostics: ds}})
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.DocumentInfo(ctx, res[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ds, info.Diagnostics); diff != "" {
		t.Errorf("reading diagnostics (-want +got):\n%s", diff)
	}
	// An analysis does not replace them.
	if err := s.PutAnalyses(ctx, []store.Analysis{{DocID: res[0].ID, Diagnostics: []doc.Diagnostic{{Stage: "event", Severity: doc.Info, Message: "no verb"}}}}); err != nil {
		t.Fatal(err)
	}
	info, err = s.DocumentInfo(ctx, res[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ds, info.Diagnostics); diff != "" {
		t.Errorf("reading diagnostics after an analysis (-want +got):\n%s", diff)
	}
}

func sampleEvent(docID string, n int, code string, src, tgt string, day string, st event.Status) event.Event {
	lat, lon := 46.2, 6.15
	id := fmt.Sprintf("%s-e%d", docID[:8], n)
	return event.Event{
		ID:    id,
		DocID: docID,
		Source: event.Actor{Code: src, Name: src + " name", Text: "the " + src, Span: &doc.Span{Start: 0, End: 3}, Country: src[:3], Sector: "GOV",
			Inferred: "sentence: Kyiv"},
		Target: event.Actor{Code: tgt, Name: tgt + " name", Text: tgt, Span: &doc.Span{Start: 10, End: 13}, Country: tgt[:3]},
		Code:   code, Root: code[:2], Name: "CAMEO " + code, Goldstein: -2.5, Quad: 3,
		PloverType: "ACCUSE", PloverMode: "allegation",
		Status: st, Cue: &doc.Span{Start: 4, End: 7}, CueText: "did not",
		Attributed: &event.Actor{Code: "UNO", Name: "United Nations", Text: "the UN", Inferred: "document: CHE"},
		Date:       day, DateValue: day, Precision: "day", DateSpan: &doc.Span{Start: 20, End: 28},
		Location: "Geneva", Lat: &lat, Lon: &lon, LocationCountry: "CHE", Admin1: "Geneva", GeoPrecision: "city",
		LocationSpan: &doc.Span{Start: 30, End: 36},
		Happening:    id, // each its own unless a test links it with others
		Confidence:   0.75, Trigger: doc.Span{Start: 4, End: 9}, TriggerText: "accused",
		Sentence: doc.Span{Start: 0, End: 40}, Rule: "accuse/nsubj-dobj",
		Why: &event.Why{
			Score:    0.8125,
			Features: []event.Weight{{Feature: "lemma=accuse", Weight: 2.5}, {Feature: "dobj=<b>&\"Ukraine\"</b>", Weight: -0.375}},
			Code:     []event.Weight{{Feature: "prep=of", Weight: 1.25}},
			Patterns: []string{"accuse/nsubj-dobj"},
			Source:   "nsubj of the trigger, score 0.9",
			Target:   "dobj of the trigger",
			Status:   "cue \"did not\": negated",
			Date:     "publication date",
		},
	}
}

func testAnalyses(t *testing.T, s store.Store) {
	d := article(1)
	id := mustPut(t, s, d)[0].ID
	a := store.Analysis{
		DocID: id,
		Annotations: []doc.Annotation{
			{Kind: "sentence", Span: doc.Span{Start: 0, End: 20}},
			{Kind: "actor", Span: doc.Span{Start: 0, End: 7}, Label: "RUSGOV", Note: "source"},
			{Kind: "actor", Span: doc.Span{Start: 30, End: 32}, Label: "RUSGOV", Note: "coreferent", Ref: &doc.Span{Start: 0, End: 7}},
		},
		Events:      []event.Event{sampleEvent(id, 1, "112", "RUSGOV", "UKRGOV", "2024-01-02", event.Asserted)},
		Diagnostics: []doc.Diagnostic{{Stage: "event", Severity: doc.Info, Span: &doc.Span{Start: 21, End: 40}, Message: "sentence coded to nothing: no verb pattern"}},
	}
	if err := s.PutAnalyses(ctx, []store.Analysis{a}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Analysis(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := a
	want.Events = append([]event.Event(nil), a.Events...)
	want.Events[0].Outlet, want.Events[0].URL = d.Outlet, d.URL
	if diff := cmp.Diff(&want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Analysis (-want +got):\n%s", diff)
	}
	if info, _ := s.DocumentInfo(ctx, id); info.Status != store.Coded {
		t.Errorf("status = %q, want coded", info.Status)
	}
	// Storing again replaces everything: here, a skipped analysis.
	skip := store.Analysis{DocID: id, Skipped: "language: fr"}
	if err := s.PutAnalyses(ctx, []store.Analysis{skip}); err != nil {
		t.Fatal(err)
	}
	got, err = s.Analysis(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&skip, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("replaced Analysis (-want +got):\n%s", diff)
	}
	info, _ := s.DocumentInfo(ctx, id)
	if info.Status != store.Skipped || info.Skipped != "language: fr" {
		t.Errorf("info = %+v, want skipped for language: fr", info)
	}
	page, err := s.Events(ctx, store.EventFilter{})
	if err != nil || len(page.Events) != 0 {
		t.Errorf("events after replacement = %d, %v; want none", len(page.Events), err)
	}
	// Events without DocID take the analysis's; without ID they are refused.
	e := sampleEvent(id, 2, "042", "USAGOV", "CHNGOV", "2024-01-03", event.Asserted)
	e.DocID = ""
	if err := s.PutAnalyses(ctx, []store.Analysis{{DocID: id, Events: []event.Event{e}}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Analysis(ctx, id); len(got.Events) != 1 || got.Events[0].DocID != id {
		t.Errorf("event without DocID: %+v", got)
	}
	e.ID = ""
	if err := s.PutAnalyses(ctx, []store.Analysis{{DocID: id, Events: []event.Event{e}}}); err == nil {
		t.Error("event without ID: no error")
	}
}

func testAnalysisWithPut(t *testing.T, s store.Store) {
	d := article(1)
	id := doc.ContentID(d.Text)
	first := &store.Analysis{Skipped: "language: de"}
	if _, err := s.Put(ctx, []store.Item{{Doc: d, Analysis: first}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Analysis(ctx, id)
	if err != nil || got.Skipped != "language: de" || got.DocID != id {
		t.Fatalf("Analysis = %+v, %v; want skipped for language: de", got, err)
	}
	// The same document again with another analysis: the stored one stands.
	res, err := s.Put(ctx, []store.Item{{Doc: d, Analysis: &store.Analysis{}}})
	if err != nil || res[0].Outcome != store.Unchanged {
		t.Fatalf("Put again = %+v, %v", res, err)
	}
	if got, _ := s.Analysis(ctx, id); got.Skipped != "language: de" {
		t.Errorf("analysis of an unchanged coded document was replaced: %+v", got)
	}
	// A document stored pending (say, before a crash) gets its analysis later.
	p := article(2)
	pid := mustPut(t, s, p)[0].ID
	if _, err := s.Put(ctx, []store.Item{{Doc: p, Analysis: &store.Analysis{Skipped: "language: es"}}}); err != nil {
		t.Fatal(err)
	}
	if info, _ := s.DocumentInfo(ctx, pid); info.Status != store.Skipped {
		t.Errorf("pending document given an analysis: status %q, want skipped", info.Status)
	}
}

func testEvents(t *testing.T, s store.Store) {
	d := article(1)
	id := mustPut(t, s, d)[0].ID
	e := sampleEvent(id, 1, "112", "RUSGOV", "UKRGOV", "2024-01-02", event.Reported)
	bare := event.Event{ID: id[:8] + "-bare", DocID: id, Code: "010", Status: event.Asserted, Date: "2024-01-01"}
	bare.Happening = bare.ID
	if err := s.PutAnalyses(ctx, []store.Analysis{{DocID: id, Events: []event.Event{e, bare}}}); err != nil {
		t.Fatal(err)
	}
	page, err := s.Events(ctx, store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	e.Outlet, e.URL = d.Outlet, d.URL
	bare.Outlet, bare.URL = d.Outlet, d.URL
	if diff := cmp.Diff([]event.Event{bare, e}, page.Events); diff != "" {
		t.Errorf("Events (-want +got):\n%s", diff)
	}
	if page.Next != "" {
		t.Errorf("Next = %q on the only page", page.Next)
	}
}

// testWhy: an event's explanation and how its actors' countries were
// inferred come back as stored; an explanation too long to keep is bounded
// (store.WhyJSON) by dropping its weakest features, and an event without
// one has none.
func testWhy(t *testing.T, s store.Store) {
	d := article(1)
	id := mustPut(t, s, d)[0].ID
	e := sampleEvent(id, 1, "112", "RUSGOV", "UKRGOV", "2024-01-02", event.Asserted)
	e.Target.Inferred = "sentence: \"Lagos\" <i>"
	big := sampleEvent(id, 2, "112", "RUSGOV", "UKRGOV", "2024-01-03", event.Asserted)
	big.Why = &event.Why{Score: 0.5, Status: "no cue: asserted", Date: "timex: Monday"}
	for i := range 2000 {
		big.Why.Features = append(big.Why.Features, event.Weight{Feature: fmt.Sprintf("word=%04d<script>", i), Weight: float64(2000-i) / 100})
	}
	bare := sampleEvent(id, 3, "042", "USAGOV", "CHNGOV", "2024-01-04", event.Asserted)
	bare.Why, bare.Source.Inferred, bare.Attributed = nil, "", nil
	if err := s.PutAnalyses(ctx, []store.Analysis{{DocID: id, Events: []event.Event{e, big, bare}}}); err != nil {
		t.Fatal(err)
	}
	a, err := s.Analysis(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	page, err := s.Events(ctx, store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Events) != 3 || len(page.Events) != 3 {
		t.Fatalf("%d events in the analysis, %d in the list; want 3", len(a.Events), len(page.Events))
	}
	e.Outlet, e.URL = d.Outlet, d.URL
	bare.Outlet, bare.URL = d.Outlet, d.URL
	for _, got := range [][]event.Event{a.Events, page.Events} {
		if diff := cmp.Diff(e, got[0]); diff != "" {
			t.Errorf("event with a why (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(bare, got[2]); diff != "" {
			t.Errorf("event without a why (-want +got):\n%s", diff)
		}
		w := got[1].Why
		if w == nil {
			t.Fatal("the long why was lost")
		}
		n := len(w.Features)
		if n == 0 || n >= len(big.Why.Features) {
			t.Errorf("long why kept %d of %d features; want some dropped", n, len(big.Why.Features))
		}
		want := *big.Why
		want.Features = big.Why.Features[:n]
		if diff := cmp.Diff(&want, w); diff != "" {
			t.Errorf("long why: not its strongest features (-want +got):\n%s", diff)
		}
		if b, _ := store.WhyJSON(w); len(b) > store.MaxWhy {
			t.Errorf("long why stored in %d bytes, more than %d", len(b), store.MaxWhy)
		}
	}
}

// eventFixture stores three documents with events of every status.
func eventFixture(t *testing.T, s store.Store) (ids []string) {
	t.Helper()
	d1 := doc.Document{Text: "Russia accused Ukraine of shelling.", Outlet: "Wire A", URL: "https://a.example/1"}
	d2 := doc.Document{Text: "The United States and China held talks in Geneva.", Outlet: "Wire B"}
	d3 := doc.Document{Text: "Iran denied it had attacked the tanker.", Outlet: "Wire A"}
	res := mustPut(t, s, d1, d2, d3)
	for _, r := range res {
		ids = append(ids, r.ID)
	}
	as := []store.Analysis{
		{DocID: ids[0], Events: []event.Event{
			sampleEvent(ids[0], 1, "112", "RUSGOV", "UKRGOV", "2024-01-02", event.Asserted),
			sampleEvent(ids[0], 2, "190", "RUSMIL", "UKR", "2024-01-05", event.Reported),
			sampleEvent(ids[0], 3, "190", "RUSMIL", "UKR", "2024-01-06", event.Negated),
		}},
		{DocID: ids[1], Events: []event.Event{
			sampleEvent(ids[1], 1, "040", "USAGOV", "CHNGOV", "2024-02-01", event.Asserted),
			sampleEvent(ids[1], 2, "036", "CHNGOV", "USAGOV", "2024-02-10", event.Future),
		}},
		{DocID: ids[2], Events: []event.Event{
			sampleEvent(ids[2], 1, "190", "IRNMIL", "USA", "2024-03-01", event.Denied),
			sampleEvent(ids[2], 2, "173", "IRNGOV", "GBR", "2024-03-02", event.Hypothetical),
		}},
	}
	as[1].Events[0].Quad = 1
	as[1].Events[0].PloverType = "CONSULT"
	if err := s.PutAnalyses(ctx, as); err != nil {
		t.Fatal(err)
	}
	return ids
}

func testEventFilters(t *testing.T, s store.Store) {
	ids := eventFixture(t, s)
	tests := []struct {
		name string
		f    store.EventFilter
		want []string // event IDs in order
	}{
		{"default counts asserted and reported", store.EventFilter{}, []string{ids[0][:8] + "-e1", ids[0][:8] + "-e2", ids[1][:8] + "-e1"}},
		{"statuses", store.EventFilter{Statuses: []event.Status{event.Negated, event.Denied}}, []string{ids[0][:8] + "-e3", ids[2][:8] + "-e1"}},
		{"actor prefix either side", store.EventFilter{Actor: "USA", Statuses: allStatuses}, []string{ids[1][:8] + "-e1", ids[1][:8] + "-e2", ids[2][:8] + "-e1"}},
		{"source prefix", store.EventFilter{Source: "RUS"}, []string{ids[0][:8] + "-e1", ids[0][:8] + "-e2"}},
		{"source exact code is a prefix too", store.EventFilter{Source: "RUSMIL"}, []string{ids[0][:8] + "-e2"}},
		{"target", store.EventFilter{Target: "UKRGOV"}, []string{ids[0][:8] + "-e1"}},
		{"code", store.EventFilter{Code: "190", Statuses: allStatuses}, []string{ids[0][:8] + "-e2", ids[0][:8] + "-e3", ids[2][:8] + "-e1"}},
		{"root", store.EventFilter{Root: "11"}, []string{ids[0][:8] + "-e1"}},
		{"quad", store.EventFilter{Quad: 1}, []string{ids[1][:8] + "-e1"}},
		{"plover", store.EventFilter{Plover: "CONSULT"}, []string{ids[1][:8] + "-e1"}},
		{"from to inclusive", store.EventFilter{From: "2024-01-05", To: "2024-02-01"}, []string{ids[0][:8] + "-e2", ids[1][:8] + "-e1"}},
		{"outlet", store.EventFilter{Outlet: "Wire B", Statuses: allStatuses}, []string{ids[1][:8] + "-e1", ids[1][:8] + "-e2"}},
		{"doc", store.EventFilter{DocID: ids[2], Statuses: allStatuses}, []string{ids[2][:8] + "-e1", ids[2][:8] + "-e2"}},
		{"text", store.EventFilter{Text: "geneva talks"}, []string{ids[1][:8] + "-e1"}},
		{"location country", store.EventFilter{Country: "CHE", Statuses: []event.Status{event.Negated}}, []string{ids[0][:8] + "-e3"}},
		{"another location country", store.EventFilter{Country: "UKR"}, nil},
		{"nothing", store.EventFilter{Actor: "ZZZ"}, nil},
	}
	for _, tc := range tests {
		page, err := s.Events(ctx, tc.f)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		var got []string
		for _, e := range page.Events {
			got = append(got, e.ID)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tc.name, diff)
		}
	}
	if _, err := s.Events(ctx, store.EventFilter{Text: "!!!"}); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("bad text query: err = %v, want ErrBadQuery", err)
	}
}

var allStatuses = []event.Status{event.Asserted, event.Reported, event.Negated, event.Hypothetical, event.Future, event.Denied}

func testEventPages(t *testing.T, s store.Store) {
	id := mustPut(t, s, article(1))[0].ID
	var es []event.Event
	for i := range 23 {
		es = append(es, sampleEvent(id, i, "042", "USAGOV", "FRAGOV", fmt.Sprintf("2024-01-%02d", 1+i%4), event.Asserted))
	}
	if err := s.PutAnalyses(ctx, []store.Analysis{{DocID: id, Events: es}}); err != nil {
		t.Fatal(err)
	}
	var got []event.Event
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("cursor does not advance")
		}
		page, err := s.Events(ctx, store.EventFilter{Limit: 5, Cursor: cursor, Mentions: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Events) > 5 {
			t.Fatalf("page of %d, want at most 5", len(page.Events))
		}
		got = append(got, page.Events...)
		if page.Next == "" {
			break
		}
		cursor = page.Next
	}
	if len(got) != len(es) {
		t.Fatalf("paged %d events, want %d", len(got), len(es))
	}
	for i := 1; i < len(got); i++ {
		a, b := got[i-1], got[i]
		if a.Date > b.Date || (a.Date == b.Date && a.ID >= b.ID) {
			t.Errorf("position %d: (%s %s) after (%s %s), want ascending by date then ID", i, b.Date, b.ID, a.Date, a.ID)
		}
	}
	for _, c := range []string{"%%%", "bm90IGEgY3Vyc29y"} {
		if _, err := s.Events(ctx, store.EventFilter{Cursor: c}); !errors.Is(err, store.ErrBadQuery) {
			t.Errorf("cursor %q: err = %v, want ErrBadQuery", c, err)
		}
	}
}

func testStats(t *testing.T, s store.Store) {
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 0 || st.Events != 0 {
		t.Errorf("empty store stats = %+v", st)
	}
	ids := eventFixture(t, s)
	fr := doc.Document{Text: "Le ministre a rencontré son homologue.", Lang: "fr", URL: "https://a.example/1"} // supersedes ids[0]
	if _, err := s.Put(ctx, []store.Item{{Doc: fr, Analysis: &store.Analysis{Skipped: "language: fr"}}}); err != nil {
		t.Fatal(err)
	}
	mustPut(t, s, doc.Document{Text: "Pending text.", Lang: "en"})
	st, err = s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := store.Stats{
		Documents: 5, Superseded: 1, Pending: 1, Coded: 3, Skipped: 1, Events: 7, Outlets: 2,
		Languages: map[string]int{"": 3, "fr": 1, "en": 1},
	}
	if diff := cmp.Diff(want, st); diff != "" {
		t.Errorf("Stats (-want +got):\n%s (documents %v)", diff, ids)
	}
}

func testConcurrent(t *testing.T, s store.Store) {
	// Writers and readers at once: every call succeeds ("database is
	// locked" is a failure) and every document is stored once.
	const writers, batches, per = 3, 10, 20
	var wg sync.WaitGroup
	errs := make(chan error, writers*batches+64)
	done := make(chan struct{})
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range batches {
				var docs []doc.Document
				for i := range per {
					n := (w*batches+b)*per + i
					docs = append(docs, article(n))
				}
				if _, err := s.PutDocuments(ctx, docs); err != nil {
					errs <- fmt.Errorf("writer %d batch %d: %w", w, b, err)
				}
			}
		}()
	}
	var rg sync.WaitGroup
	for range 3 {
		rg.Add(1)
		go func() {
			defer rg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				if _, err := s.Documents(ctx, store.DocFilter{Query: "ministers", Limit: 50}); err != nil {
					errs <- fmt.Errorf("reader: %w", err)
					return
				}
				if _, err := s.Stats(ctx); err != nil {
					errs <- fmt.Errorf("reader: %w", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(done)
	rg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != writers*batches*per {
		t.Errorf("stored %d documents, want %d", st.Documents, writers*batches*per)
	}
}
