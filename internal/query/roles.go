package query

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/actor"
)

// Role is one dated code the actor dictionary gives a person or group:
// who acted as the code, and when.
type Role struct {
	Name   string `json:"name"`
	Code   string `json:"code"`
	Title  string `json:"title,omitempty"`
	From   string `json:"from,omitempty"` // YYYY-MM-DD; empty when open
	To     string `json:"to,omitempty"`
	Source string `json:"source"` // dictionary file:line
}

// MaxRoles bounds the roles a profile lists.
const MaxRoles = 100

// Option configures a Service.
type Option func(*Service)

// WithDictionary makes profiles list the dated roles of the actor
// dictionary d whose codes start with the profiled code, names actors by
// d (ActorName) and looks names up in it (LookupActor, ResolveActor).
func WithDictionary(d *actor.Dictionary) Option {
	return func(s *Service) {
		s.dict = d
		for _, e := range d.Entries() {
			for _, r := range e.Roles {
				if r.Code == "" {
					continue
				}
				s.roles = append(s.roles, Role{Name: e.Name, Code: r.Code, Title: r.Title, From: day(r.From), To: day(r.To),
					Source: e.File + ":" + strconv.Itoa(r.Line)})
			}
		}
		sort.SliceStable(s.roles, func(i, j int) bool {
			a, b := s.roles[i], s.roles[j]
			if a.Code != b.Code {
				return a.Code < b.Code
			}
			if a.From != b.From {
				return a.From > b.From // newest first
			}
			return a.Name < b.Name
		})
	}
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// rolesOf returns the roles whose code starts with code, newest first.
func (s *Service) rolesOf(code string) []Role {
	i := sort.Search(len(s.roles), func(i int) bool { return s.roles[i].Code >= code })
	var out []Role
	for ; i < len(s.roles) && strings.HasPrefix(s.roles[i].Code, code); i++ {
		out = append(out, s.roles[i])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].From > out[j].From })
	if len(out) > MaxRoles {
		out = out[:MaxRoles]
	}
	if out == nil {
		out = []Role{}
	}
	return out
}
