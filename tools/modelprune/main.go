// Command modelprune drops the small weights of a trained dyad tagger or
// parser model to make it smaller:
//
//	go run ./tools/modelprune -min 1.0 -in parser.bin.gz -out data/models/parser.bin.gz
//
// It prints the weights kept. The model kind is read from the file.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dyad-project/dyad/internal/nlp/depparse"
	"github.com/dyad-project/dyad/internal/nlp/postag"
)

func main() {
	in := flag.String("in", "", "model file to read")
	out := flag.String("out", "", "model file to write")
	minAbs := flag.Float64("min", 1, "drop weights whose magnitude is below this")
	flag.Parse()
	if err := run(*in, *out, float32(*minAbs)); err != nil {
		fmt.Fprintln(os.Stderr, "modelprune:", err)
		os.Exit(1)
	}
}

func run(in, out string, minAbs float32) error {
	if in == "" || out == "" {
		return fmt.Errorf("-in and -out are required")
	}
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	head := make([]byte, 12)
	if _, err := io.ReadFull(zr, head); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	var buf bytes.Buffer
	switch {
	case strings.HasPrefix(string(head), "dyad-tagger"):
		m, err := postag.Load(bytes.NewReader(data))
		if err != nil {
			return err
		}
		if err := m.Prune(minAbs).Save(&buf); err != nil {
			return err
		}
	case strings.HasPrefix(string(head), "dyad-parser"):
		m, err := depparse.Load(bytes.NewReader(data))
		if err != nil {
			return err
		}
		p := m.Prune(minAbs)
		fmt.Printf("%d features, %d weights kept\n", p.Features(), p.Weights())
		if err := p.Save(&buf); err != nil {
			return err
		}
	default:
		return fmt.Errorf("%s: not a dyad model", in)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %s (%d bytes)\n", out, buf.Len())
	return nil
}
