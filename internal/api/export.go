package api

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/dyad-project/dyad/internal/export"
	"github.com/dyad-project/dyad/internal/query"
)

// DefaultMaxExport is the most events one export writes when
// Config.MaxExport is not set. A filter that matches more is cut at the
// cap; the trailer Dyad-Export-Next then carries the cursor to go on from.
const DefaultMaxExport = 100_000

// Trailers of an export answer: how many events it holds, and the cursor
// that continues it when it stopped at its limit with events left.
const (
	TrailerRows = "Dyad-Export-Rows"
	TrailerNext = "Dyad-Export-Next"
)

// ExportPath returns the path of the route that exports events in format
// (one of export.Formats): /api/events.csv, /api/events.jsonl,
// /api/events.gdelt, /api/events.plover.
func ExportPath(format string) string { return "/api/events." + format }

// exportType returns the Content-Type and the download's file name of an
// export format.
func exportType(format string) (contentType, file string) {
	switch format {
	case export.CSV:
		return "text/csv; charset=utf-8", "dyad-events.csv"
	case export.GDELT:
		return "text/tab-separated-values; charset=utf-8", "dyad-events.gdelt.tsv"
	case export.PLOVER:
		return "application/jsonl; charset=utf-8", "dyad-events.plover.jsonl"
	}
	return "application/jsonl; charset=utf-8", "dyad-events.jsonl"
}

// countingWriter remembers whether anything reached the client and the
// first write error (the client went away).
type countingWriter struct {
	w     io.Writer
	wrote bool
	err   error
}

func (c *countingWriter) Write(b []byte) (int, error) {
	c.wrote = true
	n, err := c.w.Write(b)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

// exportEvents streams the events of the filter of /api/events in one
// format: at most limit events (1 to the cap, default the cap) from the
// cursor on. An error before the first byte is an error answer like any
// other; an error after it aborts the answer, so that the client sees a
// broken download and not a short file that looks whole. HEAD answers the
// headers without reading the events.
func (s *Server) exportEvents(format string) http.HandlerFunc {
	contentType, file := exportType(format)
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := params(r, query.FilterParams()...)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		limit, err := intParam(r, "limit", s.cfg.MaxExport, 1, s.cfg.MaxExport)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Del("limit") // the cap of the export, not a page size
		f, err := s.parseFilter(v)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		cw := &countingWriter{w: w}
		xw, err := export.NewWriter(format, cw, export.Options{Codebook: s.cfg.Codebook, Added: time.Now().UTC()})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		h := w.Header()
		h.Set("Content-Type", contentType)
		h.Set("Content-Disposition", `attachment; filename="`+file+`"`)
		if r.Method == http.MethodHead {
			return
		}
		h.Set("Trailer", TrailerRows+", "+TrailerNext)
		n, next, err := s.cfg.Query.EachEvent(r.Context(), f, limit, xw.Write)
		if err == nil {
			err = xw.Close()
		}
		switch {
		case err == nil:
		case !cw.wrote:
			h.Del("Content-Disposition")
			h.Del("Trailer")
			s.fail(w, r, err)
			return
		case cw.err != nil || errors.Is(err, context.Canceled):
			return // the client went away
		default:
			s.cfg.Log.Error("export cut short", "path", r.URL.Path, "events", n, "err", err)
			panic(http.ErrAbortHandler)
		}
		if !cw.wrote {
			w.WriteHeader(http.StatusOK) // an empty export: the trailers still follow
		}
		h.Set(TrailerRows, strconv.Itoa(n))
		if next != "" {
			h.Set(TrailerNext, next)
		}
	}
}
