package timex

import (
	"testing"

	"github.com/dyad-project/dyad/internal/testenv"
)

// benchSentences are news-like sentences we wrote, with and without
// temporal expressions, in the proportion of a wire story.
var benchSentences = []string{
	"WASHINGTON, Jan. 5 (AP) -- The Senate voted Tuesday to extend the program for two years.",
	"Ministers from both countries met on Wednesday and will meet again next month in Geneva.",
	"The rebels, who seized the town in early 2023, said they would withdraw by March 15.",
	"Police said the suspect, a 44-year-old man from the capital, was arrested without incident.",
	"The central bank raised its key rate by half a point, the third increase this year.",
	"Fighting has displaced more than 1,500 families since 2022, according to the United Nations.",
	"Talks collapsed two days ago after the delegation walked out of the hotel.",
	"Officials declined to comment on the report, which was published by a local newspaper.",
	"The president is scheduled to visit Nairobi on Friday morning and Kampala on Saturday.",
	"Over the past decade, the number of attacks has risen sharply in the north of the country.",
	"Prices fell 3 percent in the first quarter of 2024 compared with a year earlier.",
	"The opposition leader called for calm and urged supporters to stay at home.",
	"An explosion at 10:30 a.m. killed at least 12 people near the main market.",
	"The ceasefire, agreed last week, has largely held despite sporadic clashes.",
	"Protesters have gathered in the square every day for weeks, demanding new elections.",
	"The minister said the government would not negotiate with armed groups.",
}

// BenchmarkFind reports recognition throughput over the fixed sentences.
func BenchmarkFind(b *testing.B) {
	r := New()
	ref := day(sat)
	want := 0
	for _, s := range benchSentences {
		want += len(r.Find(s, ref))
	}
	if want != 19 { // counted when the sentences were written
		b.Fatalf("%d expressions in the benchmark sentences, want 19", want)
	}
	bytes := 0
	for _, s := range benchSentences {
		bytes += len(s)
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	cpu0 := testenv.CPUTime()
	for b.Loop() {
		got := 0
		for _, s := range benchSentences {
			got += len(r.Find(s, ref))
		}
		if got != want {
			b.Fatalf("found %d expressions, want %d", got, want)
		}
		n += len(benchSentences)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
	// on a shared machine the wall clock counts other work too; the CPU
	// time of this process does not
	if cpu := testenv.CPUTime() - cpu0; cpu > 0 && cpu0 > 0 {
		b.ReportMetric(float64(n)/cpu.Seconds(), "sentences/cpu-s")
	}
}
