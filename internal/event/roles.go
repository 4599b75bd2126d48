package event

import (
	"fmt"
	"sort"
)

// pair is one source and target of an event, as mention indices (-1 for
// none), with how each was chosen.
type pair struct {
	src, tgt int
	// second takes the second actor of a pair description as the source;
	// mutual makes each actor of the pair the other's target
	second, mutual bool
	prob           float64 // probability of the source's role
	srcWhy, tgtWhy string
}

// maxRoleMentions bounds the mentions scored for one event: the nearest
// to the trigger. No sentence we have read names more around one act, and
// the bound keeps a pathological sentence with thousands of names linear.
const maxRoleMentions = 16

// minSource is the least probability of the likeliest source when no
// mention is most likely the source, chosen on the corpus's dev split.
const minSource = 0.1

// scored is a mention with its role probabilities.
type scored struct {
	mi    int
	probs [nRoles]float64
	best  int
	path  string
}

// assign scores every actor mention of the sentence as the source, the
// target, a side of a mutual act, or neither, and returns the pairs of the
// event: conjoined and mutual actors expand to one pair each. It returns
// no pairs, and the reason, when no mention can be the source.
func (c *Coder) assign(g *graph, d detection, ev *evidence, f *feats) ([]pair, string) {
	m := c.model
	root := m.roots[d.class]
	scores := make([]float32, nRoles)
	var all []scored
	for _, mi := range g.nearest(d.tok, maxRoleMentions) {
		h := g.mentHead[mi]
		if h < 0 || h == d.tok && g.ms[mi].End-g.ms[mi].Start == 1 {
			continue
		}
		f.reset(false)
		c.roleFeatures(f, g, d.tok, mi, root, ev)
		m.roles.Score(f.keys, scores)
		s := scored{mi: mi}
		softmax(scores, m.roleT, s.probs[:])
		for k := 1; k < nRoles; k++ {
			if s.probs[k] > s.probs[s.best] {
				s.best = k
			}
		}
		s.path, _ = g.path(h, d.tok)
		all = append(all, s)
	}
	var srcs, tgts, mutual []scored
	for _, s := range all {
		switch {
		case s.best == roleSource:
			srcs = append(srcs, s)
		case s.best == roleTarget:
			tgts = append(tgts, s)
		case s.best == roleMutual:
			mutual = append(mutual, s)
		}
	}
	srcs, tgts = g.outermost(srcs), g.outermost(tgts)
	srcs, tgts = g.conjoinedWithBest(srcs, roleSource), g.conjoinedWithBest(tgts, roleTarget)
	// A phrase no dictionary knows stands only where no known actor does.
	srcs, tgts = g.preferCoded(srcs), g.preferCoded(tgts)
	if len(mutual) == 1 && g.ms[mutual[0].mi].Pair != "" {
		// "the two leaders met": one mention, two sides
		srcs, mutual = append(srcs, mutual[0]), nil
	}
	uncoded := len(srcs) > 0
	for _, s := range srcs {
		if g.ms[s.mi].Code != "" {
			uncoded = false
		}
	}
	if (len(srcs) == 0 || uncoded) && len(mutual) < 2 {
		// No known actor is most likely the source: the likeliest one
		// stands when it is plausible at all, a known actor before a
		// phrase no dictionary knows.
		bi := -1
		for k, s := range all {
			if s.best != roleTarget && (bi < 0 || g.ms[s.mi].Code != "" && g.ms[all[bi].mi].Code == "" ||
				(g.ms[s.mi].Code == "") == (g.ms[all[bi].mi].Code == "") && s.probs[roleSource]+s.probs[roleMutual] > all[bi].probs[roleSource]+all[bi].probs[roleMutual]) {
				bi = k
			}
		}
		if uncoded && bi >= 0 && g.ms[all[bi].mi].Code != "" && all[bi].probs[roleSource]+all[bi].probs[roleMutual] >= minSource {
			srcs = nil
		}
		if len(srcs) == 0 && bi >= 0 && all[bi].probs[roleSource]+all[bi].probs[roleMutual] >= minSource {
			srcs = append(srcs, all[bi])
		}
		if len(mutual) == 1 && (len(srcs) == 0 || srcs[0].mi != mutual[0].mi) {
			tgts = append(tgts, mutual[0])
		}
		mutual = nil
	}
	if len(srcs) == 0 && len(mutual) == 0 {
		if len(all) == 0 {
			return nil, "no actor in the sentence"
		}
		return nil, "no actor scored as the source"
	}
	why := func(s scored, role int) string {
		return fmt.Sprintf("%q, %s of the trigger by path %s (p=%.2f)", g.ms[s.mi].Text, roleNames[role], s.path, s.probs[role])
	}
	var out []pair
	add := func(s scored, t *scored, sRole int) {
		if len(out) >= 16 {
			return
		}
		p := pair{src: s.mi, tgt: -1, prob: s.probs[sRole], srcWhy: why(s, sRole), tgtWhy: "no mention scored as the target"}
		if t != nil {
			if t.mi == s.mi || g.ms[t.mi].Code != "" && g.ms[t.mi].Code == g.ms[s.mi].Code {
				return // an actor does not act on itself
			}
			p.tgt = t.mi
			role := t.best
			if role != roleMutual {
				role = roleTarget
			}
			p.tgtWhy = why(*t, role)
		}
		out = append(out, p)
	}
	for _, s := range mutual {
		for k := range mutual {
			if mutual[k].mi != s.mi {
				add(s, &mutual[k], roleMutual)
			}
		}
	}
	for _, s := range srcs {
		if len(tgts) == 0 {
			add(s, nil, roleSource)
		}
		for k := range tgts {
			add(s, &tgts[k], roleSource)
		}
	}
	if len(out) == 0 {
		return nil, "the only actors are the same"
	}
	// A pair description ("the two leaders") is two actors: one event for
	// each, or, with no target, each acting on the other.
	for k, n := 0, len(out); k < n; k++ {
		if p := out[k]; g.ms[p.src].Pair != "" {
			p.second = true
			if p.tgt < 0 {
				out[k].mutual, p.mutual = true, true
			}
			out = append(out, p)
		}
	}
	return out, ""
}

// outermost drops a country inside the phrase of a generic actor of the
// same role ("Lagos" in "police in Lagos"): the phrase's head names the
// actor and the country only lends it its nationality.
func (g *graph) outermost(xs []scored) []scored {
	out := xs[:0:0]
	for _, x := range xs {
		inner := false
		for _, y := range xs {
			hx, hy := g.mentHead[x.mi], g.mentHead[y.mi]
			if y.mi != x.mi && hx != hy && g.dominates(hy, hx) && g.ms[y.mi].Country == "" && g.ms[y.mi].Sector != "" && g.ms[x.mi].Sector == "" {
				inner = true
			}
		}
		if !inner {
			out = append(out, x)
		}
	}
	return out
}

// nearest returns the indices of the n mentions whose heads are nearest
// token i, in mention order.
func (g *graph) nearest(i, n int) []int {
	idx := make([]int, len(g.ms))
	for k := range idx {
		idx[k] = k
	}
	if len(idx) <= n {
		return idx
	}
	dist := func(k int) int {
		d := g.mentHead[k] - i
		if d < 0 {
			return -d
		}
		return d
	}
	sort.SliceStable(idx, func(a, b int) bool { return dist(idx[a]) < dist(idx[b]) })
	idx = idx[:n]
	sort.Ints(idx)
	return idx
}

// preferCoded drops the uncoded phrases of a role when a coded mention has
// it too.
func (g *graph) preferCoded(xs []scored) []scored {
	coded := false
	for _, x := range xs {
		if g.ms[x.mi].Code != "" {
			coded = true
		}
	}
	if !coded {
		return xs
	}
	out := xs[:0:0]
	for _, x := range xs {
		if g.ms[x.mi].Code != "" {
			out = append(out, x)
		}
	}
	return out
}

// conjoinedWithBest keeps the likeliest mention of a role and those
// coordinated with it ("France and Germany"): two actors of one role that
// are not conjoined are more often a mistake than two events (on the dev
// split, keeping them all cost 7 points of event precision).
func (g *graph) conjoinedWithBest(xs []scored, role int) []scored {
	if len(xs) < 2 {
		return xs
	}
	best := 0
	for k := range xs {
		if xs[k].probs[role] > xs[best].probs[role] {
			best = k
		}
	}
	hb := g.mentHead[xs[best].mi]
	conj := map[int]bool{}
	// the coordination the best one belongs to: from its top conjunct down
	top := hb
	for g.rel(top) == "conj" && g.heads[top] >= 0 {
		top = g.heads[top]
	}
	for _, c := range g.conjuncts(top) {
		conj[c] = true
	}
	out := xs[:0:0]
	for k, x := range xs {
		h := g.mentHead[x.mi]
		if k == best || conj[h] || h == hb || g.ms[x.mi].Start <= hb && hb < g.ms[x.mi].End {
			out = append(out, x)
		}
	}
	return out
}
