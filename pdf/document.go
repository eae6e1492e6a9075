// Package pdf writes the summit's printed documents (CONTRACT section 13):
// A4 pages with selectable text in Latin, Cyrillic and Chinese, set in the
// TrueType faces shipped in the binary (fonts/, with their licences), each
// page headed by the document's title, the programme release it belongs to
// and when it was printed, and numbered "page N of M".
//
// A document is built top to bottom with Heading, Paragraph, Note and
// Table; page breaks come by themselves (a table's header row is repeated
// on each page). Agenda and RoomDay compose the programme's documents.
package pdf

import (
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Header is what heads every page of a document.
type Header struct {
	Title    string // the document: "Agenda · China"
	Subtitle string // under the title: the summit, the time zone
	Stamp    string // the release: "Programme release 3", or that none is out
	Printed  string // when it was printed, in the reader's words and the summit's zone
	// PageOf is the footer, "Page n of total" when nil.
	PageOf func(n, total int) string
	Lang   string    // the document's language (BCP 47), for readers and screen readers
	At     time.Time // when it was made, for the file's metadata
}

// Page geometry, in millimetres, and type sizes, in points.
const (
	pageW, pageH = 210.0, 297.0
	margin       = 15.0
	bottom       = pageH - 16 // content ends here; the footer is below
	bodySize     = 9.5
	smallSize    = 8.0
	headingSize  = 12.0
	titleSize    = 15.0
	mmPerPt      = 25.4 / 72
	leading      = 1.3 // line height as a multiple of the type size
)

// Document is an A4 document being written, top to bottom.
type Document struct {
	*Canvas
	head Header
	y    float64 // where the next thing goes
	top  float64 // where content starts below the header
	// heading waits to go on the page of what follows it.
	heading string
}

// New starts a document headed by h. It fails only when the embedded fonts
// cannot be read.
func New(h Header) (*Document, error) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(margin, margin, margin)
	f.SetAutoPageBreak(false, 0)
	c, err := NewCanvas(f)
	if err != nil {
		return nil, err
	}
	d := &Document{Canvas: c, head: h}
	f.SetTitle(h.Title, true)
	f.SetSubject(h.Subtitle, true)
	f.SetCreator("Summit Planner", true)
	if h.Lang != "" {
		f.SetLang(h.Lang)
	}
	if !h.At.IsZero() {
		f.SetCreationDate(h.At)
		f.SetModificationDate(h.At)
	}
	d.PageBreak()
	return d, f.Error()
}

// PageBreak starts a new page with the header.
func (d *Document) PageBreak() {
	d.f.AddPage()
	d.y = d.drawHeader()
	d.top = d.y
}

// Y is where the next block goes, in millimetres from the top of the page.
func (d *Document) Y() float64 { return d.y }

// Space leaves mm millimetres of space.
func (d *Document) Space(mm float64) { d.y += mm }

// ensure starts a new page unless h millimetres fit on this one.
func (d *Document) ensure(h float64) {
	if d.y+h > bottom && d.y > d.top {
		d.PageBreak()
	}
}

// Heading writes a bold heading, kept on one page with the start of what
// follows it.
func (d *Document) Heading(text string) {
	d.flush(0)
	d.heading = text
}

// flush writes the waiting heading, if any, on a page with room for it and
// next millimetres more; without a heading it only makes room for next.
func (d *Document) flush(next float64) {
	if d.heading == "" {
		d.ensure(next)
		return
	}
	h := d.textHeight(d.heading, headingSize, bold, pageW-2*margin) + 3.5
	d.ensure(h + next)
	d.y += 2
	d.y += d.TextAt(margin, d.y, pageW-2*margin, d.heading, headingSize, true, false)
	d.y += 1.5
	d.heading = ""
}

// Paragraph writes body text, wrapped to the page's width.
func (d *Document) Paragraph(text string) { d.block(text, bodySize, false) }

// Note writes small grey text, wrapped to the page's width.
func (d *Document) Note(text string) { d.block(text, smallSize, true) }

func (d *Document) block(text string, size float64, muted bool) {
	w := pageW - 2*margin
	for _, line := range d.m.wrap(text, regular, units(w, size)) {
		lh := lineHeight(size)
		d.flush(lh)
		d.TextAt(margin, d.y, w, line, size, false, muted)
		d.y += lh
	}
	d.y += 1.5
}

// textHeight is the height text takes wrapped to width w.
func (d *Canvas) textHeight(text string, size float64, f face, w float64) float64 {
	return float64(len(d.m.wrap(text, f, units(w, size)))) * lineHeight(size)
}

// Output finishes the document: numbers its pages and writes it to w.
func (d *Document) Output(w io.Writer) error {
	d.flush(0)
	total := d.f.PageCount()
	for n := 1; n <= total; n++ {
		d.f.SetPage(n)
		text := fmt.Sprintf("Page %d of %d", n, total)
		if d.head.PageOf != nil {
			text = d.head.PageOf(n, total)
		}
		d.text(margin, pageH-11, pageW-2*margin, text, smallSize, false, true, true)
	}
	return d.f.Output(w)
}

// lineHeight is the height of a line of size points, in millimetres.
func lineHeight(size float64) float64 { return size * mmPerPt * leading }

// units is w millimetres in thousandths of an em at size points.
func units(w, size float64) int { return int(w / (size * mmPerPt) * 1000) }

// mm is u thousandths of an em at size points, in millimetres.
func mm(u int, size float64) float64 { return float64(u) / 1000 * size * mmPerPt }
