package pdf

import "codeberg.org/go-pdf/fpdf"

// Canvas draws text on any fpdf document (an A4 page, a badge) in the
// faces shipped in the binary, each run of text in the face of its script,
// so that Latin, Cyrillic and Chinese names print alike.
type Canvas struct {
	f     *fpdf.Fpdf
	m     *metrics
	added [faces]bool // the faces added to the file (the fallbacks only when used)
}

// NewCanvas draws on f. It fails only when the embedded fonts cannot be read.
func NewCanvas(f *fpdf.Fpdf) (*Canvas, error) {
	m, err := loadMetrics()
	if err != nil {
		return nil, err
	}
	c := &Canvas{f: f, m: m}
	c.add(regular)
	c.add(bold)
	return c, nil
}

// Fpdf is the underlying fpdf document, for drawing that this package does
// not offer (images, shapes). Text should go through TextAt, which picks the
// face for each script.
func (d *Canvas) Fpdf() *fpdf.Fpdf { return d.f }

// Centred draws text on one line centred in width w with its top at (x,
// y), shrinking the type from size until it fits.
func (d *Canvas) Centred(x, y, w float64, text string, size float64, isBold bool) {
	want := regular
	if isBold {
		want = bold
	}
	for d.m.width(text, want) > units(w, size) && size > 4 {
		size -= 0.5
	}
	d.drawLine(x+(w-mm(d.m.width(text, want), size))/2, y+size*mmPerPt*1.02, text, want, size)
}

// TextAt draws text wrapped to width w with its top-left corner at (x, y),
// in size points, bold or not, grey when muted, and returns its height.
// It does not break pages.
func (d *Canvas) TextAt(x, y, w float64, text string, size float64, isBold, muted bool) float64 {
	return d.text(x, y, w, text, size, isBold, muted, false)
}

// text is TextAt, each line flush right when right is set.
func (d *Canvas) text(x, y, w float64, text string, size float64, isBold, muted, right bool) float64 {
	want := regular
	if isBold {
		want = bold
	}
	lh := lineHeight(size)
	lines := d.m.wrap(text, want, units(w, size))
	if muted {
		d.f.SetTextColor(100, 100, 100)
		defer d.f.SetTextColor(0, 0, 0)
	}
	for i, line := range lines {
		lx := x
		if right {
			lx = x + w - mm(d.m.width(line, want), size)
		}
		d.drawLine(lx, y+float64(i)*lh+size*mmPerPt*1.02, line, want, size)
	}
	return float64(len(lines)) * lh
}

// drawLine draws one line span by span, each in its face, from x on baseline y.
func (d *Canvas) drawLine(x, y float64, line string, want face, size float64) {
	for _, s := range d.m.spans(line, want) {
		d.add(s.face)
		d.f.SetFont(faceNames[s.face].family, faceNames[s.face].style, size)
		d.f.Text(x, y, s.text)
		x += mm(s.units, size)
	}
}

// add adds face f to the file unless it is there already. The 4 MB
// Chinese face is read only by documents that need it.
func (d *Canvas) add(f face) {
	if !d.added[f] {
		d.f.AddUTF8FontFromBytes(faceNames[f].family, faceNames[f].style, f.bytes())
		d.added[f] = true
	}
}
