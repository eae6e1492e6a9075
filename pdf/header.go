package pdf

// stampWidth is the width of the header's right column (release, printed at).
const stampWidth = 62.0

// drawHeader draws the page's header: the title and subtitle on the left,
// the release stamp and the time of printing on the right, a rule under
// them; it returns where the content starts.
func (d *Document) drawHeader() float64 {
	left := pageW - 2*margin - stampWidth - 6
	y := margin
	y += d.TextAt(margin, y, left, d.head.Title, titleSize, true, false)
	if d.head.Subtitle != "" {
		y += d.TextAt(margin, y+0.5, left, d.head.Subtitle, smallSize, false, true) + 0.5
	}
	ry := margin + 1
	x := pageW - margin - stampWidth
	if d.head.Stamp != "" {
		ry += d.text(x, ry, stampWidth, d.head.Stamp, bodySize, true, false, true)
	}
	if d.head.Printed != "" {
		ry += d.text(x, ry, stampWidth, d.head.Printed, smallSize, false, true, true)
	}
	y = max(y, ry) + 2
	d.f.SetDrawColor(150, 150, 150)
	d.f.SetLineWidth(0.3)
	d.f.Line(margin, y, pageW-margin, y)
	return y + 4
}
