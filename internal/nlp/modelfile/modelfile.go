// Package modelfile is the framing every dyad model file shares: a gzip
// stream that starts with a magic line and a format version, then fields
// written as unsigned varints, length-prefixed strings and single bytes.
// The tagger and the parser describe their own fields; the framing, the
// header check and the bounds on what a file may claim live here, once.
package modelfile

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// ErrFormat is the error of a file that is not a model of the expected
// kind and version, or that is malformed.
var ErrFormat = errors.New("malformed model file")

// Writer writes one model file.
type Writer struct {
	zw  *gzip.Writer
	bw  *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

// Create starts a model file on w with its magic line and version.
func Create(w io.Writer, magic string, version uint64) (*Writer, error) {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	mw := &Writer{zw: zw, bw: bufio.NewWriter(zw)}
	mw.bw.WriteString(magic)
	mw.Uvarint(version)
	return mw, nil
}

// Uvarint writes v as an unsigned varint.
func (w *Writer) Uvarint(v uint64) { w.bw.Write(w.buf[:binary.PutUvarint(w.buf[:], v)]) }

// String writes s with its byte length first.
func (w *Writer) String(s string) {
	w.Uvarint(uint64(len(s)))
	w.bw.WriteString(s)
}

// Byte writes one byte.
func (w *Writer) Byte(b byte) { w.bw.WriteByte(b) }

// Raw returns the underlying writer, for sections that write themselves
// (a weight table, a word class table).
func (w *Writer) Raw() *bufio.Writer { return w.bw }

// Close flushes the file and ends the gzip stream.
func (w *Writer) Close() error {
	if err := w.bw.Flush(); err != nil {
		return err
	}
	return w.zw.Close()
}

// Reader reads one model file.
type Reader struct {
	br *bufio.Reader
}

// Open checks that r is a model file with the magic line and version
// wanted; what, such as "tagger", names the kind in errors.
func Open(r io.Reader, what, magic string, version uint64) (*Reader, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFormat, what, err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, fmt.Errorf("%w: not a dyad %s file", ErrFormat, what)
	}
	v, err := binary.ReadUvarint(br)
	if err != nil || v != version {
		return nil, fmt.Errorf("%w: %s version %d, want %d", ErrFormat, what, v, version)
	}
	return &Reader{br: br}, nil
}

// Uvarint reads an unsigned varint no larger than max.
func (r *Reader) Uvarint(max uint64) (uint64, error) {
	v, err := binary.ReadUvarint(r.br)
	if err != nil {
		return 0, err
	}
	if v > max {
		return 0, fmt.Errorf("value %d over %d", v, max)
	}
	return v, nil
}

// String reads a length-prefixed string of at most max bytes.
func (r *Reader) String(max int) (string, error) {
	n, err := r.Uvarint(uint64(max))
	if err != nil {
		return "", err
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r.br, b); err != nil {
		return "", err
	}
	return string(b), nil
}

// Byte reads one byte.
func (r *Reader) Byte() (byte, error) { return r.br.ReadByte() }

// Raw returns the underlying reader, for sections that read themselves.
func (r *Reader) Raw() *bufio.Reader { return r.br }
