package repository

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"summit/domain"
)

type delegationRow struct {
	ID          string `gorm:"primaryKey"`
	Code        string
	Name        string
	Kind        string
	Precedence  int
	Languages   stringList
	ArrivalAt   *time.Time
	DepartureAt *time.Time
	Hotel       string
	// HotelVenueID is NULL for none (migration 0015).
	HotelVenueID *string
	Names        names
	// ContactEmails are a JSON array; NoticeLanguage en, ru, zh or kk.
	ContactEmails  stringList
	NoticeLanguage string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (delegationRow) TableName() string { return "delegations" }

func toDelegationRow(d *domain.Delegation) delegationRow {
	return delegationRow{ID: d.ID, Code: strings.ToUpper(d.Code), Name: d.Name, Kind: d.Kind,
		Precedence: d.Precedence, Languages: d.Languages, ArrivalAt: utcPtr(d.ArrivalAt),
		DepartureAt: utcPtr(d.DepartureAt), Hotel: d.Hotel, HotelVenueID: nullable(d.HotelVenueID), Names: names(d.Names), Version: d.Version,
		ContactEmails: nonNil(d.ContactEmails), NoticeLanguage: cmp.Or(d.NoticeLanguage, domain.NoticeLanguages[0]),
		CreatedAt: utc(d.CreatedAt), UpdatedAt: utc(d.UpdatedAt)}
}

func (r delegationRow) domain() domain.Delegation {
	return domain.Delegation{ID: r.ID, Code: r.Code, Name: r.Name, Kind: r.Kind,
		Precedence: r.Precedence, Languages: nonNil(r.Languages), ArrivalAt: utcPtr(r.ArrivalAt),
		DepartureAt: utcPtr(r.DepartureAt), Hotel: r.Hotel, HotelVenueID: deref(r.HotelVenueID), Names: r.Names.domain(), Version: r.Version,
		ContactEmails: nonNil(r.ContactEmails), NoticeLanguage: r.NoticeLanguage,
		CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt)}
}

type memberRow struct {
	ID            string `gorm:"primaryKey"`
	DelegationID  string
	FullName      string
	Position      string
	IsHead        bool
	Accreditation string
	// BadgeCategoryID is NULL for none (migration 0014).
	BadgeCategoryID *string
	HasPhoto        bool `gorm:"->"` // read through memberColumns
	// HotelBlockID, NightsFrom and NightsTo are NULL without a block (migration 0016).
	HotelBlockID *string
	HotelRoom    string
	NightsFrom   *string
	NightsTo     *string
	Names        names
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (memberRow) TableName() string { return "members" }

// memberColumns are what a member is read with: its row and whether it has a photo.
const memberColumns = "members.*, EXISTS (SELECT 1 FROM member_photos p WHERE p.member_id = members.id) AS has_photo"

func (r memberRow) domain() domain.Member {
	return domain.Member{ID: r.ID, DelegationID: r.DelegationID, FullName: r.FullName,
		Position: r.Position, IsHead: r.IsHead, Accreditation: r.Accreditation, BadgeCategoryID: deref(r.BadgeCategoryID),
		HasPhoto: r.HasPhoto, HotelBlockID: deref(r.HotelBlockID), HotelRoom: r.HotelRoom, Nights: nightsOf(r.NightsFrom, r.NightsTo),
		Names: r.Names.domain(), Version: r.Version, CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt)}
}

func nightsOf(from, to *string) *domain.Nights {
	if from == nil || to == nil {
		return nil
	}
	return &domain.Nights{From: *from, To: *to}
}

// toMemberRow is m's row, at version.
func toMemberRow(m *domain.Member, version int) memberRow {
	row := memberRow{ID: m.ID, DelegationID: m.DelegationID, FullName: m.FullName, Position: m.Position,
		IsHead: m.IsHead, Accreditation: m.Accreditation, BadgeCategoryID: nullable(m.BadgeCategoryID),
		HotelBlockID: nullable(m.HotelBlockID), HotelRoom: m.HotelRoom, Names: names(m.Names), Version: version}
	if m.Nights != nil {
		row.NightsFrom, row.NightsTo = &m.Nights.From, &m.Nights.To
	}
	return row
}

// CreateDelegation stores a new delegation; its code is unique.
func (r *Repos) CreateDelegation(ctx context.Context, d *domain.Delegation) error {
	if d.ID == "" {
		d.ID = domain.NewID()
	}
	d.Version = 1
	row := toDelegationRow(d)
	if err := r.w(ctx).Create(&row).Error; err != nil {
		return translate(err)
	}
	*d = row.domain()
	return nil
}

// DelegationByID returns the delegation with id, ENOTFOUND when absent.
func (r *Repos) DelegationByID(ctx context.Context, id string) (*domain.Delegation, error) {
	return r.delegationWhere(ctx, "id = ?", id)
}

// DelegationByCode returns the delegation with code (any case), ENOTFOUND when absent.
func (r *Repos) DelegationByCode(ctx context.Context, code string) (*domain.Delegation, error) {
	return r.delegationWhere(ctx, "code = ?", strings.ToUpper(code))
}

func (r *Repos) delegationWhere(ctx context.Context, cond string, arg any) (*domain.Delegation, error) {
	var row delegationRow
	if err := r.q(ctx).Where(cond, arg).Take(&row).Error; err != nil {
		return nil, translate(err)
	}
	d := row.domain()
	return &d, nil
}

// ListDelegations lists delegations in protocol order (precedence, then code).
func (r *Repos) ListDelegations(ctx context.Context, p domain.Page) ([]domain.Delegation, string, error) {
	limit := pageLimit(p)
	after, err := decodeCursor(p.Cursor, 2)
	if err != nil {
		return nil, "", err
	}
	q := r.q(ctx).Order("precedence, code").Limit(limit + 1)
	if after != nil {
		prec, err := strconv.Atoi(after[0])
		if err != nil {
			return nil, "", errBadCursor
		}
		q = q.Where("precedence > ? OR (precedence = ? AND code > ?)", prec, prec, after[1])
	}
	var rows []delegationRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, "", translate(err)
	}
	rows, next := nextCursor(rows, limit, func(r delegationRow) []string {
		return []string{fmt.Sprint(r.Precedence), r.Code}
	})
	out := make([]domain.Delegation, len(rows))
	for i, row := range rows {
		out[i] = row.domain()
	}
	return out, next, nil
}

// CreateMember stores a new member of a delegation; a delegation has at most one head.
func (r *Repos) CreateMember(ctx context.Context, m *domain.Member) error {
	if m.ID == "" {
		m.ID = domain.NewID()
	}
	if m.Accreditation == "" {
		m.Accreditation = "pending"
	}
	row := toMemberRow(m, 1)
	if err := r.w(ctx).Create(&row).Error; err != nil {
		return translate(err)
	}
	*m = row.domain()
	return nil
}

// ListMembers lists a delegation's members, the head first.
func (r *Repos) ListMembers(ctx context.Context, delegationID string) ([]domain.Member, error) {
	var rows []memberRow
	if err := r.q(ctx).Select(memberColumns).Where("delegation_id = ?", delegationID).
		Order("is_head DESC, full_name, id").Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]domain.Member, len(rows))
	for i, row := range rows {
		out[i] = row.domain()
	}
	return out, nil
}

// ListMembersOf lists the members of the given delegations (of all for nil)
// in one query: by delegation precedence and code, head first, then by name.
func (r *Repos) ListMembersOf(ctx context.Context, delegationIDs []string) ([]domain.Member, error) {
	var rows []memberRow
	q := r.q(ctx).Table("members").Select(memberColumns).Joins("JOIN delegations d ON d.id = members.delegation_id").
		Order("d.precedence, d.code, members.is_head DESC, members.full_name, members.id")
	if delegationIDs != nil {
		q = q.Where("members.delegation_id IN ?", delegationIDs)
	}
	if err := q.Scan(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]domain.Member, len(rows))
	for i, row := range rows {
		out[i] = row.domain()
	}
	return out, nil
}

// UpdateDelegation saves d over version d.Version and bumps it.
func (r *Repos) UpdateDelegation(ctx context.Context, d *domain.Delegation) error {
	row := toDelegationRow(d)
	row.Version, row.UpdatedAt = d.Version+1, time.Now().UTC()
	res := r.w(ctx).Model(&delegationRow{}).Where("id = ? AND version = ?", d.ID, d.Version).
		Select("code", "name", "kind", "precedence", "languages", "arrival_at", "departure_at", "hotel", "hotel_venue_id", "names",
			"contact_emails", "notice_language", "version", "updated_at").
		Updates(&row)
	if err := translate(res.Error); err != nil {
		return err
	}
	if res.RowsAffected == 0 {
		return staleOrMissing(ctx, r, "delegations", d.ID)
	}
	*d = row.domain()
	return nil
}

// DeleteDelegation removes a delegation with its members, requests and feed token.
func (r *Repos) DeleteDelegation(ctx context.Context, id string) error {
	return deleteByID(ctx, r, &delegationRow{}, id)
}

// DelegationInUse reports whether meetings refer to the delegation.
func (r *Repos) DelegationInUse(ctx context.Context, id string) (bool, error) {
	return exists(ctx, r, "meeting_participants", "delegation_id = ?", id)
}

// MemberByID returns the member with id, ENOTFOUND when absent.
func (r *Repos) MemberByID(ctx context.Context, id string) (*domain.Member, error) {
	var row memberRow
	if err := r.q(ctx).Select(memberColumns).Where("members.id = ?", id).Take(&row).Error; err != nil {
		return nil, translate(err)
	}
	m := row.domain()
	return &m, nil
}

// UpdateMember saves m over version m.Version and bumps it.
func (r *Repos) UpdateMember(ctx context.Context, m *domain.Member) error {
	row := toMemberRow(m, m.Version+1)
	row.UpdatedAt = time.Now().UTC()
	res := r.w(ctx).Model(&memberRow{}).Where("id = ? AND version = ?", m.ID, m.Version).
		Select("full_name", "position", "is_head", "accreditation", "badge_category_id", "hotel_block_id", "hotel_room",
			"nights_from", "nights_to", "names", "version", "updated_at").Updates(&row)
	if err := translate(res.Error); err != nil {
		return err
	}
	if res.RowsAffected == 0 {
		return staleOrMissing(ctx, r, "members", m.ID)
	}
	m.Version, m.UpdatedAt = row.Version, row.UpdatedAt
	return nil
}

// DeleteMember removes the member with id.
func (r *Repos) DeleteMember(ctx context.Context, id string) error {
	return deleteByID(ctx, r, &memberRow{}, id)
}

// HeadOf returns the delegation's head, ENOTFOUND when it has none.
func (r *Repos) HeadOf(ctx context.Context, delegationID string) (*domain.Member, error) {
	var row memberRow
	if err := r.q(ctx).Select(memberColumns).Where("delegation_id = ? AND is_head", delegationID).Take(&row).Error; err != nil {
		return nil, translate(err)
	}
	m := row.domain()
	return &m, nil
}

// MemberInUse reports whether meetings hold the member.
func (r *Repos) MemberInUse(ctx context.Context, id string) (bool, error) {
	return exists(ctx, r, "meeting_attendees", "member_id = ?", id)
}

type feedTokenRow struct {
	DelegationID string `gorm:"primaryKey"`
	TokenHash    string
	CreatedAt    time.Time
}

func (feedTokenRow) TableName() string { return "feed_tokens" }

// SetFeedToken stores the hash of a delegation's feed token, replacing the old one.
func (r *Repos) SetFeedToken(ctx context.Context, delegationID, hash string) error {
	return r.WithTx(ctx, func(tx *Repos) error {
		q := tx.w(ctx)
		if err := q.Where("delegation_id = ?", delegationID).Delete(&feedTokenRow{}).Error; err != nil {
			return translate(err)
		}
		return translate(q.Create(&feedTokenRow{DelegationID: delegationID, TokenHash: hash, CreatedAt: time.Now().UTC()}).Error)
	})
}

// DelegationByFeedToken returns the delegation whose feed token has hash.
func (r *Repos) DelegationByFeedToken(ctx context.Context, hash string) (*domain.Delegation, error) {
	return r.delegationWhere(ctx, "id = (SELECT delegation_id FROM feed_tokens WHERE token_hash = ?)", hash)
}

// deleteByID deletes the row of model with id; ENOTFOUND when there is none.
func deleteByID(ctx context.Context, r *Repos, model any, id string) error {
	res := r.w(ctx).Where("id = ?", id).Delete(model)
	if err := translate(res.Error); err != nil {
		if domain.ErrorCode(err) == domain.EINVALID {
			return domain.Errorf(domain.ECONFLICT, "It is still in use; remove what refers to it first.")
		}
		return err
	}
	if res.RowsAffected == 0 {
		return domain.Errorf(domain.ENOTFOUND, "Not found.")
	}
	return nil
}

// exists reports whether table has a row matching cond.
func exists(ctx context.Context, r *Repos, table, cond string, args ...any) (bool, error) {
	var ids []int
	err := r.q(ctx).Table(table).Select("1").Where(cond, args...).Limit(1).Find(&ids).Error
	return len(ids) > 0, translate(err)
}
