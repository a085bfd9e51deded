package jira

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	"steerco/internal/ingest"
	"steerco/internal/ingest/roadmap"
)

// MaxXMLDepth bounds element nesting in an XML export.
const MaxXMLDepth = 64

// readRSS reads Jira's XML (RSS 0.92) export into issues.
// It refuses what roadmap.CheckXML refuses (huge texts, deep nesting, DTD
// entities, too many elements) before decoding, and checks ctx as it goes.
func readRSS(ctx context.Context, name string, data []byte) ([]*issue, error) {
	lim := roadmap.DefaultXMLLimits
	lim.MaxDepth = MaxXMLDepth
	lim.MaxToken = MaxFieldLength
	if err := roadmap.CheckXML(ctx, name, data, lim, "a Jira export"); err != nil {
		return nil, err
	}
	// Jira writes characters outside the BMP (emoji) as two numeric
	// references to UTF-16 surrogates, which XML forbids: join them first.
	data = joinSurrogates(data)
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var out []*issue
	var path []string
	var cur *issue
	var text strings.Builder
	// state inside <item>
	var cfName string
	var cfValues []string
	var linkType string
	var linkDir string // "outward" or "inward"
	sawRSS := false
	toks := roadmap.NewXMLTokens(ctx, name, dec)
	for {
		tok, line, err := toks.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			path = append(path, t.Name.Local)
			if len(path) > MaxXMLDepth {
				return nil, &ingest.ParseError{Location: ingest.Location{File: name, Row: line}, Msg: fmt.Sprintf("elements are nested more than %d deep; this is not a Jira export", MaxXMLDepth)}
			}
			text.Reset()
			if len(path) == 1 {
				if t.Name.Local != "rss" {
					return nil, &ingest.ParseError{Location: ingest.Location{File: name}, Msg: fmt.Sprintf("the XML root element is <%s>, not Jira's <rss>", t.Name.Local)}
				}
				sawRSS = true
			}
			switch t.Name.Local {
			case "item":
				if parentIs(path, "channel") {
					if len(out) >= MaxRows {
						return nil, &ingest.ParseError{Location: ingest.Location{File: name}, Msg: fmt.Sprintf("the export has more than %d issues; export fewer issues at a time (filter by project or epic)", MaxRows)}
					}
					cur = &issue{Line: line}
				}
			case "customfield":
				cfName, cfValues = "", nil
			case "issuelinktype":
				linkType = ""
			case "outwardlinks":
				linkDir = "outward"
			case "inwardlinks":
				linkDir = "inward"
			}
			if cur == nil {
				continue
			}
			switch t.Name.Local {
			case "key":
				if parentIs(path, "item") {
					cur.ID = attr(t, "id")
				}
			case "project":
				if parentIs(path, "item") {
					cur.Project = attr(t, "key")
				}
			case "statusCategory":
				cur.StatusCategory = map[string]string{"new": "To Do", "indeterminate": "In Progress", "done": "Done"}[attr(t, "key")]
			case "timeoriginalestimate":
				cur.Orig = attr(t, "seconds")
			case "timeestimate":
				cur.Rem = attr(t, "seconds")
			case "aggregatetimeoriginalestimate":
				cur.SigmaOrig = attr(t, "seconds")
			case "parent":
				if parentIs(path, "item") {
					cur.Parent = attr(t, "id")
				}
			}
		case xml.CharData:
			if text.Len() < MaxFieldLength {
				text.Write(t)
			}
		case xml.EndElement:
			if len(path) == 0 {
				continue
			}
			el := path[len(path)-1]
			v := strings.TrimSpace(text.String())
			text.Reset()
			if cur != nil {
				inItem := parentIs(path, "item")
				switch {
				case el == "item" && len(path) >= 2 && path[len(path)-2] == "channel":
					out = append(out, cur)
					cur = nil
				case inItem && el == "key":
					cur.Key = v
				case inItem && el == "summary":
					cur.Summary = v
				case inItem && el == "type":
					cur.Type = v
				case inItem && el == "status":
					cur.Status = v
				case inItem && el == "project":
					cur.ProjectName = v
				case inItem && el == "due":
					cur.Due = v
				case inItem && el == "resolved":
					cur.Resolved = v
				case inItem && el == "assignee":
					if v != "Unassigned" {
						cur.Assignee = v
					}
				case inItem && el == "parent":
					cur.ParentKey = v
				case inItem && el == "component":
					cur.Components = append(cur.Components, v)
				case inItem && el == "fixVersion":
					cur.FixVersions = append(cur.FixVersions, v)
				case el == "label" && parentIs(path, "labels"):
					if v != "" {
						cur.Labels = append(cur.Labels, v)
					}
				case el == "customfieldname":
					cfName = v
				case el == "customfieldvalue":
					cfValues = append(cfValues, v)
				case el == "customfield":
					cur.Custom = append(cur.Custom, customField{Name: cfName, Values: cfValues})
				case el == "name" && parentIs(path, "issuelinktype"):
					linkType = v
				case el == "issuekey" && strings.EqualFold(linkType, "Blocks"):
					if linkDir == "outward" {
						cur.BlocksOut = append(cur.BlocksOut, v)
					} else if linkDir == "inward" {
						cur.BlockedBy = append(cur.BlockedBy, v)
					}
				case el == "outwardlinks" || el == "inwardlinks":
					linkDir = ""
				}
			}
			path = path[:len(path)-1]
		}
	}
	if !sawRSS {
		return nil, &ingest.ParseError{Location: ingest.Location{File: name}, Msg: "the file holds no XML elements"}
	}
	return out, nil
}

func parentIs(path []string, name string) bool {
	return len(path) >= 2 && path[len(path)-2] == name
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

var surrogatePair = regexp.MustCompile(`&#(\d{5});&#(\d{5});`)

func joinSurrogates(data []byte) []byte {
	if !bytes.Contains(data, []byte("&#5")) {
		return data
	}
	return surrogatePair.ReplaceAllFunc(data, func(m []byte) []byte {
		sub := surrogatePair.FindSubmatch(m)
		hi, _ := strconv.Atoi(string(sub[1]))
		lo, _ := strconv.Atoi(string(sub[2]))
		if hi < 0xD800 || hi > 0xDBFF || lo < 0xDC00 || lo > 0xDFFF {
			return m
		}
		r := utf16.DecodeRune(rune(hi), rune(lo))
		return []byte(fmt.Sprintf("&#%d;", r))
	})
}
