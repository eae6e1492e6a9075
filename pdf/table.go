package pdf

import "strings"

// Column is one column of a table.
type Column struct {
	Title string
	Width float64 // millimetres; 0 shares what the other columns leave
	// Bold sets the column's cells in bold; BoldFirst only their first line
	// (a meeting's title above its kind, say).
	Bold, BoldFirst bool
}

// Row is one row of a table: a cell per column; "\n" in a cell starts a new line.
type Row struct {
	Cells []string
	Muted bool // grey: something cancelled, say
}

// Cell padding, in millimetres.
const padX, padY = 1.5, 1.3

// Table writes a table with a header row. Pages break between rows, and
// each new page repeats the header row; a row is never split.
func (d *Document) Table(cols []Column, rows []Row) {
	widths := columnWidths(cols)
	header := Row{Cells: make([]string, len(cols))}
	for i, c := range cols {
		header.Cells[i] = c.Title
	}
	headerH := d.rowHeight(cols, widths, header, true)
	first := lineHeight(bodySize) + 2*padY
	if len(rows) > 0 {
		first = d.rowHeight(cols, widths, rows[0], false)
	}
	d.flush(headerH + first)
	d.drawRow(cols, widths, header, true, headerH)
	for _, r := range rows {
		h := d.rowHeight(cols, widths, r, false)
		if d.y+h > bottom && d.y > d.top+headerH {
			d.PageBreak()
			d.drawRow(cols, widths, header, true, headerH)
		}
		d.drawRow(cols, widths, r, false, h)
	}
	d.y += 3
}

// columnWidths gives the columns without a width an equal share of the rest.
func columnWidths(cols []Column) []float64 {
	rest, free := pageW-2*margin, 0
	for _, c := range cols {
		rest -= c.Width
		if c.Width == 0 {
			free++
		}
	}
	out := make([]float64, len(cols))
	for i, c := range cols {
		out[i] = c.Width
		if c.Width == 0 {
			out[i] = rest / float64(free)
		}
	}
	return out
}

// cellLine is one line of a cell, bold or not.
type cellLine struct {
	text string
	bold bool
}

// cellLines are a cell's lines.
func cellLines(c Column, text string, head bool) []cellLine {
	var out []cellLine
	for i, line := range strings.Split(text, "\n") {
		out = append(out, cellLine{line, head || c.Bold || (c.BoldFirst && i == 0)})
	}
	return out
}

func (d *Document) rowHeight(cols []Column, widths []float64, r Row, head bool) float64 {
	h := 0.0
	for i, c := range cols {
		ch := 0.0
		for _, l := range cellLines(c, cell(r, i), head) {
			ch += d.textHeight(l.text, sizeOf(head), faceOf(l.bold), widths[i]-2*padX)
		}
		h = max(h, ch)
	}
	return h + 2*padY
}

// drawRow draws r, h high, at the current position (a shaded header row
// when head) with a rule under it, and moves below it.
func (d *Document) drawRow(cols []Column, widths []float64, r Row, head bool, h float64) {
	if head {
		d.f.SetFillColor(232, 234, 238)
		d.f.Rect(margin, d.y, pageW-2*margin, h, "F")
	}
	x := margin
	for i, c := range cols {
		y := d.y + padY
		for _, l := range cellLines(c, cell(r, i), head) {
			y += d.text(x+padX, y, widths[i]-2*padX, l.text, sizeOf(head), l.bold, r.Muted, false)
		}
		x += widths[i]
	}
	d.y += h
	d.f.SetDrawColor(200, 200, 200)
	d.f.SetLineWidth(0.2)
	d.f.Line(margin, d.y, pageW-margin, d.y)
}

func cell(r Row, i int) string {
	if i < len(r.Cells) {
		return r.Cells[i]
	}
	return ""
}

func sizeOf(head bool) float64 {
	if head {
		return smallSize
	}
	return bodySize
}

func faceOf(isBold bool) face {
	if isBold {
		return bold
	}
	return regular
}
