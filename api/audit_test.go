package api

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"summit/domain"
	"summit/repository"
	"summit/repository/dbtest"
)

// TestAuditRowsOfVersion1StillRender: rows the audit trail stored in the
// version-1 snapshot format (domain/testdata/audit-v1) are shown by the API
// exactly as they were stored, whatever the entities' fields are called now.
func TestAuditRowsOfVersion1StillRender(t *testing.T) {
	h := newHarness(t, dbtest.URLs(t)[repository.SQLite])
	ctx := context.Background()
	for _, entity := range []string{"meeting", "bilateral_request", "delegation", "member", "venue", "room", "summit", "user"} {
		raw, err := os.ReadFile(filepath.Join("..", "domain", "testdata", "audit-v1", entity+".json"))
		if err != nil {
			t.Fatal(err)
		}
		e := domain.AuditEntry{At: time.Date(2024, 7, 1, 10, 0, 0, 0, time.UTC), Action: "update", EntityType: entity,
			EntityID: "v1-" + entity, Schema: 1, Before: raw, After: raw}
		if err := h.store.AppendAudit(ctx, &e); err != nil {
			t.Fatal(err)
		}
		got := decode[list[auditResponse]](t, h.call("GET", "/api/v1/audit?entity_id=v1-"+entity, h.token("organiser"), nil))
		if len(got.Items) != 1 {
			t.Fatalf("%s: %d entries", entity, len(got.Items))
		}
		var want, before, after any
		json.Unmarshal(raw, &want)
		json.Unmarshal(got.Items[0].Before, &before)
		json.Unmarshal(got.Items[0].After, &after)
		if !reflect.DeepEqual(before, want) || !reflect.DeepEqual(after, want) {
			t.Errorf("%s: stored %s\nshown before %s\nshown after %s", entity, raw, got.Items[0].Before, got.Items[0].After)
		}
	}
}
