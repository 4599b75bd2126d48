package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/api"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/pipeline"
	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/web"
)

// serveOptions configure serveStore.
type serveOptions struct {
	Addr      string        // listen address, host:port
	Token     string        // enables POST /api/documents; "" disables it
	LogFormat string        // text or json
	MaxBody   int64         // request body limit, bytes
	Timeout   time.Duration // per-request deadline
	Cache     time.Duration // how long aggregate answers are kept (store.Cache); 0: not kept
}

// defaultCache is how long dyad serve keeps aggregate answers: many
// readers of a large store share one overview, and a chart is at most this
// old.
const defaultCache = 10 * time.Second

// minTokenLen is the shortest ingestion token accepted.
const minTokenLen = 16

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "[--addr 127.0.0.1:8080] [--db FILE] [--token-file FILE]",
		"  dyad serve --db dyad.db\n  DYAD_TOKEN=$(cat token) dyad serve --addr 127.0.0.1:9000\n  dyad serve --token-file /etc/dyad/token --log-format json",
		stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port)")
	tokenFile := fs.String("token-file", "", "file holding the bearer token that enables POST /api/documents (else env DYAD_TOKEN; neither: ingestion off)")
	logFormat := fs.String("log-format", "text", "access log format on stderr: text or json")
	maxBody := fs.String("max-body", "4MB", "largest request body (e.g. 512KB, 4MB)")
	timeout := fs.Duration("timeout", 30*time.Second, "deadline of one request")
	cache := fs.Duration("cache", defaultCache, "how long counts, charts and maps are kept for the next reader (0: ask the store every time); writes by this server drop them at once, other writers' are seen within this time")
	load := configFlags(fs, "db")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	o := serveOptions{Addr: *addr, LogFormat: *logFormat, Timeout: *timeout, Cache: *cache}
	if o.Cache < 0 || o.Cache > time.Hour {
		return fmt.Errorf("%w: --cache %v is not between 0 and 1h", errUsage, o.Cache)
	}
	if o.MaxBody, err = parseSize(*maxBody); err != nil {
		return fmt.Errorf("%w: --max-body: %v", errUsage, err)
	}
	if o.Token, err = readToken(*tokenFile); err != nil {
		return err
	}
	st, err := openStore(ctx, cfg.DB, o.Token == "")
	if err != nil {
		return err
	}
	defer st.Close()
	return serveStore(ctx, st, o, stdout, stderr)
}

// readToken returns the token from file, else from DYAD_TOKEN, else "".
func readToken(file string) (string, error) {
	tok, from := "", ""
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("%w: --token-file: %v", errUsage, err)
		}
		tok, from = strings.TrimSpace(string(b)), "--token-file "+file
	} else if v, ok := os.LookupEnv("DYAD_TOKEN"); ok {
		tok, from = strings.TrimSpace(v), "DYAD_TOKEN"
		if tok == "" {
			return "", fmt.Errorf("%w: DYAD_TOKEN is set but empty", errUsage)
		}
	}
	if tok != "" && len(tok) < minTokenLen {
		return "", fmt.Errorf("%w: %s: the token has %d characters; use at least %d", errUsage, from, len(tok), minTokenLen)
	}
	if strings.ContainsAny(tok, " \t\r\n") {
		return "", fmt.Errorf("%w: %s: the token holds white space", errUsage, from)
	}
	return tok, nil
}

// storeAnalyzer adapts the analysis stages to the pipeline.
func storeAnalyzer(a *analysis.Analyzer) pipeline.Analyzer {
	return func(d doc.Document) store.Analysis {
		r := a.Analyze(d)
		return store.Analysis{Annotations: r.Annotations, Events: r.Events, Diagnostics: r.Diagnostics, Skipped: r.Skipped}
	}
}

// serveStore serves the API and UI over st until ctx is done, then shuts
// down gracefully: the listener closes and requests in flight get up to
// ten seconds to finish.
func serveStore(ctx context.Context, st store.Store, o serveOptions, stdout, stderr io.Writer) error {
	var h slog.Handler
	switch o.LogFormat {
	case "text", "":
		h = slog.NewTextHandler(stderr, nil)
	case "json":
		h = slog.NewJSONHandler(stderr, nil)
	default:
		return fmt.Errorf("%w: --log-format %q is not text or json", errUsage, o.LogFormat)
	}
	log := slog.New(h)
	dict, err := loadDictionary(nil) // once, for actor roles and for coding
	if err != nil {
		return err
	}
	st = store.NewCache(st, o.Cache, time.Now)
	cfg := api.Config{Query: query.New(st, query.WithDictionary(dict)), Log: log, Metrics: api.NewMetrics(time.Now()), Token: o.Token}
	if o.Token != "" {
		a, err := analysis.New(analysis.Options{Actors: dict})
		if err != nil {
			return fmt.Errorf("loading the analysis stages for POST /api/documents: %w", err)
		}
		cfg.Ingest = api.PipelineIngester(st, storeAnalyzer(a))
	}
	if o.MaxBody <= 0 {
		o.MaxBody = api.DefaultMaxBody
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	handler, err := web.App(cfg, o.MaxBody, o.Timeout)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      o.Timeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(h, slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", o.Addr, err)
	}
	ingest := "off (no token)"
	if o.Token != "" {
		ingest = "on (Bearer token)"
	}
	fmt.Fprintf(stdout, "dyad: serving http://%s/ (POST /api/documents: %s); Ctrl-C stops\n", ln.Addr(), ingest)
	log.Info("serving", "addr", ln.Addr().String(), "ingest", o.Token != "")
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintln(stdout, "dyad: stopped")
	return nil
}
