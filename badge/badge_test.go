package badge

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"summit/domain"
)

// sample is an approved member's badge with a photo.
func sample(t testing.TB, i int) domain.Badge {
	img := image.NewRGBA(image.Rect(0, 0, 90, 120))
	for y := 0; y < 120; y++ {
		for x := 0; x < 90; x++ {
			img.Set(x, y, color.RGBA{uint8(100 + x), uint8(80 + y), 160, 255})
		}
	}
	var buf bytes.Buffer
	jpeg.Encode(&buf, img, nil)
	return domain.Badge{
		Member:     domain.Member{ID: domain.NewID(), FullName: "Kassym-Jomart Tokayev", Position: "President of the Republic of Kazakhstan"},
		Delegation: domain.Delegation{Code: "KAZ", Name: "Kazakhstan"},
		Category:   &domain.BadgeCategory{Name: "Head of delegation", Colour: []string{"#1f6feb", "#f2c500", "#c0392b"}[i%3]},
		Photo:      &domain.Photo{JPEG: buf.Bytes(), Width: 90, Height: 120, UpdatedAt: time.Now()},
		Token:      "GAYTEMZUGU3DOOBZGAYTEMZUGU3DOOBZGAYTEMZUGU",
		SummitName: "SCO Summit Astana 2024",
	}
}

// TestSheet: a batch of badges fills A4 pages eight at a time, and every
// badge's text is there (read back with pdftotext).
func TestSheet(t *testing.T) {
	var badges []domain.Badge
	for i := range 10 {
		badges = append(badges, sample(t, i))
	}
	badges[9].Photo, badges[9].Category = nil, nil
	var out bytes.Buffer
	if err := Sheet(&out, badges); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if keep := os.Getenv("BADGE_OUT"); keep != "" {
		dir = keep
	}
	path := filepath.Join(dir, "sheet.pdf")
	os.WriteFile(path, out.Bytes(), 0o644)
	info, err := exec.Command("pdfinfo", path).Output()
	if err != nil || !strings.Contains(string(info), "Pages:           2") || !strings.Contains(string(info), "(A4)") {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	text, _ := exec.Command("pdftotext", path, "-").Output()
	if n := strings.Count(string(text), "Tokayev"); n != 10 {
		t.Fatalf("%d names in the text, want 10", n)
	}
	if !strings.Contains(string(text), "No category") || !strings.Contains(string(text), "no photo") {
		t.Fatalf("the badge without category and photo does not say so:\n%s", text)
	}
}

// BenchmarkSheet50 measures the batch PDF of a delegation of 50 approved members.
func BenchmarkSheet50(b *testing.B) {
	badges := make([]domain.Badge, 50)
	for i := range badges {
		badges[i] = sample(b, i)
	}
	for b.Loop() {
		var out bytes.Buffer
		if err := Sheet(&out, badges); err != nil {
			b.Fatal(err)
		}
	}
}
