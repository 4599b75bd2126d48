package actor_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/actor"
)

func TestImportPetrarchActors(t *testing.T) {
	f, err := os.Open("testdata/petrarch-sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	es, ps := actor.ImportPetrarch(f, "sample", actor.PetrarchCountries)
	var buf bytes.Buffer
	if err := actor.Write(&buf, es); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{
		"country Northland\n  code NLD\n  alias Northlander\n  alias North Land\n",
		"person Anna Example\n  code NLDELI\n  alias President Example\n  role NLDELI 1990-01-01..1999-12-31\n  role NLDGOV 2000-01-01..\n",
		// a synonym block: two phrase lines share the codes that follow
		"igo First Name\n  code IGOXYZ\n  alias Second Name\n  alias Third Name\n",
		// the role with a bad date is dropped, so the next phrase joins the block
		"org Bad Dates\n  code NLDREB\n  alias Example Front\n  alias EXF\n",
		// a body with a dated code is not a person
		"org Border Forces\n  role NLDGOV 2010-01-01..2012-01-01\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("converted output lacks\n%s\ngot:\n%s", want, got)
		}
	}
	if len(ps) != 2 || !strings.Contains(ps[0].Error(), "sample:16: warning") || !strings.Contains(ps[1].Error(), "sample:20: warning: \"LONELY_NAME_\" has no usable code") {
		t.Errorf("problems = %v, want the 7-digit date on line 16 and the entry left without code", ps)
	}
	if _, ps := actor.Parse(strings.NewReader(got), "out"); len(ps.Errors()) > 0 {
		t.Errorf("converted file does not parse: %v", ps)
	}
}

func TestImportPetrarchAgents(t *testing.T) {
	in := "!MINIST! = MINISTER, MINISTRY\nPOLICE {} [~COP]\n!MINIST! OF_DEFENSE [~GOVMIL]\nCHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]\nTRUCE_MONITOR [IGO~]\n"
	es, ps := actor.ImportPetrarch(strings.NewReader(in), "agents", actor.PetrarchAgents)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	var buf bytes.Buffer
	actor.Write(&buf, es)
	want := "agent police\n  sector COP\n  plural none\n\nagent minister of defense\n  sector GOVMIL\n  alias ministry of defense\n\nagent chamber of commerce\n  sector BUS\n  plural chambers of commerce\n\nagent truce monitor\n  code IGO\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
