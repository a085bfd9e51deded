package ingest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"steerco/internal/ingest/csvx"
)

// Kinds lists every kind, in the order help texts show them.
var Kinds = []Kind{Finance, Jira, MSProject, Gantt, Delivery}

// ParseKind reads a kind name as typed on a command line.
func ParseKind(s string) (Kind, bool) {
	for _, k := range Kinds {
		if strings.EqualFold(strings.TrimSpace(s), string(k)) {
			return k, true
		}
	}
	return "", false
}

const mppMessage = "This is a binary .mpp (or old .xls) file: in Microsoft Project choose File › Save As › XML; in Excel save as .xlsx"

// Detect names the kind of an import file from its content, never its
// extension (name is used in messages only):
//
//   - a ZIP holding an Excel workbook (PK\x03\x04 … xl/) is finance;
//   - an OLE2 compound file (D0 CF 11 E0 A1 B1 1A E1: .mpp, old .xls) is refused
//     with how to save it as XML or .xlsx;
//   - XML: <Project xmlns="http://schemas.microsoft.com/project"> (or a
//     namespace-less Project with MSPDI children) is msproject; a <project>
//     root with GanttProject attributes or a <tasks> child is gantt; <rss>
//     from Jira is jira;
//   - JSON with "deployments", "changes" or "incidents" is delivery;
//   - CSV or TSV text is jira when its header has "Issue key" with "Issue
//     Type", "Summary" or "Issue id"; delivery when it names deployments or
//     incidents (deploy…, finished_date, incident, pirmaryDeployment …);
//     finance otherwise.
//
// Anything else — empty, binary, PDF, TaskJuggler, other XML or JSON — is
// refused with a *ParseError that says what the file seems to be and what to
// do instead.
func Detect(name string, data []byte) (Kind, error) {
	refuse := func(format string, args ...any) (Kind, error) {
		return "", &ParseError{Location: Location{File: name}, Msg: fmt.Sprintf(format, args...)}
	}
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return refuse("the file is empty")
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		switch {
		case bytes.Contains(data, []byte("xl/")):
			return Finance, nil
		case bytes.Contains(data, []byte("application/vnd.oasis.opendocument.spreadsheet")):
			return refuse("this is an OpenDocument spreadsheet (.ods): save it as Excel .xlsx or as CSV, then import that")
		case bytes.Contains(data, []byte("word/")):
			return refuse("this is a Word document, not a workbook, plan or export Steerco imports")
		}
		return refuse("this is a ZIP archive but not an Excel workbook; unzip it and import the .xlsx, .csv or .xml inside")
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		// An OLE2 compound file; its directory names its streams in UTF-16LE.
		switch {
		case bytes.Contains(data, utf16le("TBkndTask")):
			// Same words as msproject.MPPMessage (which imports this package).
			return refuse("This is a binary .mpp file. In Microsoft Project choose File › Save As › XML (*.xml), then import the XML.")
		case bytes.Contains(data, utf16le("Workbook")) || bytes.Contains(data, utf16le("Book\x00")):
			return refuse("This is an old binary Excel workbook (.xls): in Excel choose File › Save As › Excel Workbook (.xlsx), then import that")
		case bytes.Contains(data, utf16le("WordDocument")):
			return refuse("this is a Word 97–2003 document (.doc), not a workbook, plan or export Steerco imports")
		}
		return refuse(mppMessage)
	case bytes.HasPrefix(data, []byte("%PDF")):
		return refuse("this is a PDF; Steerco imports workbooks (.xlsx, .csv), Jira exports, MS Project XML, GanttProject files and delivery data (CSV, JSON)")
	}
	text, _, err := csvx.Decode(data)
	if err != nil {
		return refuse("the file is neither a workbook nor readable text (%v)", err)
	}
	if binary(text) {
		return refuse("this is a binary file, not a workbook, XML plan, CSV or JSON file Steerco imports")
	}
	trimmed := bytes.TrimLeft(text, " \t\r\n")
	if len(trimmed) == 0 {
		// Only a byte-order mark, or only white space.
		return refuse("the file is empty")
	}
	switch trimmed[0] {
	case '<':
		return detectXML(name, trimmed)
	case '{', '[':
		if k, err := detectJSON(name, trimmed); k != "" || err != nil {
			return k, err
		}
	}
	if head := text[:min(len(text), 64<<10)]; tjpProject.Match(head) && tjpTask.Match(head) {
		return refuse("this is a TaskJuggler project (.tjp); Steerco does not read it directly. Export it from TaskJuggler as MS Project XML (an export report with formats mspxml) and import that")
	}
	return detectCSV(name, text)
}

// A TaskJuggler file has a project header and task or resource blocks.
func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}

var (
	tjpProject = regexp.MustCompile(`(?m)^\s*project\b[^\n]*"[^"\n]*"`)
	tjpTask    = regexp.MustCompile(`(?m)^\s*(task|resource|shift)\s+[\w.$\{\}]+\s+"`)
)

// binary reports NUL bytes or many control characters in the first 4 KB.
func binary(text []byte) bool {
	head := text[:min(len(text), 4096)]
	ctl := 0
	for _, c := range head {
		switch {
		case c == 0:
			return true
		case c < 32 && c != '\n' && c != '\r' && c != '\t' && c != '\f':
			ctl++
		}
	}
	return ctl*20 > len(head)
}

const mspdiNS = "http://schemas.microsoft.com/project"

func detectXML(name string, text []byte) (Kind, error) {
	refuse := func(format string, args ...any) (Kind, error) {
		return "", &ParseError{Location: Location{File: name}, Msg: fmt.Sprintf(format, args...)}
	}
	dec := xml.NewDecoder(bytes.NewReader(text))
	dec.Strict = false
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil } // text is already UTF-8
	var root *xml.StartElement
	for n := 0; root == nil && n < 1000; n++ {
		tok, err := dec.Token()
		if err != nil {
			return refuse("the file starts like XML but cannot be read (%v)", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			root = &se
		}
	}
	if root == nil {
		return refuse("the file starts like XML but has no root element")
	}
	// The first few child elements, for formats recognised by their children.
	children := map[string]bool{}
	for n := 0; n < 200; n++ {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if se, ok := tok.(xml.StartElement); ok {
			children[se.Name.Local] = true
		}
	}
	attrs := map[string]bool{}
	for _, a := range root.Attr {
		attrs[a.Name.Local] = true
	}
	switch local := root.Name.Local; {
	case local == "Project" && (root.Name.Space == mspdiNS || children["SaveVersion"] || children["Tasks"] || children["MinutesPerDay"] || children["Calendars"]):
		return MSProject, nil
	case local == "project" && (attrs["webLink"] || attrs["view-date"] || attrs["company"] || children["tasks"] || (attrs["name"] && attrs["version"])):
		return Gantt, nil
	case local == "rss":
		if bytes.Contains(bytes.ToLower(text[:min(len(text), 1<<20)]), []byte("jira")) {
			return Jira, nil
		}
		return refuse("this is an RSS feed but not a Jira export; export the issues from Jira (Export › XML or CSV) and import that")
	case local == "Project" || local == "project":
		return refuse("this XML has a <%s> root but is neither MS Project XML (MSPDI) nor a GanttProject file", local)
	}
	return refuse("this XML file (root <%s>) is not a format Steerco imports: MS Project XML, a GanttProject .gan file or a Jira RSS/XML export", root.Name.Local)
}

// detectJSON returns Delivery, or a refusal; ("", nil) means "not JSON after
// all" (a CSV whose first cell starts with a bracket).
func detectJSON(name string, text []byte) (Kind, error) {
	refuse := func(format string, args ...any) (Kind, error) {
		return "", &ParseError{Location: Location{File: name}, Msg: fmt.Sprintf(format, args...)}
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	tok, err := dec.Token()
	if err != nil {
		return "", nil
	}
	if tok == json.Delim('[') {
		if !dec.More() {
			return refuse("this JSON is an empty list: it holds no data")
		}
		var first map[string]any
		if err := dec.Decode(&first); err != nil {
			return refuse("this JSON is a list, not the delivery shape {\"deployments\":[…],\"changes\":[…],\"incidents\":[…]}")
		}
		_, hasName := first["name"]
		_, hasType := first["type"]
		_, hasMode := first["mode"]
		if hasName && hasType && hasMode {
			return refuse("this is a table schema (a BigQuery schema such as Four Keys' events_raw: column names and types), not data: it contains no deployments, changes or incidents. Export the rows of the deployments, changes and incidents tables, or write them in Steerco's delivery shape (README, \"Importing delivery data\")")
		}
		if _, ok := first["event_type"]; ok {
			return refuse("these are Four Keys raw events (webhook payloads); Steerco does not derive deployments from raw events. Export Four Keys' deployments, changes and incidents tables, or write them in Steerco's delivery shape")
		}
		return refuse("this JSON is a list, not the delivery shape {\"deployments\":[…],\"changes\":[…],\"incidents\":[…]}")
	}
	keys := []string{}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return refuse("the file starts like JSON but is malformed (%v)", err)
		}
		key, _ := k.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return refuse("the file starts like JSON but is malformed (%v)", err)
		}
		switch strings.ToLower(key) {
		case "deployments", "changes", "incidents":
			return Delivery, nil
		case "format":
			if bytes.Contains(v, []byte("steerco-portfolio")) {
				return refuse("this is a whole Steerco portfolio in JSON; create a portfolio file from it with \"steerco import-json\"")
			}
		}
		keys = append(keys, key)
	}
	return refuse("this JSON (keys: %s) holds no \"deployments\", \"changes\" or \"incidents\", the only JSON Steerco imports", strings.Join(keys[:min(len(keys), 8)], ", "))
}

// Header names (lower case, letters and digits only) that mark a delivery file.
var deliveryHeaders = map[string]bool{
	"deployment": true, "deployments": true, "deploymentid": true, "deployid": true, "deployedat": true, "deploytime": true,
	"deploymentdate": true, "deploydate": true, "cicddeploymentid": true, "finisheddate": true, "primarydeployment": true,
	"pirmarydeployment": true, "secondarydeployment": true, "productiondeployment": true, "incident": true, "incidentid": true,
	"incidentnumber": true, "pullrequests": true, "committedat": true, "mergedat": true, "resolvedat": true, "restoredat": true,
}

// Header words that mark money, so "Deployment cost" stays finance.
var moneyWords = []string{"amount", "cost", "budget", "spend", "actual", "price", "invoice", "gbp", "usd", "eur"}

func detectCSV(name string, text []byte) (Kind, error) {
	r, err := csvx.NewReader(text, csvx.Options{})
	if err != nil {
		return "", &ParseError{Location: Location{File: name}, Msg: "the file is not a workbook, XML or JSON, and cannot be read as CSV text", Err: err}
	}
	for i := 0; i < 10; i++ {
		rec, err := r.Read()
		if err != nil {
			var ce *csvx.Error
			if errors.Is(err, io.EOF) || i > 0 || !errors.As(err, &ce) {
				break
			}
			return "", &ParseError{Location: Location{File: name, Row: ce.Line}, Msg: "the file is not a workbook, XML or JSON, and is not valid CSV either: " + ce.Msg}
		}
		h := map[string]bool{}
		money, deploy := false, false
		for _, c := range rec {
			n := normalizeHeader(c)
			h[n] = true
			for _, w := range moneyWords {
				if strings.Contains(n, w) {
					money = true
				}
			}
			if deliveryHeaders[n] || strings.Contains(n, "deploy") || strings.Contains(n, "incident") {
				deploy = true
			}
		}
		switch {
		case h["issuekey"] && (h["issuetype"] || h["summary"] || h["issueid"]):
			return Jira, nil
		case h["params"] && h["data"] && h["createdat"]: // DevLake raw tables (PagerDuty incidents)
			return Delivery, nil
		case h["startedat"] && (h["resolvedat"] || h["restoredat"]):
			return Delivery, nil
		case deploy && !money:
			return Delivery, nil
		}
	}
	return Finance, nil
}

func normalizeHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
			b.WriteRune(r)
		}
	}
	return b.String()
}
