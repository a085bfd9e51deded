package delivery

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxPyDepth bounds nesting so a hostile value cannot exhaust the stack.
const maxPyDepth = 64

// parsePyRepr parses a Python literal as repr() writes it — lists, tuples,
// dicts, single- or double-quoted strings with backslash escapes, ints,
// floats, None, True, False — into []any, map[string]any, string, float64,
// nil and bool. Gearset's export writes its pull requests this way, which is
// not JSON (single quotes, None, True). Dict keys that are not strings are
// formatted with %v. The error gives the byte offset of the problem.
func parsePyRepr(s string) (any, error) {
	p := &pyParser{s: s}
	p.space()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.s) {
		return nil, p.errf("unexpected %q after the value", p.peekRune())
	}
	return v, nil
}

type pyParser struct {
	s string
	i int
}

func (p *pyParser) errf(format string, args ...any) error {
	return fmt.Errorf("at character %d: %s", p.i+1, fmt.Sprintf(format, args...))
}

func (p *pyParser) peekRune() string {
	if p.i >= len(p.s) {
		return "end of text"
	}
	r, _ := utf8.DecodeRuneInString(p.s[p.i:])
	return string(r)
}

func (p *pyParser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *pyParser) value(depth int) (any, error) {
	if depth > maxPyDepth {
		return nil, p.errf("values nested more than %d deep", maxPyDepth)
	}
	if p.i >= len(p.s) {
		return nil, p.errf("the text ends where a value should be")
	}
	switch c := p.s[p.i]; {
	case c == '[':
		return p.seq(']', depth)
	case c == '(':
		return p.seq(')', depth)
	case c == '{':
		return p.dict(depth)
	case c == '\'' || c == '"':
		return p.str()
	case (c == 'u' || c == 'U' || c == 'r' || c == 'R' || c == 'b' || c == 'B') && p.i+1 < len(p.s) && (p.s[p.i+1] == '\'' || p.s[p.i+1] == '"'):
		raw := c == 'r' || c == 'R'
		p.i++
		if raw {
			return p.rawStr()
		}
		return p.str()
	case c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9':
		return p.number()
	default:
		for _, w := range []struct {
			word string
			v    any
		}{{"None", nil}, {"True", true}, {"False", false}, {"nan", nil}, {"inf", nil}} {
			if strings.HasPrefix(p.s[p.i:], w.word) {
				p.i += len(w.word)
				return w.v, nil
			}
		}
		return nil, p.errf("unexpected %q", p.peekRune())
	}
}

func (p *pyParser) seq(end byte, depth int) (any, error) {
	p.i++ // [ or (
	out := []any{}
	for {
		p.space()
		if p.i < len(p.s) && p.s[p.i] == end {
			p.i++
			return out, nil
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		p.space()
		if p.i >= len(p.s) {
			return nil, p.errf("the list is never closed with %q", end)
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case end:
			p.i++
			return out, nil
		default:
			return nil, p.errf("expected ',' or %q, found %q", end, p.peekRune())
		}
	}
}

func (p *pyParser) dict(depth int) (any, error) {
	p.i++ // {
	out := map[string]any{}
	for {
		p.space()
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			return out, nil
		}
		k, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return nil, p.errf("expected ':' after a dictionary key")
		}
		p.i++
		p.space()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		key, ok := k.(string)
		if !ok {
			key = fmt.Sprint(k)
		}
		out[key] = v
		p.space()
		if p.i >= len(p.s) {
			return nil, p.errf("the dictionary is never closed with '}'")
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return out, nil
		default:
			return nil, p.errf("expected ',' or '}', found %q", p.peekRune())
		}
	}
}

func (p *pyParser) rawStr() (any, error) {
	q := p.s[p.i]
	p.i++
	start := p.i
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case '\\':
			p.i += 2
			continue
		case q:
			v := p.s[start:p.i]
			p.i++
			return v, nil
		}
		p.i++
	}
	p.i = min(p.i, len(p.s))
	return nil, p.errf("a string is never closed")
}

func (p *pyParser) str() (any, error) {
	q := p.s[p.i]
	p.i++
	// Fast path: no escapes before the closing quote.
	if end := strings.IndexByte(p.s[p.i:], q); end >= 0 && strings.IndexByte(p.s[p.i:p.i+end], '\\') < 0 {
		v := p.s[p.i : p.i+end]
		p.i += end + 1
		return v, nil
	}
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == q:
			p.i++
			return b.String(), nil
		case c == '\\':
			if p.i+1 >= len(p.s) {
				p.i++
				return nil, p.errf("a string ends in a lone backslash")
			}
			e := p.s[p.i+1]
			p.i += 2
			switch e {
			case '\\', '\'', '"':
				b.WriteByte(e)
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'a':
				b.WriteByte('\a')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'v':
				b.WriteByte('\v')
			case '\n':
				// line continuation
			case 'x', 'u', 'U':
				n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
				if p.i+n > len(p.s) {
					return nil, p.errf("a \\%c escape is cut short", e)
				}
				r, err := strconv.ParseUint(p.s[p.i:p.i+n], 16, 32)
				if err != nil || r > utf8.MaxRune {
					return nil, p.errf("a \\%c escape is not hexadecimal", e)
				}
				b.WriteRune(rune(r))
				p.i += n
			case '0', '1', '2', '3', '4', '5', '6', '7':
				j := p.i - 1
				k := j
				for k < len(p.s) && k < j+3 && p.s[k] >= '0' && p.s[k] <= '7' {
					k++
				}
				r, _ := strconv.ParseUint(p.s[j:k], 8, 32)
				b.WriteRune(rune(r))
				p.i = k
			default:
				// Python keeps unknown escapes as written.
				b.WriteByte('\\')
				b.WriteByte(e)
			}
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return nil, p.errf("a string is never closed")
}

func (p *pyParser) number() (any, error) {
	start := p.i
	for p.i < len(p.s) && strings.IndexByte("+-0123456789._eEjJxXabcdefABCDEF", p.s[p.i]) >= 0 {
		p.i++
	}
	text := strings.ReplaceAll(p.s[start:p.i], "_", "")
	if f, err := strconv.ParseFloat(text, 64); err == nil {
		return f, nil
	}
	if n, err := strconv.ParseInt(text, 0, 64); err == nil {
		return float64(n), nil
	}
	p.i = start
	return nil, p.errf("%q is not a number", text)
}
