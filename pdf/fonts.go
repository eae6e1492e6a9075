package pdf

import (
	_ "embed"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The faces shipped in the binary (licences in fonts/): Noto Sans for
// Latin and Cyrillic, Droid Sans Fallback for Chinese, Noto Sans Symbols
// for arrows (→) and the like.
var (
	//go:embed fonts/NotoSans-Regular.ttf
	notoRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	notoBold []byte
	//go:embed fonts/DroidSansFallbackFull.ttf
	droidFallback []byte
	//go:embed fonts/NotoSansSymbols-Regular.ttf
	notoSymbols []byte
)

// face is one of the embedded faces.
type face int

const (
	regular face = iota // Noto Sans
	bold                // Noto Sans Bold
	cjk                 // Droid Sans Fallback (no bold of its own)
	symbols             // Noto Sans Symbols (no bold of its own)
	faces
)

// family and style are the names fpdf knows a face by.
var faceNames = [faces]struct{ family, style string }{{"noto", ""}, {"noto", "B"}, {"droid", ""}, {"notosymbols", ""}}

func (f face) bytes() []byte {
	return [faces][]byte{notoRegular, notoBold, droidFallback, notoSymbols}[f]
}

// metrics is what layout needs of a face: each Basic Multilingual Plane
// rune's advance in thousandths of an em, -1 where the face has no glyph.
type metrics [faces][]int16

var (
	loadMetrics = sync.OnceValues(readMetrics)
)

// readMetrics reads every face's glyph coverage and advances once per process.
func readMetrics() (*metrics, error) {
	var m metrics
	var buf sfnt.Buffer
	for f := range faces {
		font, err := sfnt.Parse(f.bytes())
		if err != nil {
			return nil, err
		}
		upem := font.UnitsPerEm()
		widths := make([]int16, 0x10000)
		for r := range widths {
			widths[r] = -1
			g, err := font.GlyphIndex(&buf, rune(r))
			if err != nil || g == 0 {
				continue
			}
			adv, err := font.GlyphAdvance(&buf, g, fixed.I(int(upem)), fontHinting)
			if err != nil {
				continue
			}
			widths[r] = int16((int(adv)*1000/int(upem) + 32) >> 6)
		}
		m[f] = widths
	}
	return &m, nil
}

// fontHinting is none: advances in design units.
const fontHinting = font.HintingNone

// faceFor picks the face that draws r: the wanted Noto face when it has the
// glyph, else the CJK face or the symbols face when one has it, else the
// Noto face (which shows its missing-glyph box).
func (m *metrics) faceFor(r rune, want face) face {
	if r >= 0x10000 || m[want][r] >= 0 {
		return want
	}
	for _, f := range []face{cjk, symbols} {
		if m[f][r] >= 0 {
			return f
		}
	}
	return want
}

// advance is r's width in f, in thousandths of an em (a missing glyph
// counts as half an em).
func (m *metrics) advance(f face, r rune) int {
	if r < 0x10000 && m[f][r] >= 0 {
		return int(m[f][r])
	}
	return 500
}
