package query_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	actorsdata "github.com/dyad-project/dyad/data/actors"
	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/query/querytest"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/sqlite"
)

func TestResolveActor(t *testing.T) {
	d, err := actorsdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "a.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	querytest.Fixture(t, db)
	s := query.New(db, query.WithDictionary(d))
	for _, tc := range []struct {
		q, want string
		err     error // nil, store.ErrNotFound or query.ErrBadFilter (ambiguous)
	}{
		{"TUR", "TUR", nil},
		{"I", "I", nil}, // a prefix in upper case stays one
		{"TURKEY", "TURKEY", nil},
		{"Turkey", "TUR", nil},
		{"türkiye", "TUR", nil},
		{"tur", "TUR", nil},
		{"rus", "RUS", nil},
		{"usagov", "USAGOV", nil},
		{"ir", "IR", nil}, // no name: a code in lower case
		{"Congo", "", query.ErrBadFilter},
		{"Nowhere land", "", store.ErrNotFound},
		{"nowhereland", "", store.ErrNotFound}, // a code in form, but no code the dictionary knows
		{"ukrmil", "UKRMIL", nil},
	} {
		got, err := s.ResolveActor("actor", tc.q)
		if got != tc.want || !errors.Is(err, tc.err) || (err == nil) != (tc.err == nil) {
			t.Errorf("ResolveActor(%q) = %q, %v; want %q, %v", tc.q, got, err, tc.want, tc.err)
		}
	}
	var le *query.ActorLookupError
	if _, err := s.ResolveActor("actor", "korea"); !errors.As(err, &le) || len(le.Candidates) != 2 {
		t.Errorf("ResolveActor(korea): %v, want two candidates", err)
	}
	if got, err := query.New(db).ResolveActor("actor", "Turkey"); got != "TURKEY" || err != nil {
		t.Errorf("without a dictionary: %q, %v; want the code TURKEY", got, err)
	}
	// Names are the codes' own: the dictionary's, never a person's.
	ds, err := s.Dyad(context.Background(), "RUS", "UKR", store.EventFilter{}, query.Month)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Names(context.Background(), &ds); err != nil || ds.NameA != "Russia" || ds.NameB != "Ukraine" {
		t.Errorf("Names: %q, %q, %v", ds.NameA, ds.NameB, err)
	}
	p, err := s.Profile(context.Background(), "USA", store.EventFilter{Statuses: query.AllStatuses()})
	if err != nil || p.Name != "United States" {
		t.Errorf("Profile(USA).Name = %q, %v; want United States", p.Name, err)
	}
}
