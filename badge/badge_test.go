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
	badges[1].Member.FullName, badges[1].Member.Names = "Xi Jinping", domain.Names{"zh": "习近平", "ru": "Си Цзиньпин"}
	badges[1].Delegation = domain.Delegation{Code: "CHN", Name: "China", NoticeLanguage: "zh"}
	badges[2].Member.FullName, badges[2].Member.Names = "Vladimir Putin", domain.Names{"ru": "Владимир Путин", "zh": "弗拉基米尔·普京"}
	badges[2].Delegation = domain.Delegation{Code: "RUS", Name: "Russia", NoticeLanguage: "ru"}
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
	if n := strings.Count(string(text), "Tokayev"); n != 8 {
		t.Fatalf("%d names in the text, want 8", n)
	}
	// A name prints in the delegation's language beside the primary name,
	// in its own script; a name in another language does not.
	for _, want := range []string{"Xi Jinping", "习近平", "Vladimir Putin", "Владимир Путин"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("%q is not in the text:\n%s", want, text)
		}
	}
	if strings.Contains(string(text), "Си Цзиньпин") || strings.Contains(string(text), "普京") {
		t.Errorf("a name in a language other than the delegation's is printed:\n%s", text)
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
