package repository

import (
	"context"
	"time"

	"summit/domain"
)

type idempotencyRow struct {
	ActorID     string `gorm:"primaryKey"`
	Key         string `gorm:"primaryKey"`
	Method      string
	Path        string
	RequestHash string
	Status      int
	Response    string
	CreatedAt   time.Time
}

func (idempotencyRow) TableName() string { return "idempotency_keys" }

// Idempotency returns the record of actor and key, nil when there is none.
func (r *Repos) Idempotency(ctx context.Context, actorID, key string) (*domain.IdempotencyRecord, error) {
	var rows []idempotencyRow
	if err := r.q(ctx).Where("actor_id = ? AND key = ?", actorID, key).Limit(1).Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	x := rows[0]
	return &domain.IdempotencyRecord{ActorID: x.ActorID, Key: x.Key, Method: x.Method, Path: x.Path,
		RequestHash: x.RequestHash, Status: x.Status, ResourceID: x.Response}, nil
}

// SaveIdempotency stores a record; its key is unique per actor.
func (r *Repos) SaveIdempotency(ctx context.Context, x *domain.IdempotencyRecord) error {
	return translate(r.w(ctx).Create(&idempotencyRow{ActorID: x.ActorID, Key: x.Key, Method: x.Method, Path: x.Path,
		RequestHash: x.RequestHash, Status: x.Status, Response: x.ResourceID, CreatedAt: time.Now().UTC()}).Error)
}
