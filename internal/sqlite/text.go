package sqlite

import (
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"

	"steerco/internal/plan"
)

// validText replaces, in every string of a loaded portfolio, each invalid
// UTF-8 sequence with U+FFFD, and reports whether it replaced any. Steerco
// writes only valid text, but a file changed by another program can hold
// any bytes in a TEXT column; a title that ends in a cut sequence made the
// PDF library panic in the middle of a report. The file itself is not
// changed: an edit writes the value as read.
func validText(p *plan.Portfolio) bool {
	return validValue(reflect.ValueOf(p).Elem())
}

func validValue(v reflect.Value) bool {
	if !hasText(v.Type()) {
		return false
	}
	changed := false
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); !utf8.ValidString(s) && v.CanSet() {
			v.SetString(strings.ToValidUTF8(s, "\ufffd"))
			changed = true
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				changed = validValue(f) || changed
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return false // bytes, not text
		}
		for i := range v.Len() {
			changed = validValue(v.Index(i)) || changed
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			changed = validValue(v.Elem())
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String || v.Type().Elem().Kind() != reflect.String {
			return false
		}
		iter := v.MapRange()
		type kv struct{ k, v string }
		var bad []kv
		for iter.Next() {
			k, e := iter.Key().String(), iter.Value().String()
			if !utf8.ValidString(k) || !utf8.ValidString(e) {
				bad = append(bad, kv{k, e})
			}
		}
		for _, b := range bad {
			v.SetMapIndex(reflect.ValueOf(b.k), reflect.Value{})
			v.SetMapIndex(reflect.ValueOf(strings.ToValidUTF8(b.k, "\ufffd")), reflect.ValueOf(strings.ToValidUTF8(b.v, "\ufffd")))
			changed = true
		}
	}
	return changed
}

// textTypes caches hasText: whether values of a type can hold a string
// (the 100,000 deployments of a large file are dates and numbers, and are
// not walked).
var textTypes sync.Map // reflect.Type → bool

func hasText(t reflect.Type) bool {
	if v, ok := textTypes.Load(t); ok {
		return v.(bool)
	}
	textTypes.Store(t, true) // (a type that refers to itself is walked)
	has := false
	switch t.Kind() {
	case reflect.String:
		has = true
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && hasText(f.Type) {
				has = true
				break
			}
		}
	case reflect.Slice, reflect.Array, reflect.Pointer:
		has = t.Elem().Kind() != reflect.Uint8 && hasText(t.Elem())
	case reflect.Map:
		has = t.Key().Kind() == reflect.String && t.Elem().Kind() == reflect.String
	case reflect.Interface:
		has = true
	}
	textTypes.Store(t, has)
	return has
}
