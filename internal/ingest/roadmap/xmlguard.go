package roadmap

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"steerco/internal/ingest"
)

// XMLLimits bound what the XML readers (MS Project, GanttProject, Jira RSS)
// accept, so a hostile file is refused before it is decoded.
type XMLLimits struct {
	MaxBytes    int // the whole document
	MaxDepth    int // element nesting
	MaxElements int // elements in the document
	MaxToken    int // bytes between two '<': one text, attribute list or tag
}

// DefaultXMLLimits are generous for real plans: the largest real MSPDI
// file seen is 559 KB with 111 tasks; a plan of 100,000 tasks at ~50
// elements each is 5 million elements.
var DefaultXMLLimits = XMLLimits{
	MaxBytes:    ingest.MaxFileSize,
	MaxDepth:    64,
	MaxElements: 5_000_000,
	MaxToken:    1 << 20,
}

// CheckXML scans data before it is decoded and returns a located
// *ingest.ParseError when the document is larger than the limits allow, has
// a text, attribute or tag longer than MaxToken bytes (found by a byte scan
// that allocates nothing, so a 100 MB task name is refused without being
// read into a string), declares DTD entities (which Steerco never expands:
// a plan has no need of them, and "billion laughs" files are made of them),
// nests elements deeper than MaxDepth or holds more than MaxElements. It
// checks ctx as it goes and returns ctx.Err() when cancelled. what names the
// format for the messages, e.g. "an MS Project plan".
func CheckXML(ctx context.Context, file string, data []byte, lim XMLLimits, what string) error {
	at := func(off int, msg string) error {
		line := 1 + bytes.Count(data[:off], []byte{'\n'})
		return &ingest.ParseError{Location: ingest.Location{File: file, Row: line}, Msg: msg}
	}
	if lim.MaxBytes > 0 && len(data) > lim.MaxBytes {
		return &ingest.ParseError{Location: ingest.Location{File: file}, Msg: fmt.Sprintf("the file is %d MiB, more than the %d MiB Steerco reads from %s", len(data)>>20, lim.MaxBytes>>20, what)}
	}
	// Byte scan: the gap between two '<' (the file's start counts as one).
	if lim.MaxToken > 0 {
		prev := 0
		for n := 1; prev+1 < len(data); n++ {
			if n&0xffff == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			i := bytes.IndexByte(data[prev+1:min(len(data), prev+1+lim.MaxToken)], '<')
			if i < 0 {
				if len(data)-prev > lim.MaxToken {
					return at(prev, fmt.Sprintf("a text, name or tag starting here is longer than %d KiB, more than %s holds; Steerco does not read it", lim.MaxToken>>10, what))
				}
				break
			}
			prev += 1 + i
		}
	}
	// Token scan: entities, depth, element count.
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	dec.CharsetReader = XMLCharsetReader("")
	depth, elements := 0, 0
	for n := 0; ; n++ {
		if n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		off := int(dec.InputOffset())
		tok, err := dec.RawToken()
		if err != nil {
			return nil // syntax errors are reported by the real parse
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.Contains(t, []byte("ENTITY")) {
				return at(off, fmt.Sprintf("the document declares XML entities (<!ENTITY …>); Steerco does not expand them and %s has none", what))
			}
		case xml.StartElement:
			depth++
			elements++
			if lim.MaxDepth > 0 && depth > lim.MaxDepth {
				return at(off, fmt.Sprintf("elements are nested more than %d deep; this is not %s", lim.MaxDepth, what))
			}
			if lim.MaxElements > 0 && elements > lim.MaxElements {
				return at(off, fmt.Sprintf("the document has more than %d elements, more than %s Steerco reads; split it", lim.MaxElements, what))
			}
		case xml.EndElement:
			depth--
		}
	}
}

// XMLTokens reads the tokens of an XML document that CheckXML has passed,
// for the three XML readers alike: Next returns the next token and the line
// it ends on, io.EOF after the last, ctx.Err() when ctx is cancelled (checked
// every 1,024 tokens) and a *ingest.ParseError located at its line when the
// XML is malformed.
type XMLTokens struct {
	ctx  context.Context
	file string
	dec  *xml.Decoder
	n    int
}

// NewXMLTokens reads dec's tokens for the file named file.
func NewXMLTokens(ctx context.Context, file string, dec *xml.Decoder) *XMLTokens {
	return &XMLTokens{ctx: ctx, file: file, dec: dec}
}

// Next returns the next token and its line (see XMLTokens).
func (r *XMLTokens) Next() (xml.Token, int, error) {
	r.n++
	if r.n&1023 == 0 {
		if err := r.ctx.Err(); err != nil {
			return nil, 0, err
		}
	}
	tok, err := r.dec.Token()
	line, _ := r.dec.InputPos()
	if errors.Is(err, io.EOF) {
		return nil, line, io.EOF
	}
	if err != nil {
		return nil, line, &ingest.ParseError{Location: ingest.Location{File: r.file, Row: line}, Msg: "the XML is malformed", Err: err}
	}
	return tok, line, nil
}
