package plan

import (
	"strconv"
	"strings"
	"unicode"
)

// Team returns the team with the given id, or nil.
func (p *Portfolio) Team(id string) *Team {
	for i := range p.Teams {
		if p.Teams[i].ID == id {
			return &p.Teams[i]
		}
	}
	return nil
}

// Item returns the item with the given id, or nil.
func (p *Portfolio) Item(id string) *Item {
	for i := range p.Items {
		if p.Items[i].ID == id {
			return &p.Items[i]
		}
	}
	return nil
}

// Product returns the product with the given id, or nil.
func (p *Portfolio) Product(id string) *Product {
	for i := range p.Products {
		if p.Products[i].ID == id {
			return &p.Products[i]
		}
	}
	return nil
}

// Risk returns the risk with the given id, or nil.
func (p *Portfolio) Risk(id string) *Risk {
	for i := range p.Risks {
		if p.Risks[i].ID == id {
			return &p.Risks[i]
		}
	}
	return nil
}

// NewID derives an id from a name ("Platform & DevOps" → "platform-devops"),
// adding -2, -3 … until taken(id) is false.
func NewID(name string, taken func(string) bool) string {
	var b strings.Builder
	dash := false
	for _, r := range foldASCII(strings.ToLower(name)) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	base := strings.Trim(b.String(), "-")
	if base == "" {
		base = "x"
	}
	id := base
	for n := 2; taken != nil && taken(id); n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	return id
}

// foldASCII replaces common Latin letters with diacritics by their plain
// ASCII spelling ("Zoë Ødegård" → "zoe odegard"), so ids and file names keep
// the words people wrote. Other characters pass through unchanged.
func foldASCII(s string) string {
	var b strings.Builder
	for _, r := range s {
		if f, ok := asciiFold[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var asciiFold = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i"}
	groups := map[string]string{
		"a": "àáâãäåāăą", "c": "çćĉċč", "d": "ď", "e": "èéêëēĕėęě", "g": "ĝğġģ", "h": "ĥħ",
		"i": "ìíîïĩīĭįİ", "j": "ĵ", "k": "ķ", "l": "ĺļľŀ", "n": "ñńņňŉ", "o": "òóôõöōŏő",
		"r": "ŕŗř", "s": "śŝşšș", "t": "ţťŧț", "u": "ùúûüũūŭůűų", "w": "ŵ", "y": "ýÿŷ", "z": "źżž",
	}
	for plain, letters := range groups {
		for _, r := range letters {
			m[r] = plain
		}
	}
	return m
}()
