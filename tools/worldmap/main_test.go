package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDecodeArcs(t *testing.T) {
	tr := &struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	}{Scale: [2]float64{0.5, 0.25}, Translate: [2]float64{-180, -90}}
	tests := []struct {
		name string
		topo Topology
		want [][]Point
	}{
		{"quantized and delta-encoded", Topology{Transform: tr, Arcs: [][][2]float64{{{10, 20}, {2, -4}, {-1, 0}}}},
			[][]Point{{{-175, -85}, {-174, -86}, {-174.5, -86}}}},
		{"each arc starts from zero", Topology{Transform: tr, Arcs: [][][2]float64{{{2, 2}}, {{4, 4}, {1, 1}}}},
			[][]Point{{{-179, -89.5}}, {{-178, -89}, {-177.5, -88.75}}}},
		{"no transform: positions as given", Topology{Arcs: [][][2]float64{{{10, 20}, {11, 21}}}},
			[][]Point{{{10, 20}, {11, 21}}}},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, decodeArcs(tc.topo)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

func TestRing(t *testing.T) {
	arcs := [][]Point{
		{{0, 0}, {1, 0}, {1, 1}},
		{{1, 1}, {0, 1}, {0, 0}},
		{{0, 0}, {1, 1}},
	}
	tests := []struct {
		idx  []int
		want []Point
	}{
		{[]int{0, 1}, []Point{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}},   // shared ends kept once
		{[]int{^1, ^0}, []Point{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}}, // both reversed
		{[]int{0, ^2}, []Point{{0, 0}, {1, 0}, {1, 1}, {0, 0}}},          // forward then reversed
	}
	for _, tc := range tests {
		got, err := ring(arcs, tc.idx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("ring %v (-want +got):\n%s", tc.idx, diff)
		}
	}
	if _, err := ring(arcs, []int{3}); err == nil {
		t.Error("ring of a missing arc: no error")
	}
}

func TestSplitAntimeridian(t *testing.T) {
	tests := []struct {
		name string
		r    []Point
		want [][]Point
	}{
		{"within ±180: unchanged", []Point{{10, 0}, {20, 0}, {20, 10}, {10, 0}}, [][]Point{{{10, 0}, {20, 0}, {20, 10}, {10, 0}}}},
		{"crossing eastward", []Point{{178, 0}, {-178, 0}, {-178, 2}, {178, 2}, {178, 0}},
			[][]Point{
				{{178, 0}, {180, 0}, {180, 2}, {178, 2}, {178, 0}},
				{{-180, 0}, {-178, 0}, {-178, 2}, {-180, 2}, {-180, 0}},
			}},
		{"starting west of the line", []Point{{-178, 0}, {178, 0}, {178, 2}, {-178, 2}, {-178, 0}},
			[][]Point{
				{{-178, 0}, {-180, 0}, {-180, 2}, {-178, 2}, {-178, 0}},
				{{180, 0}, {178, 0}, {178, 2}, {180, 2}, {180, 0}},
			}},
	}
	for _, tc := range tests {
		got := splitAntimeridian(tc.r)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
		for _, r := range got {
			for _, p := range r {
				if p[0] < -180 || p[0] > 180 {
					t.Errorf("%s: %v outside ±180", tc.name, p)
				}
			}
		}
	}
}

func TestEncodeRing(t *testing.T) {
	tests := []struct {
		r    []Point
		want string
	}{
		{[]Point{{-1, -1}, {1, -1}, {1, 1}, {1.001, 1.002}, {-1, -1}}, "-100,-100 200,0 0,200"}, // deltas; a repeat and the closing point dropped
		{[]Point{{10.004, 20}, {10.5, 20.25}, {9.996, 20.001}, {10, 20}}, ""},                   // two points once rounded
		{[]Point{{0, 0}, {0.001, 0}, {0, 0.002}}, ""},                                           // one point once rounded
	}
	for _, tc := range tests {
		if got := encodeRing(tc.r); got != tc.want {
			t.Errorf("encodeRing(%v) = %q, want %q", tc.r, got, tc.want)
		}
	}
}

// TestCountries decodes a small topology: numeric ids map to alpha-3,
// outlines without an id are named by hand and merged, Antarctica is
// dropped, and an unknown id is an error.
func TestCountries(t *testing.T) {
	src := `{"type":"Topology","arcs":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[20,0],[30,0],[30,10],[20,0]],[[40,0],[50,0],[50,-10],[40,0]],[[0,-80],[10,-80],[10,-85],[0,-80]]],
	"objects":{"countries":{"type":"GeometryCollection","geometries":[
	{"type":"Polygon","arcs":[[2]],"properties":{"name":"N. Cyprus"}},
	{"type":"Polygon","arcs":[[0]],"id":"196","properties":{"name":"Cyprus"}},
	{"type":"MultiPolygon","arcs":[[[1]]],"properties":{"name":"Kosovo"}},
	{"type":"Polygon","arcs":[[3]],"id":"010","properties":{"name":"Antarctica"}}]}}}`
	var topo Topology
	if err := json.Unmarshal([]byte(src), &topo); err != nil {
		t.Fatal(err)
	}
	codes := map[string]string{"196": "CYP", "010": "ATA"}
	cs, err := countries(topo, codes)
	if err != nil {
		t.Fatal(err)
	}
	got := format(cs)
	body := got[strings.Index(got, "\nCYP")+1:]
	want := "CYP\tCyprus\t4000,0 1000,0 0,-1000;0,0 1000,0 0,1000 -1000,0\n" +
		"UNK\tKosovo\t2000,0 1000,0 0,1000\n"
	if body != want {
		t.Errorf("format:\n%s\nwant:\n%s", body, want)
	}
	topo.Objects["countries"].Geometries[1].ID = "999"
	if _, err := countries(topo, codes); err == nil || !strings.Contains(err.Error(), "999") {
		t.Errorf("unknown id: error %v", err)
	}
}
