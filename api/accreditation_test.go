package api

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/json"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	qr "github.com/piglig/go-qr"

	"summit/domain"
	"summit/repository"
	"summit/repository/dbtest"
)

// accred is a planning fixture with zones, a category and a gate account.
type accred struct {
	*planning
	palace, akorda accessZoneResponse
	category       badgeCategoryResponse
	gate           string
}

func newAccred(t *testing.T, dbURL string) *accred {
	a := &accred{planning: newPlanning(t, dbURL)}
	a.mustOK(201, "POST", "/api/v1/access-zones", a.organiser, map[string]any{"name": "Palace", "room_ids": []string{a.hall.ID, a.small.ID}}, &a.palace)
	a.mustOK(201, "POST", "/api/v1/access-zones", a.organiser, map[string]any{"name": "Akorda", "room_ids": []string{a.oval.ID}}, &a.akorda)
	a.mustOK(201, "POST", "/api/v1/badge-categories", a.organiser,
		map[string]any{"name": "Delegation", "colour": "#1F6FEB", "zone_ids": []string{a.palace.ID}}, &a.category)
	a.gate = a.token("gate")
	return a
}

func (a *accred) mustOK(status int, method, path, token string, body, out any, header ...string) *httptest.ResponseRecorder {
	a.t.Helper()
	rec := a.call(method, path, token, body, header...)
	if rec.Code != status {
		a.t.Fatalf("%s %s: %d, want %d: %s\n%s", method, path, rec.Code, status, rec.Body, a.log)
	}
	if out != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
			a.t.Fatal(err)
		}
	}
	return rec
}

// upload sends raw bytes as a photo.
func (a *accred) upload(memberID, token, mediaType string, body []byte) *httptest.ResponseRecorder {
	a.t.Helper()
	req := httptest.NewRequest("PUT", "/api/v1/members/"+memberID+"/photo", bytes.NewReader(body))
	req.Header.Set("Content-Type", mediaType)
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	a.s.Echo.ServeHTTP(rec, req)
	return rec
}

// portrait is a JPEG of w × h pixels, with an EXIF segment holding a secret when exif is set.
func portrait(t *testing.T, w, h int, exif bool) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	if !exif {
		return out
	}
	payload := append([]byte("Exif\x00\x00"), []byte("GPS 51.1283N 71.4305E secret camera serial")...)
	seg := append([]byte{0xff, 0xe1, 0, 0}, payload...)
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(append(append([]byte{}, out[:2]...), seg...), out[2:]...)
}

// pngBomb is a small PNG that declares side × side pixels of zeros.
func pngBomb(t *testing.T, side int) []byte {
	chunk := func(kind string, data []byte) []byte {
		b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
		b = append(b, kind...)
		b = append(b, data...)
		return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte(kind), data...)))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(side))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(side))
	ihdr = append(ihdr, 8, 0, 0, 0, 0) // 8-bit greyscale
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(make([]byte, 4<<20)) // 4 MiB of zeros: a few kilobytes compressed
	zw.Close()
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, chunk("IHDR", ihdr)...)
	out = append(out, chunk("IDAT", z.Bytes())...)
	return append(out, chunk("IEND", nil)...)
}

// TestPhotoUploads: only JPEG and PNG are taken, within 5 MiB and 6000 ×
// 6000 declared pixels (a decompression bomb is refused from its header),
// stored as a fresh JPEG without the upload's metadata, cropped to 3:4;
// nothing is written for a refused upload; only the member's own delegates
// and organisers upload and see it.
func TestPhotoUploads(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			a := newAccred(t, u)
			kaz, chn := a.token("delegate"), a.token("delegate_chn")
			minister := a.kazMin.ID

			pr := assertProblem(t, a.upload(minister, kaz, "text/plain", []byte("hello")), 415)
			if !strings.Contains(pr.Detail, "image/jpeg") {
				t.Fatalf("415 says %q", pr.Detail)
			}
			pr = assertProblem(t, a.upload(minister, kaz, "image/jpeg", []byte("not a jpeg at all")), 422)
			if len(pr.Errors) != 1 || pr.Errors[0].Field != "photo" {
				t.Fatalf("errors %+v, want one naming photo", pr.Errors)
			}
			assertProblem(t, a.upload(minister, kaz, "image/png", portrait(t, 300, 400, false)), 422) // a JPEG sent as PNG
			bomb := pngBomb(t, 60000)
			started := time.Now()
			pr = assertProblem(t, a.upload(minister, kaz, "image/png", bomb), 422)
			if !strings.Contains(pr.Errors[0].Message, "60000 × 60000") || time.Since(started) > 2*time.Second {
				t.Fatalf("bomb of %d bytes: %+v after %v", len(bomb), pr.Errors, time.Since(started))
			}
			assertProblem(t, a.upload(minister, kaz, "image/jpeg", make([]byte, domain.MaxPhotoBytes+1)), 413)
			if m := decode[memberResponse](t, a.call("GET", "/api/v1/members/"+minister, kaz, nil)); m.HasPhoto || m.Version != 1 {
				t.Fatalf("refused uploads wrote something: %+v", m)
			}
			assertProblem(t, a.call("GET", "/api/v1/members/"+minister+"/photo", kaz, nil), 404)

			// Another delegation's delegate can neither upload nor see it; gate staff can do neither.
			upload := portrait(t, 800, 600, true)
			assertProblem(t, a.upload(minister, chn, "image/jpeg", upload), 404)
			assertProblem(t, a.upload(minister, a.gate, "image/jpeg", upload), 403)

			rec := a.upload(minister, kaz, "image/jpeg; charset=binary", upload)
			if rec.Code != 200 || !decode[memberResponse](t, rec).HasPhoto {
				t.Fatalf("upload: %d %s", rec.Code, rec.Body)
			}
			assertProblem(t, a.call("GET", "/api/v1/members/"+minister+"/photo", chn, nil), 404)
			assertProblem(t, a.call("GET", "/api/v1/members/"+minister+"/photo", a.gate, nil), 403)
			rec = a.call("GET", "/api/v1/members/"+minister+"/photo", a.organiser, nil)
			if rec.Code != 200 || rec.Header().Get("Content-Type") != "image/jpeg" {
				t.Fatalf("photo: %d %s", rec.Code, rec.Header())
			}
			stored := rec.Body.Bytes()
			if bytes.Contains(stored, []byte("Exif")) || bytes.Contains(stored, []byte("secret")) || bytes.Contains(stored, []byte{0xff, 0xe1}) {
				t.Fatalf("the stored photo kept the upload's EXIF segment")
			}
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(stored))
			if err != nil || cfg.Width*4 != cfg.Height*3 || cfg.Height > 600 {
				t.Fatalf("stored photo %dx%d (%v), want 3:4 at most 450x600", cfg.Width, cfg.Height, err)
			}
			// A PNG is taken too, and replaces the photo.
			var pngBuf bytes.Buffer
			png.Encode(&pngBuf, image.NewNRGBA(image.Rect(0, 0, 90, 120)))
			if rec := a.upload(minister, a.organiser, "image/png", pngBuf.Bytes()); rec.Code != 200 {
				t.Fatalf("png: %d %s", rec.Code, rec.Body)
			}
			entries := decode[list[auditResponse]](t, a.call("GET", "/api/v1/audit?entity_type=member&entity_id="+minister, a.organiser, nil))
			if n := countActions(entries.Items, "set_photo"); n != 2 {
				t.Fatalf("%d set_photo entries, want 2", n)
			}
		})
	}
}

func countActions(items []auditResponse, action string) int {
	n := 0
	for _, e := range items {
		if e.Action == action {
			n++
		}
	}
	return n
}

// TestBadgesAndTheDoor: organisers approve, a delegate cannot; an approved
// member's badge PDF names the member, and its QR code, read back from the
// rendered page, opens a room of its category's zones and no other; a
// tampered or truncated token, a rejected member and a rotated key are all
// refused, without a 5xx; every check is audited with its answer.
func TestBadgesAndTheDoor(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			a := newAccred(t, u)
			kaz, chn := a.token("delegate"), a.token("delegate_chn")
			minister := "/api/v1/members/" + a.kazMin.ID
			if rec := a.upload(a.kazMin.ID, kaz, "image/jpeg", portrait(t, 300, 400, false)); rec.Code != 200 {
				t.Fatalf("upload: %d %s", rec.Code, rec.Body)
			}
			assertProblem(t, a.call("PATCH", minister, kaz, map[string]any{"accreditation": "approved"}), 403)
			assertProblem(t, a.call("PATCH", minister, kaz, map[string]any{"badge_category_id": a.category.ID}), 403)
			assertProblem(t, a.call("GET", minister+"/badge.pdf", kaz, nil), 409) // pending
			pr := assertProblem(t, a.call("PATCH", minister, a.organiser, map[string]any{"badge_category_id": domain.NewID()}), 422)
			if pr.Errors[0].Field != "badge_category_id" {
				t.Fatalf("errors %+v", pr.Errors)
			}
			a.mustOK(200, "PATCH", minister, a.organiser, map[string]any{"accreditation": "approved", "badge_category_id": a.category.ID}, nil)

			assertProblem(t, a.call("GET", minister+"/badge.pdf", chn, nil), 404)
			assertProblem(t, a.call("GET", minister+"/badge.pdf", a.gate, nil), 403)
			rec := a.call("GET", minister+"/badge.pdf", kaz, nil)
			if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/pdf" {
				t.Fatalf("badge: %d %s", rec.Code, rec.Body)
			}
			text := pdfText(t, rec.Body.Bytes())
			for _, want := range []string{"Murat Nurtleu", "Minister", "Kazakhstan (KAZ)", "Delegation", "SCO"} {
				if !strings.Contains(text, want) {
					t.Fatalf("badge text lacks %q:\n%s", want, text)
				}
			}
			token := qrOf(t, rec.Body.Bytes())
			if len(token) > 60 || strings.Contains(token, a.kazMin.ID) {
				t.Fatalf("token %q: too long, or the member's id in clear", token)
			}

			check := func(who, token, roomID string, allowed bool, reason string) {
				t.Helper()
				rec := a.call("POST", "/api/v1/access/check", who, map[string]any{"token": token, "room_id": roomID})
				if rec.Code != 200 {
					t.Fatalf("check: %d %s", rec.Code, rec.Body)
				}
				got := decode[accessCheckResponse](t, rec)
				if got.Allowed != allowed || got.Reason != reason {
					t.Fatalf("check %s in %s: %+v, want %v %s", token, roomID, got, allowed, reason)
				}
				if allowed && (got.Member == nil || got.Member.FullName != "Murat Nurtleu" || got.Member.DelegationCode != "KAZ" ||
					!strings.HasPrefix(got.Member.Photo, "data:image/jpeg;base64,")) {
					t.Fatalf("allowed without the member: %+v", got.Member)
				}
			}
			check(a.gate, token, a.hall.ID, true, "allowed")
			check(a.gate, strings.ToLower(token), a.small.ID, true, "allowed") // typed in lower case
			check(a.organiser, token, a.oval.ID, false, "outside_zones")
			assertProblem(t, a.call("POST", "/api/v1/access/check", kaz, map[string]any{"token": token, "room_id": a.hall.ID}), 403)
			assertProblem(t, a.call("POST", "/api/v1/access/check", a.gate, map[string]any{"token": token, "room_id": domain.NewID()}), 422)
			assertProblem(t, a.call("GET", "/api/v1/delegations", a.gate, nil), 403) // gate staff do nothing else
			a.mustOK(200, "GET", "/api/v1/me", a.gate, nil, nil)

			flipped := []byte(token)
			flipped[5] = map[bool]byte{true: 'B', false: 'A'}[flipped[5] == 'A']
			for _, bad := range []string{string(flipped), token[:len(token)-3], token + "AAAA", "not a badge", strings.Repeat("Z", 1000)} {
				check(a.gate, bad, a.hall.ID, false, "invalid_token")
			}

			assertProblem(t, a.call("POST", "/api/v1/access/check", a.gate, map[string]any{"token": strings.Repeat("Z", 5000), "room_id": a.hall.ID}), 422)

			// Rejected: refused at once; approved again: allowed; a new key voids the old badge.
			a.mustOK(200, "PATCH", minister, a.organiser, map[string]any{"accreditation": "rejected"}, nil)
			check(a.gate, token, a.hall.ID, false, "not_approved")
			a.mustOK(200, "PATCH", minister, a.organiser, map[string]any{"accreditation": "approved"}, nil)
			check(a.gate, token, a.hall.ID, true, "allowed")
			assertProblem(t, a.call("POST", "/api/v1/badges/key/rotate", a.gate, nil), 403)
			a.mustOK(204, "POST", "/api/v1/badges/key/rotate", a.organiser, nil, nil)
			check(a.gate, token, a.hall.ID, false, "invalid_token")
			newToken := qrOf(t, a.call("GET", minister+"/badge.pdf", a.organiser, nil).Body.Bytes())
			check(a.gate, newToken, a.hall.ID, true, "allowed")

			entries := decode[list[auditResponse]](t, a.call("GET", "/api/v1/audit?entity_type=room&entity_id="+a.hall.ID, a.organiser, nil))
			if n := countActions(entries.Items, "access_check"); n != 10 {
				t.Fatalf("%d access_check entries on the hall, want 10", n)
			}
			last := string(entries.Items[0].After)
			if !strings.Contains(last, `"allowed":true`) || !strings.Contains(last, a.kazMin.ID) {
				t.Fatalf("newest check recorded as %s", last)
			}
		})
	}
}

// TestZonesAndCategories: organisers keep them; a zone a category lists and
// a category members hold cannot go; unknown rooms and zones are 422.
func TestZonesAndCategories(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			a := newAccred(t, u)
			kaz := a.token("delegate")
			assertProblem(t, a.call("GET", "/api/v1/access-zones", kaz, nil), 403)
			assertProblem(t, a.call("POST", "/api/v1/badge-categories", kaz, map[string]any{"name": "X", "colour": "#000000"}), 403)
			pr := assertProblem(t, a.call("POST", "/api/v1/access-zones", a.organiser, map[string]any{"name": "", "room_ids": []string{domain.NewID()}}), 422)
			if len(pr.Errors) != 2 {
				t.Fatalf("errors %+v, want name and room_ids", pr.Errors)
			}
			pr = assertProblem(t, a.call("POST", "/api/v1/badge-categories", a.organiser, map[string]any{"name": "Press", "colour": "red", "zone_ids": []string{domain.NewID()}}), 422)
			if len(pr.Errors) != 2 || pr.Errors[0].Field != "colour" || pr.Errors[1].Field != "zone_ids" {
				t.Fatalf("errors %+v", pr.Errors)
			}
			assertProblem(t, a.call("POST", "/api/v1/access-zones", a.organiser, map[string]any{"name": "Palace"}), 409)

			zones := decode[list[accessZoneResponse]](t, a.call("GET", "/api/v1/access-zones", a.organiser, nil)).Items
			if len(zones) != 2 || zones[0].Name != "Akorda" || len(zones[1].RoomIDs) != 2 {
				t.Fatalf("zones %+v", zones)
			}
			rec := a.call("PATCH", "/api/v1/access-zones/"+a.akorda.ID, a.organiser, map[string]any{"room_ids": []string{a.oval.ID, a.hall.ID}}, "If-Match", `"1"`)
			if z := decode[accessZoneResponse](t, rec); rec.Code != 200 || z.Version != 2 || len(z.RoomIDs) != 2 {
				t.Fatalf("patch zone: %d %s", rec.Code, rec.Body)
			}
			assertProblem(t, a.call("PATCH", "/api/v1/access-zones/"+a.akorda.ID, a.organiser, map[string]any{"name": "A"}, "If-Match", `"1"`), 412)
			assertProblem(t, a.call("DELETE", "/api/v1/access-zones/"+a.palace.ID, a.organiser, nil), 409) // the category lists it

			a.mustOK(200, "PATCH", "/api/v1/members/"+a.kazMin.ID, a.organiser, map[string]any{"badge_category_id": a.category.ID}, nil)
			assertProblem(t, a.call("DELETE", "/api/v1/badge-categories/"+a.category.ID, a.organiser, nil), 409) // a member holds it
			a.mustOK(200, "PATCH", "/api/v1/members/"+a.kazMin.ID, a.organiser, map[string]any{"badge_category_id": nil}, nil)
			a.mustOK(204, "DELETE", "/api/v1/badge-categories/"+a.category.ID, a.organiser, nil, nil)
			a.mustOK(204, "DELETE", "/api/v1/access-zones/"+a.palace.ID, a.organiser, nil, nil)
			assertProblem(t, a.call("GET", "/api/v1/access-zones/"+a.palace.ID, a.organiser, nil), 404)
		})
	}
}

// pdfText is the text pdftotext reads from a PDF.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	os.WriteFile(path, pdf, 0o600)
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// qrOf renders a badge PDF's first page and reads its QR code.
func qrOf(t *testing.T, pdf []byte) string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "badge.pdf"), pdf, 0o600)
	if out, err := exec.Command("pdftoppm", "-r", "300", "-png", "-f", "1", "-l", "1", "-singlefile",
		filepath.Join(dir, "badge.pdf"), filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	// The QR code sits in the card's right third.
	b := img.Bounds()
	crop := img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(image.Rect(b.Min.X+b.Dx()*64/100, b.Min.Y+b.Dy()*20/100, b.Max.X, b.Min.Y+b.Dy()*70/100))
	text, err := qr.Decode(crop)
	if err != nil {
		t.Fatalf("read the QR code: %v", err)
	}
	return text
}

// BenchmarkAccessCheck measures the check at the door on SQLite: the
// token, member, category and zones read inside the write transaction that
// audits the answer (fsync included), as POST /access/check runs it.
// It reports p50 and p99 per check.
func BenchmarkAccessCheck(b *testing.B) {
	ctx := b.Context()
	store := dbtest.Open(b, dbtest.URLs(b)[repository.SQLite]).Store()
	svc := servicesOn(b, store).Accreditation
	system := domain.Actor{}
	d := domain.Delegation{Code: "KAZ", Name: "Kazakhstan", Kind: "member"}
	v := domain.Venue{ID: domain.NewID(), Name: "Palace"}
	r := domain.Room{VenueID: v.ID, Name: "Hall", Capacity: 100, Layout: "plenary"}
	if err := errors.Join(store.CreateDelegation(ctx, &d), store.CreateVenue(ctx, &v), store.CreateRoom(ctx, &r)); err != nil {
		b.Fatal(err)
	}
	zone, err := svc.SaveZone(ctx, system, "", domain.AccessZonePatch{Name: ptr("Palace"), RoomIDs: &[]string{r.ID}}, 0)
	if err != nil {
		b.Fatal(err)
	}
	cat, err := svc.SaveCategory(ctx, system, "", domain.BadgeCategoryPatch{Name: ptr("Delegation"), Colour: ptr("#1f6feb"), ZoneIDs: &[]string{zone.ID}}, 0)
	if err != nil {
		b.Fatal(err)
	}
	m := domain.Member{DelegationID: d.ID, FullName: "Murat Nurtleu", Accreditation: "approved", BadgeCategoryID: cat.ID}
	if err := store.CreateMember(ctx, &m); err != nil {
		b.Fatal(err)
	}
	badge, err := svc.Badge(ctx, system, m.ID)
	if err != nil {
		b.Fatal(err)
	}
	gate := domain.Actor{UserID: domain.NewID(), Role: domain.RoleGate}
	var latencies []time.Duration
	for b.Loop() {
		start := time.Now()
		a, err := svc.CheckAccess(ctx, gate, badge.Token, r.ID)
		latencies = append(latencies, time.Since(start))
		if err != nil || !a.Allowed {
			b.Fatalf("%+v %v", a, err)
		}
	}
	slices.Sort(latencies)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(latencies[len(latencies)/2]), "p50-ms")
	b.ReportMetric(ms(latencies[len(latencies)*99/100]), "p99-ms")
}

func ptr[T any](v T) *T { return &v }
