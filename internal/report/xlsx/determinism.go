package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"sort"
)

// defaultType matches one <Default .../> entry of [Content_Types].xml.
var defaultType = regexp.MustCompile(`<Default [^>]*?(?:/>|></Default>)`)

// normalise rewrites the workbook so the same briefing always gives the
// same bytes: excelize lists some content types in map order, so the
// <Default> entries of [Content_Types].xml are sorted. Every other part is
// copied unchanged, in the same order.
func normalise(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if zf.Name == "[Content_Types].xml" {
			body = sortDefaults(body)
		}
		h := zf.FileHeader
		h.CompressedSize64, h.UncompressedSize64, h.CRC32 = 0, 0, 0
		w, err := zw.CreateHeader(&h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(body); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func sortDefaults(b []byte) []byte {
	locs := defaultType.FindAllIndex(b, -1)
	if len(locs) < 2 {
		return b
	}
	// The entries are contiguous in excelize's output; sort them as a block.
	start, end := locs[0][0], locs[len(locs)-1][1]
	entries := make([]string, 0, len(locs))
	for _, l := range locs {
		entries = append(entries, string(b[l[0]:l[1]]))
	}
	sort.Strings(entries)
	var buf bytes.Buffer
	buf.Write(b[:start])
	// Keep anything that sat between the entries (nothing, normally) after them.
	for _, e := range entries {
		buf.WriteString(e)
	}
	prev := start
	for _, l := range locs {
		buf.Write(b[prev:l[0]])
		prev = l[1]
	}
	buf.Write(b[end:])
	return buf.Bytes()
}
