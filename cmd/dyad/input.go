package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dyad-project/dyad/internal/source"
)

// readText is the one reader of a command's text argument ("dyad code",
// "parse", "actors", "timex"): "-" is standard input, a regular file is
// read, and, when literal is true, anything else is the text itself. Every
// read is bounded by max (the command's --max-size); a named pipe, socket
// or device is refused rather than opened.
func readText(arg string, max int64, literal bool) (string, error) {
	name, r := "standard input", io.Reader(os.Stdin)
	if arg != "-" {
		st, err := os.Stat(arg)
		switch {
		case err != nil && literal:
			return arg, nil
		case err != nil:
			return "", err
		case st.IsDir():
			return "", fmt.Errorf("%s: a directory; give a file, or use dyad ingest", arg)
		case !st.Mode().IsRegular():
			return "", fmt.Errorf("%s: not a regular file (use - to read standard input)", arg)
		case st.Size() > max:
			return "", fmt.Errorf("%s: %d bytes, over the --max-size cap of %d bytes", arg, st.Size(), max)
		}
		f, err := os.Open(arg)
		if err != nil {
			return "", err
		}
		defer f.Close()
		name, r = arg, f
	}
	b, err := source.ReadCapped(r, max)
	if errors.Is(err, source.ErrTooLarge) {
		return "", fmt.Errorf("%s: over the --max-size cap of %d bytes", name, max)
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return string(b), nil
}

// literalText joins a command's arguments into its text, or reads the one
// file or "-" they name.
func literalText(args []string, max int64) (string, error) {
	if len(args) == 1 {
		return readText(args[0], max, true)
	}
	s := strings.Join(args, " ")
	if int64(len(s)) > max {
		return "", fmt.Errorf("the text is %d bytes, over the --max-size cap of %d bytes", len(s), max)
	}
	return s, nil
}
