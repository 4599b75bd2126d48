package extract_test

import (
	"fmt"

	"github.com/dyad-project/dyad/internal/extract"
)

func ExampleHTML() {
	page := []byte(`<html><head>
<title>Envoys meet in Oslo</title>
<meta property="og:site_name" content="Fjord Post">
<meta property="article:published_time" content="2024-09-03T07:00:00Z">
<link rel="canonical" href="https://fjordpost.example/envoys-oslo">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><p>Envoys from the two governments met in Oslo on Tuesday for the first direct talks in a year, Norway's foreign ministry said.</p></article>
</body></html>`)
	p, err := extract.HTML(page, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Title)
	fmt.Println(p.Outlet, p.Published.Format("2006-01-02"), p.URL)
	fmt.Println(p.Text)
	// Output:
	// Envoys meet in Oslo
	// Fjord Post 2024-09-03 https://fjordpost.example/envoys-oslo
	// Envoys from the two governments met in Oslo on Tuesday for the first direct talks in a year, Norway's foreign ministry said.
}

func ExampleParseDate() {
	for _, s := range []string{"2024-03-12", "Tue, 12 Mar 2024 10:20:30 +0100", "March 12, 2024", "12 March 2024"} {
		t, _ := extract.ParseDate(s)
		fmt.Println(t.Format("2006-01-02 15:04"))
	}
	// Output:
	// 2024-03-12 00:00
	// 2024-03-12 09:20
	// 2024-03-12 00:00
	// 2024-03-12 00:00
}
