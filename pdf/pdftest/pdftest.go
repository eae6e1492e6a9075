// Package pdftest reads PDFs in tests through Debian's poppler-utils
// (pdftotext, pdfinfo, pdffonts, pdftoppm), as a reader's viewer would:
// the text must come out of the file, not out of the code that wrote it.
package pdftest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// run runs a poppler tool on the PDF b and returns what it prints.
func run(t testing.TB, b []byte, tool string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Fatalf("%s is missing: install Debian's poppler-utils (apt-get install poppler-utils), as .ci/run does", tool)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	cmd := exec.Command(tool, append(args, path, "-")...)
	if tool != "pdftotext" {
		cmd = exec.Command(tool, append(args, path)...)
	}
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v: %s", tool, err, errOut.String())
	}
	return out.String()
}

// Text is the text of the PDF b as pdftotext extracts it, page after page
// (pages separated by a form feed), in reading order.
func Text(t testing.TB, b []byte) string {
	t.Helper()
	return run(t, b, "pdftotext", "-enc", "UTF-8")
}

// Pages is the text of each page of b.
func Pages(t testing.TB, b []byte) []string {
	t.Helper()
	pages := strings.Split(Text(t, b), "\f")
	return pages[:len(pages)-1] // pdftotext ends every page with a form feed
}

// Info is what pdfinfo says of b ("Page size: 595.276 x 841.89 pts (A4)" …).
func Info(t testing.TB, b []byte) string {
	t.Helper()
	return run(t, b, "pdfinfo")
}

// Fonts is what pdffonts says of b: a line per font, with whether it is embedded.
func Fonts(t testing.TB, b []byte) string {
	t.Helper()
	return run(t, b, "pdffonts")
}

// PNG renders b's pages as PNG images in dir at 60 dots per inch (for a
// person to look at) and returns their paths.
func PNG(t testing.TB, b []byte, dir, name string) []string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-png", "-r", "60", path, filepath.Join(dir, name)).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, name+"-*.png"))
	return files
}
