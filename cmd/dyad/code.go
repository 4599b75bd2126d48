package main

import (
	"context"
	"errors"
	"io"
)

// TODO(scaffold): replaced by the real subcommand.
func runCode(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("not built yet")
}
