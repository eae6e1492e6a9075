package domain

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
)

// Badges and the check at the door. A badge's QR code holds a token: the
// member's id and a MAC of it under the badge key (HMAC-SHA256, truncated to
// 80 bits), in base32 (42 characters of QR alphanumeric mode, and easy to
// type). The token names no person in clear; the key lives in the database
// (settings, made on first use), so every instance signs and checks alike,
// and rotating it voids every badge printed before. Whether a token opens a
// door is read from the database at each check: a member rejected or
// deleted is refused at once, on every instance.

const (
	badgeKeySetting = "badge_key"
	badgeMACBytes   = 10
	idBytes         = 16
)

var tokenEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// Badge is what a printed badge shows.
type Badge struct {
	Member     Member
	Delegation Delegation
	Category   *BadgeCategory // nil when the member has none
	Photo      *Photo         // nil when the member has none
	Token      string
	SummitName string
}

// Access check reasons (AccessAnswer.Reason).
const (
	AccessAllowed       = "allowed"
	AccessInvalidToken  = "invalid_token"
	AccessUnknownMember = "unknown_member"
	AccessNotApproved   = "not_approved"
	AccessNoCategory    = "no_category"
	AccessOutsideZones  = "outside_zones"
)

// AccessAnswer is the answer at the door.
type AccessAnswer struct {
	Allowed    bool
	Reason     string
	Member     *Member // nil when the token names nobody
	Delegation *Delegation
	Photo      *Photo
}

// signBadge returns the token of a member id under key.
func signBadge(key []byte, memberID string) (string, error) {
	raw, err := hex.DecodeString(strings.ReplaceAll(memberID, "-", ""))
	if err != nil || len(raw) != idBytes {
		return "", Errorf(EINTERNAL, "member id %q is not a UUID", memberID)
	}
	return tokenEncoding.EncodeToString(append(raw, badgeMAC(key, raw)...)), nil
}

func badgeMAC(key, id []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("summit-badge-v1\x00"))
	m.Write(id)
	return m.Sum(nil)[:badgeMACBytes]
}

// readBadge returns the member id a token carries; false when the token is
// not one signed with key (forged, truncated, altered, or of an old key).
func readBadge(key []byte, token string) (string, bool) {
	token = strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(token)))
	if len(token) > 64 {
		return "", false
	}
	raw, err := tokenEncoding.DecodeString(token)
	if err != nil || len(raw) != idBytes+badgeMACBytes {
		return "", false
	}
	id, mac := raw[:idBytes], raw[idBytes:]
	if !hmac.Equal(mac, badgeMAC(key, id)) {
		return "", false
	}
	h := hex.EncodeToString(id)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:], true
}

// badgeKey returns the badge key, making it on first use.
func badgeKey(ctx context.Context, repo SettingRepo) ([]byte, error) {
	v, ok, err := repo.Setting(ctx, badgeKeySetting)
	if err != nil {
		return nil, err
	}
	if !ok {
		if v, err = repo.SetSettingIfAbsent(ctx, badgeKeySetting, newBadgeKey()); err != nil {
			return nil, err
		}
	}
	return hex.DecodeString(v)
}

func newBadgeKey() string {
	var b [32]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// RotateBadgeKey makes a new badge key (organisers): every badge printed
// before stops opening doors at once.
func (s Accreditation) RotateBadgeKey(ctx context.Context, actor Actor) error {
	if err := CanPlan(actor); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx AccreditationRepos) error {
		if err := tx.SetSetting(ctx, badgeKeySetting, newBadgeKey()); err != nil {
			return err
		}
		return s.Clock.audit(ctx, tx, actor, "rotate_badge_key", "badge_key", "badge_key", nil, nil)
	})
}

// member returns the member with id when the actor may see its delegation's
// members (ENOTFOUND otherwise, as if it did not exist).
func (s Accreditation) member(ctx context.Context, actor Actor, id string) (*Member, error) {
	m, err := s.Store.MemberByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !CanSeeMembers(actor, m.DelegationID) {
		return nil, Errorf(ENOTFOUND, "Not found.")
	}
	return m, nil
}

// Badge returns what a member's badge shows, for organisers and the
// member's own delegates; a member not approved is ECONFLICT.
func (s Accreditation) Badge(ctx context.Context, actor Actor, memberID string) (*Badge, error) {
	m, err := s.member(ctx, actor, memberID)
	if err != nil {
		return nil, err
	}
	if m.Accreditation != "approved" {
		return nil, Errorf(ECONFLICT, "%s's accreditation is %s; only an approved member gets a badge.", m.FullName, m.Accreditation)
	}
	badges, err := s.badges(ctx, []Member{*m})
	if err != nil {
		return nil, err
	}
	return &badges[0], nil
}

// DelegationBadges returns the badges of a delegation's approved members,
// head first, for organisers and its own delegates; none approved is ECONFLICT.
func (s Accreditation) DelegationBadges(ctx context.Context, actor Actor, delegationID string) ([]Badge, error) {
	if !CanSeeMembers(actor, delegationID) {
		return nil, Errorf(ENOTFOUND, "Not found.")
	}
	if _, err := s.Store.DelegationByID(ctx, delegationID); err != nil {
		return nil, err
	}
	all, err := s.Store.ListMembers(ctx, delegationID)
	if err != nil {
		return nil, err
	}
	var approved []Member
	for _, m := range all {
		if m.Accreditation == "approved" {
			approved = append(approved, m)
		}
	}
	if len(approved) == 0 {
		return nil, Errorf(ECONFLICT, "No member of this delegation is approved yet; approve members first.")
	}
	return s.badges(ctx, approved)
}

// badges gathers what the members' badges show.
func (s Accreditation) badges(ctx context.Context, members []Member) ([]Badge, error) {
	key, err := badgeKey(ctx, s.Store)
	if err != nil {
		return nil, err
	}
	summitName := ""
	if sm, err := s.Store.Summit(ctx); err == nil {
		summitName = sm.Name
	}
	categories := map[string]*BadgeCategory{}
	out := make([]Badge, len(members))
	for i, m := range members {
		b := Badge{Member: m, SummitName: summitName}
		d, err := s.Store.DelegationByID(ctx, m.DelegationID)
		if err != nil {
			return nil, err
		}
		b.Delegation = *d
		if id := m.BadgeCategoryID; id != "" {
			if categories[id] == nil {
				if categories[id], err = s.Store.BadgeCategoryByID(ctx, id); err != nil {
					return nil, err
				}
			}
			b.Category = categories[id]
		}
		if b.Photo, err = s.Store.MemberPhoto(ctx, m.ID); ErrorCode(err) == ENOTFOUND {
			b.Photo = nil
		} else if err != nil {
			return nil, err
		}
		if b.Token, err = signBadge(key, m.ID); err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

// CanCheckAccess allows gate staff, organisers and admins to check badges.
func CanCheckAccess(a Actor) error {
	if a.IsGate() || a.IsOrganiser() || a.IsSystem() {
		return nil
	}
	return errForbidden("check badges")
}

// CheckAccess answers whether a badge's token opens a room: only for an
// approved member, not deleted, whose category has a zone holding the room.
// A token that is forged, altered or of an old key is refused, not an
// error. Everything is read inside one write transaction (never a cache),
// and every check is audited with its answer on the room. An unknown room
// or an empty token is EINVALID.
func (s Accreditation) CheckAccess(ctx context.Context, actor Actor, token, roomID string) (*AccessAnswer, error) {
	if err := CanCheckAccess(actor); err != nil {
		return nil, err
	}
	var v Validation
	v.Check(strings.TrimSpace(token) != "", "token", "is the code on the badge")
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out *AccessAnswer
	err := s.Store.WithTx(ctx, func(tx AccreditationRepos) error {
		if _, err := tx.RoomByID(ctx, roomID); ErrorCode(err) == ENOTFOUND {
			v.Add("room_id", "no room %s", roomID)
			return v.Err()
		} else if err != nil {
			return err
		}
		a, err := s.answer(ctx, tx, token, roomID)
		if err != nil {
			return err
		}
		out = a
		memberID := ""
		if a.Member != nil {
			memberID = a.Member.ID
		}
		return s.Clock.audit(ctx, tx, actor, "access_check", "room", roomID, nil,
			map[string]any{"member_id": memberID, "allowed": a.Allowed, "reason": a.Reason})
	})
	return out, err
}

// answer works out a check's answer in tx.
func (s Accreditation) answer(ctx context.Context, tx AccreditationRepos, token, roomID string) (*AccessAnswer, error) {
	key, err := badgeKey(ctx, tx)
	if err != nil {
		return nil, err
	}
	id, ok := readBadge(key, token)
	if !ok {
		return &AccessAnswer{Reason: AccessInvalidToken}, nil
	}
	m, err := tx.MemberByID(ctx, id)
	if ErrorCode(err) == ENOTFOUND {
		return &AccessAnswer{Reason: AccessUnknownMember}, nil
	} else if err != nil {
		return nil, err
	}
	a := &AccessAnswer{Member: m}
	if a.Delegation, err = tx.DelegationByID(ctx, m.DelegationID); err != nil {
		return nil, err
	}
	if a.Photo, err = tx.MemberPhoto(ctx, m.ID); ErrorCode(err) == ENOTFOUND {
		a.Photo = nil
	} else if err != nil {
		return nil, err
	}
	switch {
	case m.Accreditation != "approved":
		a.Reason = AccessNotApproved
	case m.BadgeCategoryID == "":
		a.Reason = AccessNoCategory
	default:
		admits, err := tx.CategoryAdmits(ctx, m.BadgeCategoryID, roomID)
		if err != nil {
			return nil, err
		}
		a.Allowed = admits
		a.Reason = map[bool]string{true: AccessAllowed, false: AccessOutsideZones}[admits]
	}
	return a, nil
}
