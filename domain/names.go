package domain

import (
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// cleanNames trims n's names and drops the empty ones; nil when none is left.
func cleanNames(n Names) Names {
	var out Names
	for lang, name := range n {
		if name = strings.TrimSpace(name); name != "" {
			if out == nil {
				out = Names{}
			}
			out[lang] = name
		}
	}
	return out
}

// checkNames records what is wrong with n: a language that is not one of
// NameLanguages, or a name longer than 200 characters (field names.xx).
func checkNames(v *Validation, n Names) {
	for _, lang := range slices.Sorted(maps.Keys(n)) {
		if !Contains(NameLanguages, lang) {
			v.Add("names."+lang, "is not a language names take (%s)", strings.Join(NameLanguages, ", "))
			continue
		}
		v.Check(utf8.RuneCountInString(n[lang]) <= 200, "names."+lang, "must be at most 200 characters")
	}
}

// sameNames reports whether a and b hold the same names.
func sameNames(a, b Names) bool { return maps.Equal(a, b) }

// In is the name in lang, else primary (CONTRACT section 13).
func (n Names) In(lang, primary string) string {
	if name := n[lang]; name != "" {
		return name
	}
	return primary
}
