package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/store"
)

// Errors of the HTTP layer itself.
var (
	ErrUnauthorized   = errors.New("missing or wrong bearer token")
	ErrIngestDisabled = errors.New("ingestion is disabled: start the server with --token-file or DYAD_TOKEN to enable POST /api/documents")
	ErrBadRequest     = errors.New("bad request")
	ErrUnsupported    = errors.New("unsupported media type")
	ErrMethod         = errors.New("method not allowed")
)

// statusTable maps each error kind to its HTTP status, first match wins.
// Anything else is a 500 whose details stay in the log.
var statusTable = []struct {
	err    error
	status int
}{
	{store.ErrNotFound, http.StatusNotFound},
	{query.ErrBadFilter, http.StatusBadRequest},
	{store.ErrBadQuery, http.StatusBadRequest},
	{ErrBadRequest, http.StatusBadRequest},
	{ErrUnauthorized, http.StatusUnauthorized},
	{ErrIngestDisabled, http.StatusForbidden},
	{ErrUnsupported, http.StatusUnsupportedMediaType},
	{ErrMethod, http.StatusMethodNotAllowed},
	{context.DeadlineExceeded, http.StatusServiceUnavailable},
}

// Status returns the HTTP status for err.
func Status(err error) int {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	for _, e := range statusTable {
		if errors.Is(err, e.err) {
			return e.status
		}
	}
	return http.StatusInternalServerError
}

// Message returns what a client may see of err: its text for client
// errors, a generic line for server errors.
func Message(err error, status int) string {
	if status >= 500 {
		return http.StatusText(status)
	}
	return err.Error()
}

// errorBody is the JSON of every error answer.
type errorBody struct {
	Error string `json:"error"`
}

// writeJSON writes v with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}
