package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/dyad-project/dyad/data/worldmap"
	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/svg"
)

// world is the map's outlines and the countries' names by code.
type world struct {
	w     *svg.World
	names map[string]string
}

// loadWorld parses the embedded outlines.
func loadWorld() (world, error) {
	w, err := svg.ParseWorld(worldmap.Countries)
	if err != nil {
		return world{}, fmt.Errorf("web: %w", err)
	}
	names := make(map[string]string, len(w.Countries))
	for _, c := range w.Countries {
		names[c.Code] = c.Name
	}
	return world{w: w, names: names}, nil
}

// placeURL links to the events of base in a country and, when city is
// not empty, in one of its cities.
func placeURL(base url.Values, country, city string) string {
	v := url.Values{}
	for k, vs := range base {
		v[k] = vs
	}
	v.Del("cursor")
	v.Set("country", country)
	if city != "" {
		v.Set("city", city)
	} else {
		v.Del("city")
	}
	return withQuery("/events", v)
}

// PlaceRow is a country or city of a map's tables.
type PlaceRow struct {
	Name    string // "" for a country the map does not draw
	Country string // ISO alpha-3
	Events  int
	Link    string // the events behind the count
}

// PlaceMap is a drawn map of places and the rows of its tables.
type PlaceMap struct {
	SVG       template.HTML
	P         query.Places
	Countries []PlaceRow
	Cities    []PlaceRow // the first mapCities of them
	Open      bool       // show the tables unfolded
}

// placesMap counts the events of f by place and draws them, each country
// and city linking to its events: the list under base with the place.
func (s *Server) placesMap(ctx context.Context, f store.EventFilter, base url.Values, title string, width int) (PlaceMap, error) {
	p, err := s.q.Places(ctx, f)
	if err != nil {
		return PlaceMap{}, err
	}
	m := PlaceMap{P: p}
	mc := svg.MapChart{Title: title, Unit: p.Count, Width: width}
	for _, c := range p.Countries {
		link := placeURL(base, c.Country, "")
		mc.Areas = append(mc.Areas, svg.Area{Code: c.Country, Count: c.Events, Link: link})
		m.Countries = append(m.Countries, PlaceRow{Name: s.world.names[c.Country], Country: c.Country, Events: c.Events, Link: link})
	}
	for _, c := range p.Cities {
		if c.Lat == nil || c.Lon == nil {
			continue
		}
		link := placeURL(base, c.Country, c.City)
		mc.Spots = append(mc.Spots, svg.Spot{Name: c.City, Country: c.Country, Lat: *c.Lat, Lon: *c.Lon, Count: c.Events, Link: link})
		if len(m.Cities) < mapCities {
			m.Cities = append(m.Cities, PlaceRow{Name: c.City, Country: c.Country, Events: c.Events, Link: link})
		}
	}
	m.SVG = chart(svg.Map(s.world.w, mc))
	return m, nil
}

// MapPage is the world map of a filter's events.
type MapPage struct {
	Page
	Form     url.Values // the filter as given, to refill the form
	Filtered bool
	Filter   string // the active filter, as parameters
	Map      PlaceMap
	Events   string // URL of the filter's event list
}

// mapCities is how many cities a map's table lists.
const mapCities = 50

func (s *Server) mapPage(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	f, ok := s.filter(w, r)
	if !ok {
		return
	}
	base := query.Values(f)
	title := "Where the " + countName(f) + " happened"
	if len(base) > 0 {
		title += " (" + strings.ReplaceAll(base.Encode(), "&", ", ") + ")"
	}
	m, err := s.placesMap(r.Context(), f, base, title, 960)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := MapPage{Page: Page{Title: "Map", Nav: "map", Counted: counting(f)}, Form: v, Map: m, Events: withQuery("/events", base),
		Filtered: len(base) > 0, Filter: strings.ReplaceAll(base.Encode(), "&", " · ")}
	if p.Bar, err = s.filterBar(r, true); err != nil {
		s.fail(w, r, err)
		return
	}
	p.Map.Open = true
	s.render(w, r, http.StatusOK, "map", p)
}

// countName is what f counts: "happenings" or "mentions".
func countName(f store.EventFilter) string {
	if f.Mentions {
		return "mentions"
	}
	return "happenings"
}
