package pdf

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"summit/pdf/pdftest"
)

// render builds a document with build and returns its bytes.
func render(t testing.TB, h Header, build func(d *Document)) []byte {
	t.Helper()
	d, err := New(h)
	if err != nil {
		t.Fatal(err)
	}
	build(d)
	var b bytes.Buffer
	if err := d.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestMixedScripts: text that mixes Latin, Cyrillic (Russian and Kazakh)
// and Chinese, even within one string, comes out of the file as written,
// every face embedded, on A4 pages numbered "page N of M".
func TestMixedScripts(t *testing.T) {
	h := Header{Title: "Программа · 中国代表团 · Қытай", Subtitle: "SCO Summit, Astana · время Астаны (UTC+05:00)",
		Stamp: "Выпуск программы № 3", Printed: "напечатано 3 июля 2024 г., 14:05",
		PageOf: func(n, total int) string { return fmt.Sprintf("Страница %d из %d", n, total) }, Lang: "ru",
		At: time.Date(2024, 7, 3, 9, 5, 0, 0, time.UTC)}
	b := render(t, h, func(d *Document) {
		d.Heading("среда, 3 июля 2024 г. · 2024年7月3日 星期三")
		d.Paragraph("Переговоры: Казахстан – Китай, 习近平 и Қасым-Жомарт Тоқаев; «Ақорда» № 1.")
		cols := []Column{{Title: "Время", Width: 24, Bold: true}, {Title: "Встреча", BoldFirst: true}, {Title: "Место"}, {Title: "Участники"}}
		var rows []Row
		for i := range 60 {
			rows = append(rows, Row{Cells: []string{fmt.Sprintf("%02d:00–%02d:45", 8+i%12, 8+i%12),
				fmt.Sprintf("Встреча %d\nДвусторонняя встреча", i), "Большой зал, Дворец Независимости 独立宫",
				"Китай: 习近平; Қазақстан: Қасым-Жомарт Тоқаев"}, Muted: i == 3})
		}
		d.Table(cols, rows)
		d.Note("中华人民共和国 — the People's Republic of China; Hilton Astana 11:25 → Akorda")
	})
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", b[:min(len(b), 16)])
	}
	pages := pdftest.Pages(t, b)
	if len(pages) < 2 {
		t.Fatalf("60 rows fit on %d page", len(pages))
	}
	text := pdftest.Text(t, b)
	for _, want := range []string{"Программа · 中国代表团 · Қытай", "Выпуск программы № 3", "напечатано 3 июля 2024 г., 14:05",
		"习近平", "Қасым-Жомарт Тоқаев", "«Ақорда» № 1.", "Большой зал, Дворец\nНезависимости 独立宫",
		"中华人民共和国 — the People's Republic of China; Hilton Astana 11:25 → Akorda", "Встреча 59", "2024年7月3日 星期三"} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
	for i, p := range pages {
		if want := fmt.Sprintf("Страница %d из %d", i+1, len(pages)); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
		if !strings.Contains(p, "Выпуск программы № 3") || !strings.Contains(p, "Время") {
			t.Errorf("page %d lacks the header or the table's header row:\n%s", i+1, p)
		}
	}
	if info := pdftest.Info(t, b); !regexp.MustCompile(`Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)`).MatchString(info) {
		t.Errorf("not A4:\n%s", info)
	}
	fonts := pdftest.Fonts(t, b)
	if embedded := regexp.MustCompile(`(?m)CID TrueType\s+Identity-H\s+yes`).FindAllString(fonts, -1); len(embedded) != 4 {
		t.Errorf("want the four faces embedded:\n%s", fonts)
	}
	if dir := os.Getenv("SUMMIT_PDF_PNG"); dir != "" { // to look at the pages
		pdftest.PNG(t, b, dir, "mixed")
	}
}

// TestEnglishOnlyLeavesOutTheCJKFace: a document without Chinese does not
// carry the Chinese face.
func TestEnglishOnlyLeavesOutTheCJKFace(t *testing.T) {
	b := render(t, Header{Title: "Agenda · Kazakhstan"}, func(d *Document) { d.Paragraph("Talks: Kazakhstan – China") })
	if fonts := pdftest.Fonts(t, b); strings.Contains(strings.ToLower(fonts), "droid") {
		t.Errorf("an English document carries the CJK face:\n%s", fonts)
	}
	if text := pdftest.Text(t, b); !strings.Contains(text, "Page 1 of 1") {
		t.Errorf("no page number:\n%s", text)
	}
}

// TestWrap: lines break at spaces, between Chinese characters, and inside
// a word longer than the line, never wider than asked.
func TestWrap(t *testing.T) {
	m, err := loadMetrics()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in, width string // the line is as wide as width
		want      []string
	}{
		{"Talks between Kazakhstan and China", "Talks between", []string{"Talks between", "Kazakhstan", "and China"}},
		{"中华人民共和国主席习近平", "Talks between", nil},
		{"Supercalifragilisticexpialidocious", "Talks between", nil},
		{"one\ntwo", "Talks between", []string{"one", "two"}},
		{"", "Talks between", []string{""}},
		{"中华人民共和国。", "中华人民共和国", []string{"中华人民共和", "国。"}},
		{"Talks (Kazakhstan, China).", "(Kazakhstan, C", []string{"Talks", "(Kazakhstan,", "China)."}},
	} {
		w := m.width(c.width, regular)
		got := m.wrap(c.in, regular, w)
		if c.want != nil && strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("wrap(%q) = %q, want %q", c.in, got, c.want)
		}
		if strings.Join(got, "") != strings.ReplaceAll(strings.ReplaceAll(c.in, "\n", ""), " ", "") &&
			strings.ReplaceAll(strings.Join(got, " "), "  ", " ") != strings.ReplaceAll(c.in, "\n", " ") {
			t.Errorf("wrap(%q) lost text: %q", c.in, got)
		}
		for _, line := range got {
			if m.width(line, regular) > w {
				t.Errorf("wrap(%q): %q is wider than the line", c.in, line)
			}
		}
	}
}
