package pdf

import (
	"strings"
	"unicode"
)

// fpdf draws a string in one face and does not fall back to another face
// for glyphs the face lacks, so text is laid out here: split into spans of
// one face each (Chinese to the CJK face, the rest to Noto Sans), measured
// with the faces' own advances, wrapped to a width, and drawn span by span.

// span is a piece of a line drawn in one face.
type span struct {
	face  face
	text  string
	units int // width in thousandths of an em
}

// spans splits s into runs of one face each, want being the Noto face asked for.
func (m *metrics) spans(s string, want face) []span {
	var out []span
	var b strings.Builder
	cur, units := want, 0
	for _, r := range s {
		f := m.faceFor(r, want)
		if f != cur && b.Len() > 0 {
			out = append(out, span{cur, b.String(), units})
			b.Reset()
			units = 0
		}
		cur = f
		b.WriteRune(r)
		units += m.advance(f, r)
	}
	if b.Len() > 0 {
		out = append(out, span{cur, b.String(), units})
	}
	return out
}

// width is s's width in thousandths of an em.
func (m *metrics) width(s string, want face) int {
	n := 0
	for _, r := range s {
		n += m.advance(m.faceFor(r, want), r)
	}
	return n
}

// wide reports whether a line may break on either side of r, as between
// Chinese characters.
func wide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

// Punctuation that may not begin a line, and that may not end one.
const (
	closers = ".,;:!?)]}»”’。，、；：？！）」』】》〉"
	openers = "([{«“‘（「『【《〈"
)

// canBreak reports whether a line may break between a and b: after a
// space, or on either side of a Chinese character, but never before
// closing or after opening punctuation.
func canBreak(a, b rune) bool {
	if strings.ContainsRune(closers, b) || strings.ContainsRune(openers, a) {
		return false
	}
	return b == ' ' || wide(a) || wide(b)
}

// wrap breaks s into lines at most max thousandths of an em wide: at its
// line breaks, else where canBreak allows, else (a word longer than a
// line) anywhere.
func (m *metrics) wrap(s string, want face, max int) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		lines = append(lines, m.wrapParagraph([]rune(para), want, max)...)
	}
	return lines
}

func (m *metrics) wrapParagraph(rs []rune, want face, max int) []string {
	var lines []string
	start, units, brk := 0, 0, -1
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if i > start && canBreak(rs[i-1], r) {
			brk = i
		}
		units += m.advance(m.faceFor(r, want), r)
		if units <= max || i == start {
			continue
		}
		end := brk
		if end <= start {
			end = i // no place to break: cut the word
		}
		lines = append(lines, strings.TrimRight(string(rs[start:end]), " "))
		for start = end; start < len(rs) && rs[start] == ' '; start++ {
		}
		i, units, brk = start-1, 0, -1
	}
	if start < len(rs) || len(lines) == 0 {
		lines = append(lines, string(rs[start:]))
	}
	return lines
}
