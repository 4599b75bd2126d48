package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/lang"
	"github.com/dyad-project/dyad/internal/pipeline"
	"github.com/dyad-project/dyad/internal/source"
	"github.com/dyad-project/dyad/internal/store"
)

const healthTimeout = 2 * time.Second

// Submission is one document sent to POST /api/documents, as read from
// the request, with the diagnostics found while reading it.
type Submission struct {
	Doc         doc.Document
	Diagnostics []doc.Diagnostic
}

// IngestResult is the answer to POST /api/documents.
type IngestResult struct {
	ID      string `json:"id"`
	Outcome string `json:"outcome"` // ingested, unchanged, superseded
	Status  string `json:"status"`  // coding status: pending, coded, skipped
	Events  int    `json:"events"`  // events stored for the document
	URL     string `json:"url"`     // the document's page in the UI
}

// Ingester stores one submission and says what happened.
type Ingester func(ctx context.Context, s Submission) (IngestResult, error)

// PipelineIngester returns an Ingester that runs a submission through
// pipeline.RunWalker, the same path as "dyad ingest", with the given
// analyzer (nil stores documents pending).
func PipelineIngester(st store.Store, analyze pipeline.Analyzer) Ingester {
	return func(ctx context.Context, s Submission) (IngestResult, error) {
		walk := func(ctx context.Context, yield func(source.Item) error) error {
			return yield(source.Item{Doc: s.Doc, Diagnostics: s.Diagnostics, Origin: s.Doc.Origin})
		}
		sum, err := pipeline.RunWalker(ctx, st, walk, pipeline.Options{Workers: 1, Batch: 1, Analyze: analyze})
		if err != nil {
			return IngestResult{}, err
		}
		if len(sum.Failures) > 0 {
			f := sum.Failures[0]
			if sum.Stored() == 0 && sum.Unchanged == 0 {
				return IngestResult{}, fmt.Errorf("%w: %s", ErrBadRequest, f.Err)
			}
		}
		res := IngestResult{ID: doc.ContentID(s.Doc.Text)}
		switch {
		case sum.Ingested > 0:
			res.Outcome = string(store.Ingested)
		case sum.Superseded > 0:
			res.Outcome = string(store.Superseded)
		case sum.Unchanged > 0:
			res.Outcome = string(store.Unchanged)
		default:
			return IngestResult{}, fmt.Errorf("pipeline stored nothing and reported no failure for %s", s.Doc.Origin)
		}
		info, err := st.DocumentInfo(ctx, res.ID)
		if err != nil {
			return IngestResult{}, err
		}
		res.Status = string(info.Status)
		if a, err := st.Analysis(ctx, res.ID); err == nil {
			res.Events = len(a.Events)
		} else if !errors.Is(err, store.ErrNotFound) {
			return IngestResult{}, err
		}
		return res, nil
	}
}

// submittedJSON is the JSON body of POST /api/documents.
type submittedJSON struct {
	Text   string `json:"text"`
	Title  string `json:"title"`
	URL    string `json:"url"`
	Date   string `json:"date"` // RFC 3339 or YYYY-MM-DD
	Outlet string `json:"outlet"`
	Author string `json:"author"`
	Lang   string `json:"lang"`
}

// ReadSubmission reads a POSTed document: a JSON object
// {text,title,url,date,outlet,author,lang}, a text/plain body (with an
// optional "Key: value" header block) or a text/html page. Errors wrap
// ErrBadRequest or ErrUnsupported and name the problem.
func ReadSubmission(r *http.Request, det *lang.Detector) (Submission, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return Submission{}, err
		}
		return Submission{}, fmt.Errorf("%w: reading the body: %v", ErrBadRequest, err)
	}
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil && ct != "" {
		return Submission{}, fmt.Errorf("%w: Content-Type %q: %v", ErrUnsupported, ct, err)
	}
	origin := "api:" + r.RemoteAddr
	var s Submission
	switch mt {
	case "application/json":
		s, err = readJSON(origin, body)
	case "text/plain":
		s.Doc, s.Diagnostics, err = source.ParseText(origin, body)
	case "text/html", "application/xhtml+xml":
		s.Doc, s.Diagnostics, err = source.ParseHTML(origin, body, ct, "")
	default:
		return Submission{}, fmt.Errorf("%w: %q; send application/json, text/plain or text/html", ErrUnsupported, ct)
	}
	if err != nil {
		return Submission{}, fmt.Errorf("%w: %v", ErrBadRequest, err)
	}
	if strings.TrimSpace(s.Doc.Text) == "" {
		return Submission{}, fmt.Errorf("%w: the document has no text", ErrBadRequest)
	}
	// One set of checks whatever the body's type: the caps every path
	// applies, and a URL of the kind dyad would fetch (text/plain and HTML
	// headers included).
	if err := doc.DefaultCaps().Check(&s.Doc); err != nil {
		return Submission{}, fmt.Errorf("%w: %v", ErrBadRequest, err)
	}
	if s.Doc.URL != "" {
		if err := source.CheckURL(s.Doc.URL); err != nil {
			return Submission{}, fmt.Errorf("%w: field url: %v", ErrBadRequest, err)
		}
	}
	if s.Doc.Lang == "" {
		s.Doc.Lang = det.Detect(s.Doc.Text).Lang
	}
	return s, nil
}

func readJSON(origin string, body []byte) (Submission, error) {
	d, diags, err := source.ParseRecordStrict(origin, body)
	if err != nil {
		return Submission{}, err
	}
	d.Format = "json"
	return Submission{Doc: d, Diagnostics: diags}, nil
}

func (s *Server) ingest(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Token == "" {
		s.fail(w, r, ErrIngestDisabled)
		return
	}
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="dyad"`)
		s.fail(w, r, ErrUnauthorized)
		return
	}
	sub, err := ReadSubmission(r, s.cfg.Lang)
	if err != nil {
		s.cfg.Metrics.Ingested("failed")
		s.fail(w, r, err)
		return
	}
	res, err := s.cfg.Ingest(r.Context(), sub)
	if err != nil {
		s.cfg.Metrics.Ingested("failed")
		s.fail(w, r, err)
		return
	}
	s.cfg.Metrics.Ingested(res.Outcome)
	res.URL = "/documents/" + res.ID
	status := http.StatusCreated
	if res.Outcome == string(store.Unchanged) {
		status = http.StatusOK
	}
	w.Header().Set("Location", "/api/documents/"+res.ID)
	writeJSON(w, status, res)
}
