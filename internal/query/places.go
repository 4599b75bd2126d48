package query

import (
	"context"

	"github.com/dyad-project/dyad/internal/store"
)

// Places is where the events of a filter happened.
type Places struct {
	Count     string             `json:"count"`     // what is counted: "happenings" (the default) or "mentions"
	Total     int                `json:"total"`     // events counted, with or without a place
	Unplaced  int                `json:"unplaced"`  // events without a place
	Countries []store.PlaceCount `json:"countries"` // most events first
	Cities    []store.PlaceCount `json:"cities"`    // most events first; a country's count includes its cities'
}

// Places counts the events matching f by country and city (see
// store.Queries.Places).
func (s *Service) Places(ctx context.Context, f store.EventFilter) (Places, error) {
	rows, err := s.st.Places(ctx, f)
	if err != nil {
		return Places{}, err
	}
	p := Places{Count: "happenings", Countries: []store.PlaceCount{}, Cities: []store.PlaceCount{}}
	if f.Mentions {
		p.Count = "mentions"
	}
	for _, r := range rows {
		switch {
		case r.City != "":
			p.Cities = append(p.Cities, r)
		case r.Country == "":
			p.Unplaced += r.Events
			p.Total += r.Events
		default:
			p.Countries = append(p.Countries, r)
			p.Total += r.Events
		}
	}
	return p, nil
}
