package domain

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"time"
)

// Photo is a member's badge photo: a JPEG the server made itself (re-encoded,
// without metadata), cropped to the badge's 3:4 portrait.
type Photo struct {
	MemberID  string
	JPEG      []byte
	Width     int
	Height    int
	UpdatedAt time.Time
}

// Photo limits: what an upload may be, and what is kept of it.
const (
	MaxPhotoBytes     = 5 << 20 // 5 MiB
	MaxPhotoDimension = 6000    // pixels either way, declared in the header
	MinPhotoDimension = 60
	photoWidth        = 450 // kept at most, 3:4 like the badge's photo box
	photoHeight       = 600
)

// PhotoTypes are the media types a photo may be uploaded as.
var PhotoTypes = []string{"image/jpeg", "image/png"}

// photoFailure is an upload that is not a usable image, naming field photo.
func photoFailure(format string, args ...any) error {
	var v Validation
	v.Add("photo", format, args...)
	return v.Err()
}

// CleanPhoto turns an upload into a stored photo: it reads only the header
// first and refuses declared dimensions over MaxPhotoDimension (so that a
// small file declaring a huge image never gets its pixels decoded), then
// decodes, crops the centre to 3:4, scales down to at most 450 × 600, and
// encodes a fresh JPEG, which carries none of the upload's metadata (EXIF,
// comments, colour profiles). A media type other than JPEG or PNG is
// EMEDIATYPE; a body that is not such an image, EINVALID naming photo.
func CleanPhoto(mediaType string, body []byte) ([]byte, int, int, error) {
	var decodeConfig func([]byte) (image.Config, error)
	var decode func([]byte) (image.Image, error)
	switch mediaType {
	case "image/jpeg":
		decodeConfig = func(b []byte) (image.Config, error) { return jpeg.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) }
	case "image/png":
		decodeConfig = func(b []byte) (image.Config, error) { return png.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) }
	default:
		return nil, 0, 0, Errorf(EMEDIATYPE, "A photo is sent as image/jpeg or image/png, not %q.", mediaType)
	}
	if len(body) > MaxPhotoBytes {
		return nil, 0, 0, Errorf(ETOOLARGE, "A photo may be at most 5 MiB.")
	}
	cfg, err := decodeConfig(body)
	if err != nil {
		return nil, 0, 0, photoFailure("is not a %s image", mediaType)
	}
	if cfg.Width > MaxPhotoDimension || cfg.Height > MaxPhotoDimension {
		return nil, 0, 0, photoFailure("is %d × %d pixels; at most %d × %d", cfg.Width, cfg.Height, MaxPhotoDimension, MaxPhotoDimension)
	}
	if cfg.Width < MinPhotoDimension || cfg.Height < MinPhotoDimension {
		return nil, 0, 0, photoFailure("is %d × %d pixels; at least %d × %d", cfg.Width, cfg.Height, MinPhotoDimension, MinPhotoDimension)
	}
	img, err := decode(body)
	if err != nil {
		return nil, 0, 0, photoFailure("is a damaged %s image", mediaType)
	}
	out := scaleDown(img, cropPortrait(img), photoWidth, photoHeight)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, out, &jpeg.Options{Quality: 85}); err != nil {
		return nil, 0, 0, err
	}
	b := out.Bounds()
	return buf.Bytes(), b.Dx(), b.Dy(), nil
}

// cropPortrait returns the largest 3:4 rectangle at the centre of img.
func cropPortrait(img image.Image) image.Rectangle {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w*4 > h*3 { // too wide
		cw := h * 3 / 4
		x := b.Min.X + (w-cw)/2
		return image.Rect(x, b.Min.Y, x+cw, b.Max.Y)
	}
	ch := w * 4 / 3
	y := b.Min.Y + (h-ch)/2
	return image.Rect(b.Min.X, y, b.Max.X, y+ch)
}

// scaleDown copies the part r of img into an image of at most maxW × maxH
// of the same shape, each target pixel the average of up to 4 × 4 source
// pixels spread over the block it covers (reading a bounded number of
// pixels, however large the source).
func scaleDown(img image.Image, r image.Rectangle, maxW, maxH int) *image.RGBA {
	tw, th := r.Dx(), r.Dy()
	if tw > maxW {
		tw, th = maxW, r.Dy()*maxW/r.Dx()
	}
	if th > maxH {
		tw, th = r.Dx()*maxH/r.Dy(), maxH
	}
	tw, th = max(tw, 1), max(th, 1)
	out := image.NewRGBA(image.Rect(0, 0, tw, th))
	const n = 4
	for y := 0; y < th; y++ {
		for x := 0; x < tw; x++ {
			var sr, sg, sb, count uint32
			for j := 0; j < n; j++ {
				sy := r.Min.Y + (y*n+j)*r.Dy()/(th*n)
				for i := 0; i < n; i++ {
					sx := r.Min.X + (x*n+i)*r.Dx()/(tw*n)
					cr, cg, cb, ca := img.At(sx, sy).RGBA()
					paper := 0xffff - ca // transparent parts on white
					sr, sg, sb, count = sr+cr+paper, sg+cg+paper, sb+cb+paper, count+1
				}
			}
			out.SetRGBA(x, y, color.RGBA{uint8(sr / count >> 8), uint8(sg / count >> 8), uint8(sb / count >> 8), 0xff})
		}
	}
	return out
}

// SetPhoto stores a member's photo from an upload (see CleanPhoto):
// organisers for anyone, delegates for their own delegation's members
// (anyone else ENOTFOUND). A delegate's new photo of an approved member
// makes its accreditation pending again, so that an organiser approves the
// face on the badge.
func (s Accreditation) SetPhoto(ctx context.Context, actor Actor, memberID, mediaType string, body []byte) (*Member, error) {
	m, err := s.member(ctx, actor, memberID)
	if err != nil {
		return nil, err
	}
	jpg, w, h, err := CleanPhoto(mediaType, body)
	if err != nil {
		return nil, err
	}
	err = s.Store.WithTx(ctx, func(tx AccreditationRepos) error {
		if m, err = tx.MemberByID(ctx, memberID); err != nil {
			return err
		}
		if err := tx.PutMemberPhoto(ctx, &Photo{MemberID: memberID, JPEG: jpg, Width: w, Height: h, UpdatedAt: s.Clock.Now()}); err != nil {
			return err
		}
		m.HasPhoto = true
		if err := s.Clock.audit(ctx, tx, actor, "set_photo", "member", memberID, nil, map[string]int{"width": w, "height": h}); err != nil {
			return err
		}
		if m.Accreditation != "approved" || actor.IsOrganiser() || actor.IsSystem() {
			return nil
		}
		before := *m
		m.Accreditation = "pending"
		if err := tx.UpdateMember(ctx, m); err != nil {
			return err
		}
		return s.Clock.audit(ctx, tx, actor, "update", "member", memberID, &before, m)
	})
	return m, err
}

// Photo returns a member's photo to organisers and the member's own
// delegates; ENOTFOUND for anyone else and when there is none.
func (s Accreditation) Photo(ctx context.Context, actor Actor, memberID string) (*Photo, error) {
	if _, err := s.member(ctx, actor, memberID); err != nil {
		return nil, err
	}
	return s.Store.MemberPhoto(ctx, memberID)
}
