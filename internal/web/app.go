package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/dyad-project/dyad/internal/api"
)

// App returns the whole server's handler: the JSON API, /healthz,
// /metrics and the UI on one mux, wrapped by api.Wrap (security headers,
// a body limit of maxBody bytes, a deadline of timeout per request, access
// logs, metrics, panic recovery).
func App(cfg api.Config, maxBody int64, timeout time.Duration) (http.Handler, error) {
	a, err := api.New(cfg)
	if err != nil {
		return nil, err
	}
	ui, err := New(cfg.Query, cfg.Log)
	if err != nil {
		return nil, err
	}
	if maxBody <= 0 || timeout <= 0 {
		return nil, fmt.Errorf("web: body limit %d and timeout %v must be positive", maxBody, timeout)
	}
	mux := http.NewServeMux()
	a.Register(mux)
	ui.Register(mux)
	return api.Wrap(mux, cfg.Log, cfg.Metrics, maxBody, timeout), nil
}
