package source

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// ErrForbidden marks a fetch refused because of where it would go: a
// non-http(s) scheme, or an address on this machine or a private network.
var ErrForbidden = errors.New("forbidden address")

// maxRedirects bounds the redirects one fetch follows.
const maxRedirects = 10

// carrierNAT is the shared address space of RFC 6598, private in practice.
var carrierNAT = netip.MustParsePrefix("100.64.0.0/10")

// publicAddr reports whether ip may be dialled by default: not loopback,
// private (RFC 1918, fc00::/7, 100.64/10), link-local, multicast or
// unspecified, with IPv4-mapped IPv6 addresses judged as IPv4.
func publicAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	switch {
	case !ip.IsValid(), ip.IsLoopback(), ip.IsPrivate(), ip.IsUnspecified(),
		ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast(), ip.IsInterfaceLocalMulticast(), ip.IsMulticast():
		return false
	case ip.Is4() && (carrierNAT.Contains(ip) || ip.As4()[0] == 0):
		return false
	}
	return true
}

// checkURL refuses schemes other than http and https, and URLs with
// credentials or without a host.
func checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%w: scheme %q (only http and https are fetched)", ErrForbidden, u.Scheme)
	}
	if u.Host == "" {
		return fmt.Errorf("%w: no host in %q", ErrForbidden, u.Redacted())
	}
	if u.User != nil {
		return fmt.Errorf("%w: credentials in the URL", ErrForbidden)
	}
	return nil
}

// CheckURL reports whether s is a URL dyad would fetch: http or https with
// a host and no credentials. It does not resolve the host; the guarded
// client checks every address it dials.
func CheckURL(s string) error {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrForbidden, err)
	}
	return checkURL(u)
}

// NewClient returns the HTTP client dyad fetches with. Unless allowPrivate
// is set, every address it dials — after DNS resolution and on every
// redirect — must be public; it ignores proxy settings from the
// environment (a proxy would dial on our behalf unchecked), and follows at
// most ten redirects, to http and https only.
func NewClient(timeout time.Duration, allowPrivate bool) *http.Client {
	d := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		d.Control = func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%w: %s", ErrForbidden, address)
			}
			if !publicAddr(ap.Addr()) {
				return fmt.Errorf("%w: %s is not a public address (allow private addresses to fetch from it)", ErrForbidden, ap.Addr())
			}
			return nil
		}
	}
	tr := &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return d.DialContext(ctx, network, addr)
		},
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: timeout,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       30 * time.Second,
	}
	return &http.Client{
		Timeout:   timeout,
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= maxRedirects {
				return fmt.Errorf("%w: more than %d redirects", ErrFetch, maxRedirects)
			}
			return checkURL(req.URL)
		},
	}
}
