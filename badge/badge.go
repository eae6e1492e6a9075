// Package badge draws accreditation badges as PDF (CONTRACT section 15):
// credit-card size (85.6 × 54 mm, ISO/IEC 7810 ID-1), with the category's
// colour band, the photo, the holder's name, position and delegation, and a
// QR code of the badge's signed token. One badge to a page, or a batch on
// A4 sheets, eight to a page, with crop marks for cutting.
//
// Text is set in the faces of package pdf, so a name prints in Latin,
// Cyrillic or Chinese alike: the primary name, and under it the name in
// the delegation's language of notices when the member has one.
package badge

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	qr "github.com/piglig/go-qr"

	"summit/domain"
	"summit/pdf"
)

// Card size in millimetres.
const (
	Width  = 85.6
	Height = 54.0
)

// Sheet layout: two columns, four rows on A4 portrait, 6 mm apart.
const (
	columns, rows = 2, 4
	gap           = 6.0
	a4W, a4H      = 210.0, 297.0
	markLen       = 4.0 // crop mark length, outside the card
	markOff       = 1.0 // crop mark distance from the card's edge
)

// noCategory is the band's colour for a member without a category.
const noCategory = "#8a8f98"

// Single writes one member's badge, on a page of its own size.
func Single(w io.Writer, b domain.Badge) error {
	c, err := newDoc(fpdf.SizeType{Wd: Width, Ht: Height})
	if err != nil {
		return err
	}
	c.Fpdf().AddPage()
	if err := draw(c, b, 0, 0); err != nil {
		return err
	}
	return c.Fpdf().Output(w)
}

// Sheet writes every badge on A4 pages, eight to a page, with crop marks.
func Sheet(w io.Writer, badges []domain.Badge) error {
	c, err := newDoc(fpdf.SizeType{Wd: a4W, Ht: a4H})
	if err != nil {
		return err
	}
	pdf := c.Fpdf()
	left := (a4W - columns*Width - (columns-1)*gap) / 2
	top := (a4H - rows*Height - (rows-1)*gap) / 2
	for i, b := range badges {
		slot := i % (columns * rows)
		if slot == 0 {
			pdf.AddPage()
		}
		x := left + float64(slot%columns)*(Width+gap)
		y := top + float64(slot/columns)*(Height+gap)
		cropMarks(pdf, x, y)
		if err := draw(c, b, x, y); err != nil {
			return err
		}
	}
	return pdf.Output(w)
}

func newDoc(size fpdf.SizeType) (*pdf.Canvas, error) {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: size})
	f.SetMargins(0, 0, 0)
	f.SetAutoPageBreak(false, 0)
	f.SetTitle("Badges", true)
	f.SetCreator("Summit Planner", true)
	f.SetCreationDate(time.Now().UTC())
	return pdf.NewCanvas(f)
}

// cropMarks draws short lines outside each corner of the card at x, y.
func cropMarks(pdf *fpdf.Fpdf, x, y float64) {
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetLineWidth(0.15)
	for _, cx := range []float64{x, x + Width} {
		for _, cy := range []float64{y, y + Height} {
			dx, dy := sign(cx-x-Width/2), sign(cy-y-Height/2)
			pdf.Line(cx+dx*markOff, cy, cx+dx*(markOff+markLen), cy) // horizontal, outward
			pdf.Line(cx, cy+dy*markOff, cx, cy+dy*(markOff+markLen)) // vertical, outward
		}
	}
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// draw draws one badge with its top left corner at x, y.
func draw(c *pdf.Canvas, b domain.Badge, x, y float64) error {
	f := c.Fpdf()
	colour, name := noCategory, "No category"
	if b.Category != nil {
		colour, name = b.Category.Colour, b.Category.Name
	}
	r, g, bl := rgb(colour)
	ink := 255
	if (r*299+g*587+bl*114)/1000 > 150 { // a light band takes dark text
		ink = 0
	}
	// The card's outline, the colour bands at the top and bottom.
	f.SetDrawColor(200, 200, 200)
	f.SetLineWidth(0.1)
	f.Rect(x, y, Width, Height, "D")
	f.SetFillColor(r, g, bl)
	f.Rect(x, y, Width, 8, "F")
	f.Rect(x, y+Height-6, Width, 6, "F")
	f.SetTextColor(ink, ink, ink)
	c.TextAt(x+3, y+1.6, Width-6, b.SummitName, 7.5, true, false)
	c.Centred(x+3, y+Height-4.8, Width-6, name, 8, true)
	f.SetTextColor(0, 0, 0)

	photo(c, b, x+3, y+11)
	ty := y + 11
	ty += c.TextAt(x+27, ty, 30, b.Member.FullName, 9.5, true, false)
	if local := b.Member.Names[b.Delegation.NoticeLanguage]; local != "" && local != b.Member.FullName {
		ty += c.TextAt(x+27, ty, 30, local, 8.5, true, false)
	}
	ty += c.TextAt(x+27, ty+0.5, 30, b.Member.Position, 7, false, false) + 0.5
	c.TextAt(x+27, ty+0.5, 30, b.Delegation.Name+" ("+b.Delegation.Code+")", 7, true, false)
	if err := qrCode(f, b.Token, x+Width-25.5, y+11, 23); err != nil {
		return err
	}
	// The code in letters under the QR code, for typing when no camera reads it.
	f.SetFont("Courier", "", 4.6)
	f.SetTextColor(60, 60, 60)
	f.SetXY(x+Width-26, y+34.2)
	f.MultiCell(24, 1.9, grouped(b.Token), "", "C", false)
	f.SetTextColor(0, 0, 0)
	return f.Error()
}

// grouped writes a token in groups of six, easier to read and type.
func grouped(token string) string {
	var out []string
	for len(token) > 6 {
		out = append(out, token[:6])
		token = token[6:]
	}
	return strings.Join(append(out, token), " ")
}

// photo places the member's photo (3:4) or an empty frame.
func photo(c *pdf.Canvas, b domain.Badge, x, y float64) {
	const w, h = 22.5, 30.0
	pdf := c.Fpdf()
	if b.Photo == nil {
		pdf.SetDrawColor(160, 160, 160)
		pdf.Rect(x, y, w, h, "D")
		pdf.SetTextColor(120, 120, 120)
		c.Centred(x, y+h/2-1.5, w, "no photo", 6, false)
		pdf.SetTextColor(0, 0, 0)
		return
	}
	opt := fpdf.ImageOptions{ImageType: "JPG"}
	key := "photo-" + b.Member.ID + "-" + strconv.FormatInt(b.Photo.UpdatedAt.UnixNano(), 10)
	pdf.RegisterImageOptionsReader(key, opt, bytes.NewReader(b.Photo.JPEG))
	pdf.ImageOptions(key, x, y, w, h, false, opt, 0, "")
}

// qrCode draws the token as a QR code of side size at x, y, with a quiet
// zone of two modules inside that square, as filled rectangles (one per run
// of dark modules in a row), so that it stays sharp at any print size.
func qrCode(pdf *fpdf.Fpdf, token string, x, y, size float64) error {
	code, err := qr.EncodeText(token, qr.Medium)
	if err != nil {
		return fmt.Errorf("QR code: %w", err)
	}
	n := code.Size()
	m := size / float64(n+4)
	pdf.SetFillColor(255, 255, 255)
	pdf.Rect(x, y, size, size, "F")
	pdf.SetFillColor(0, 0, 0)
	for row := 0; row < n; row++ {
		for col := 0; col < n; {
			if !code.Module(col, row) {
				col++
				continue
			}
			start := col
			for col < n && code.Module(col, row) {
				col++
			}
			pdf.Rect(x+float64(start+2)*m, y+float64(row+2)*m, float64(col-start)*m, m, "F")
		}
	}
	return nil
}

// rgb reads #rrggbb.
func rgb(hex string) (int, int, int) {
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if len(hex) != 7 || err != nil {
		return 138, 143, 152
	}
	return int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)
}
