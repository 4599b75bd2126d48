package api

import "net/http"

// places answers GET /api/places: the events of a filter counted by the
// country and the city where they happened, for the map.
func (s *Server) places(w http.ResponseWriter, r *http.Request) {
	f, _, err := s.filter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.cfg.Query.Places(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}
