package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// A dump is JSON Lines: a header line, then one record per stored document
// version with its reading diagnostics and, once coded, its analysis.
// Versions come in order, so that importing rebuilds the same chains.

// dumpFormat and dumpVersion identify the header line.
const (
	dumpFormat  = "dyad-dump"
	dumpVersion = 1
)

type dumpHeader struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
}

type dumpRecord struct {
	Document    doc.Document     `json:"document"`
	Diagnostics []doc.Diagnostic `json:"diagnostics,omitempty"` // found while reading
	Analysis    *dumpAnalysis    `json:"analysis,omitempty"`    // absent while pending
}

type dumpAnalysis struct {
	Annotations []doc.Annotation `json:"annotations,omitempty"`
	Events      []event.Event    `json:"events,omitempty"`
	Diagnostics []doc.Diagnostic `json:"diagnostics,omitempty"`
	Skipped     string           `json:"skipped,omitempty"`
}

const dumpExamples = `  dyad dump --out all.jsonl                                  # everything in ./dyad.db
  dyad import --db postgres://dyad@db/dyad all.jsonl         # into PostgreSQL
  dyad dump --db news.db | dyad import --db copy.db -        # SQLite to SQLite through a pipe`

// runDump writes every stored document version with its analysis.
func runDump(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("dump", "[--db FILE|URL] [--out FILE]", dumpExamples, stderr)
	load := configFlags(fs, "db")
	out := fs.String("out", "", "write to FILE instead of standard output")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	st, err := openStore(ctx, cfg.DB, true)
	if err != nil {
		return err
	}
	defer st.Close()
	dst := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		dst = f
	}
	w := bufio.NewWriter(dst)
	n, err := dump(ctx, st, w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil && *out != "" {
		err = dst.(*os.File).Close()
	}
	if err != nil {
		return fmt.Errorf("after %d documents: %w", n, err)
	}
	fmt.Fprintf(stderr, "dumped %d documents\n", n)
	return nil
}

// dump writes the header and every document of st to w. First versions
// are written as they are listed; later versions are held back and
// written last, in version order.
func dump(ctx context.Context, st store.Store, w io.Writer) (int, error) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(dumpHeader{Format: dumpFormat, Version: dumpVersion}); err != nil {
		return 0, err
	}
	n := 0
	write := func(d doc.Document) error {
		rec, err := dumpOne(ctx, st, d)
		if err != nil {
			return err
		}
		n++
		return enc.Encode(rec)
	}
	var later []doc.Document
	after := ""
	for {
		ds, err := st.Documents(ctx, store.DocFilter{AllVersions: true, Limit: store.MaxLimit, After: after})
		if err != nil {
			return n, err
		}
		for _, d := range ds {
			if d.Version > 1 {
				d.Text = "" // fetched again when written
				later = append(later, d)
				continue
			}
			if err := write(d); err != nil {
				return n, err
			}
		}
		if len(ds) < store.MaxLimit {
			break
		}
		after = ds[len(ds)-1].ID
	}
	sort.SliceStable(later, func(i, j int) bool { return later[i].Version < later[j].Version })
	for _, d := range later {
		full, err := st.Document(ctx, d.ID)
		if err != nil {
			return n, err
		}
		if err := write(*full); err != nil {
			return n, err
		}
	}
	return n, nil
}

func dumpOne(ctx context.Context, st store.Store, d doc.Document) (dumpRecord, error) {
	rec := dumpRecord{Document: d}
	info, err := st.DocumentInfo(ctx, d.ID)
	if err != nil {
		return rec, err
	}
	rec.Diagnostics = info.Diagnostics
	if info.Status == store.Pending {
		return rec, nil
	}
	a, err := st.Analysis(ctx, d.ID)
	if err != nil {
		return rec, err
	}
	rec.Analysis = &dumpAnalysis{Annotations: a.Annotations, Events: a.Events, Diagnostics: a.Diagnostics, Skipped: a.Skipped}
	return rec, nil
}

const importExamples = `  dyad import --db postgres://dyad@db/dyad all.jsonl
  dyad import --db copy.db --batch 200 all.jsonl
  dyad dump | dyad import --db postgres://dyad@db/dyad -`

// runImport loads a dump into the store. Documents already stored are
// unchanged and keep their analyses; a document stored but not yet coded
// takes the dump's analysis. A bad line is reported with its number and
// the import goes on.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("import", "[--db FILE|URL] FILE|-", importExamples, stderr)
	load := configFlags(fs, "db", "batch", "max-size")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: name one dump file, or - for standard input", errUsage)
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	name := fs.Arg(0)
	var in io.Reader = os.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	st, err := openStore(ctx, cfg.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := importDump(ctx, st, in, name, cfg.Batch, cfg.MaxSize, stderr)
	fmt.Fprintf(stdout, "read %d records: %d ingested, %d unchanged, %d superseded, %d with analyses, %d failed\n",
		sum.read, sum.ingested, sum.unchanged, sum.superseded, sum.analysed, sum.failed)
	if err != nil {
		return err
	}
	if sum.failed > 0 {
		return errFailed
	}
	return nil
}

type importSummary struct {
	read, ingested, unchanged, superseded, analysed, failed int
}

// importDump reads a dump from r (named name in messages) and stores it in
// batches of batch records. Lines longer than maxLine bytes are refused.
func importDump(ctx context.Context, st store.Store, r io.Reader, name string, batch int, maxLine int64, stderr io.Writer) (importSummary, error) {
	var sum importSummary
	br := bufio.NewReaderSize(r, 64<<10)
	var items []store.Item
	var lines []int
	flush := func() error {
		if len(items) == 0 {
			return nil
		}
		res, err := st.Put(ctx, items)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			sum.failed += len(items)
			fmt.Fprintf(stderr, "%s:%d-%d: %v\n", name, lines[0], lines[len(lines)-1], err)
		}
		for i, x := range res {
			switch x.Outcome {
			case store.Ingested:
				sum.ingested++
			case store.Unchanged:
				sum.unchanged++
			case store.Superseded:
				sum.superseded++
			}
			if items[i].Analysis != nil {
				sum.analysed++
			}
		}
		items, lines = items[:0], lines[:0]
		return nil
	}
	for lineNo := 1; ; lineNo++ {
		line, err := readLine(br, maxLine)
		if errors.Is(err, io.EOF) && len(line) == 0 {
			break
		}
		if err != nil && !errors.Is(err, io.EOF) {
			if errors.Is(err, errLineTooLong) {
				sum.failed++
				fmt.Fprintf(stderr, "%s:%d: %v\n", name, lineNo, err)
				continue
			}
			return sum, fmt.Errorf("%s:%d: %w", name, lineNo, err)
		}
		if lineNo == 1 {
			if err := checkDumpHeader(line); err != nil {
				return sum, fmt.Errorf("%s:1: %w", name, err)
			}
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		sum.read++
		it, perr := parseDumpRecord(line)
		if perr != nil {
			sum.failed++
			fmt.Fprintf(stderr, "%s:%d: %v\n", name, lineNo, perr)
			continue
		}
		items = append(items, it)
		lines = append(lines, lineNo)
		if len(items) >= batch {
			if err := flush(); err != nil {
				return sum, err
			}
		}
	}
	return sum, flush()
}

var errLineTooLong = errors.New("line longer than the size cap (see --max-size)")

// readLine reads one line without its newline, refusing (and skipping)
// lines longer than max bytes.
func readLine(br *bufio.Reader, max int64) ([]byte, error) {
	var line []byte
	for {
		part, err := br.ReadSlice('\n')
		if int64(len(line)+len(part)) > max+1 {
			// Skip to the end of the line.
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			if err != nil && !errors.Is(err, io.EOF) {
				return nil, err
			}
			return []byte{}, errLineTooLong
		}
		line = append(line, part...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), err
	}
}

func checkDumpHeader(line []byte) error {
	var h dumpHeader
	if err := json.Unmarshal(line, &h); err != nil || h.Format != dumpFormat {
		return fmt.Errorf("not a dyad dump: the first line must be {\"format\":%q,...} (write one with dyad dump)", dumpFormat)
	}
	if h.Version != dumpVersion {
		return fmt.Errorf("dump version %d: this program reads version %d", h.Version, dumpVersion)
	}
	return nil
}

// parseDumpRecord reads one record and checks what the store cannot: that
// the text is valid, that a stated ID is the text's, and that the analysis
// belongs to the document.
func parseDumpRecord(line []byte) (store.Item, error) {
	var rec dumpRecord
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		return store.Item{}, fmt.Errorf("bad record: %v", err)
	}
	if dec.More() {
		return store.Item{}, errors.New("bad record: more than one JSON value on the line")
	}
	d := rec.Document
	switch {
	case strings.TrimSpace(d.Text) == "":
		return store.Item{}, errors.New("field document.text: empty")
	case !utf8.ValidString(d.Text):
		return store.Item{}, errors.New("field document.text: not valid UTF-8")
	case strings.IndexByte(d.Text, 0) >= 0:
		return store.Item{}, errors.New("field document.text: holds a NUL byte")
	}
	id := doc.ContentID(d.Text)
	if d.ID != "" && d.ID != id {
		return store.Item{}, fmt.Errorf("field document.id: %q is not the ID of the text (%s)", d.ID, id)
	}
	d.ID = id
	it := store.Item{Doc: d, Diagnostics: rec.Diagnostics}
	if a := rec.Analysis; a != nil {
		n := len(d.Text)
		for i, an := range a.Annotations {
			if !an.Span.Valid(n) || (an.Ref != nil && !an.Ref.Valid(n)) {
				return store.Item{}, fmt.Errorf("field analysis.annotations[%d]: span outside the text", i)
			}
		}
		for i, e := range a.Events {
			switch {
			case e.ID == "":
				return store.Item{}, fmt.Errorf("field analysis.events[%d].id: empty", i)
			case e.DocID != "" && e.DocID != id:
				return store.Item{}, fmt.Errorf("field analysis.events[%d].doc_id: %q is not the document's ID", i, e.DocID)
			case !e.Trigger.Valid(n):
				return store.Item{}, fmt.Errorf("field analysis.events[%d].trigger: span outside the text", i)
			}
		}
		it.Analysis = &store.Analysis{DocID: id, Annotations: a.Annotations, Events: a.Events, Diagnostics: a.Diagnostics, Skipped: a.Skipped}
	}
	return it, nil
}
