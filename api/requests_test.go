package api

import (
	"context"
	"strings"
	"testing"

	"summit/domain"
)

func TestBilateralRequests(t *testing.T) {
	p := newPlanning(t, "")
	kazTok, chnTok := p.token("delegate"), p.token("delegate_chn")
	ctx := context.Background()
	uzb := domain.Delegation{Code: "UZB", Name: "Uzbekistan", Kind: "member"}
	p.store.CreateDelegation(ctx, &uzb)
	uzbUser, _ := usersOn(p.store).Create(ctx, domain.Actor{}, domain.NewUser{Email: "d@uzb.uz", Name: "UZB", Role: "delegate", DelegationID: uzb.ID, Password: testPassword})
	uzbTok := p.login(uzbUser.Email, testPassword).AccessToken

	body := map[string]any{"to_delegation_id": p.chn.ID, "duration_minutes": 45, "priority": 4, "note": "Trade corridors"}
	rec := p.call("POST", "/api/v1/bilateral-requests", kazTok, body, "Idempotency-Key", "req-1")
	if rec.Code != 201 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	req := decode[requestResponse](t, rec)
	if req.FromDelegationID != p.kaz.ID || req.Status != "pending" || req.MeetingID != nil {
		t.Fatalf("%+v", req)
	}
	if again := p.call("POST", "/api/v1/bilateral-requests", kazTok, body, "Idempotency-Key", "req-1"); again.Code != 201 || decode[requestResponse](t, again).ID != req.ID {
		t.Fatalf("retry: %d %s", again.Code, again.Body)
	}
	path := "/api/v1/bilateral-requests/" + req.ID

	cases := []struct {
		name, token, method, path string
		body                      any
		want                      int
	}{
		{"duplicate_open_pair_is_409", chnTok, "POST", "/api/v1/bilateral-requests", map[string]any{"to_delegation_id": p.kaz.ID, "duration_minutes": 30, "priority": 2}, 409},
		{"filing_for_another_delegation_is_403", kazTok, "POST", "/api/v1/bilateral-requests", map[string]any{"from_delegation_id": p.chn.ID, "to_delegation_id": uzb.ID, "duration_minutes": 30, "priority": 2}, 403},
		{"invalid_is_422", kazTok, "POST", "/api/v1/bilateral-requests", map[string]any{"to_delegation_id": p.kaz.ID, "duration_minutes": 5, "priority": 9}, 422},
		{"third_delegation_cannot_see", uzbTok, "GET", path, nil, 404},
		{"third_delegation_cannot_accept", uzbTok, "POST", path + "/accept", nil, 404},
		{"third_delegation_cannot_withdraw", uzbTok, "DELETE", path, nil, 404},
		{"requester_cannot_accept_its_own", kazTok, "POST", path + "/accept", nil, 403},
		{"receiver_cannot_withdraw", chnTok, "DELETE", path, nil, 403},
		{"receiver_sees_it", chnTok, "GET", path, nil, 200},
		{"receiver_accepts", chnTok, "POST", path + "/accept", nil, 200},
		{"accepting_twice_is_409", chnTok, "POST", path + "/accept", nil, 409},
		{"requester_withdraws", kazTok, "DELETE", path, nil, 200},
		{"withdrawn_cannot_be_declined", chnTok, "POST", path + "/decline", nil, 409},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := p.call(c.method, c.path, c.token, c.body)
			if rec.Code != c.want {
				t.Fatalf("%d, want %d: %s", rec.Code, c.want, rec.Body)
			}
		})
	}
	if body := p.call("GET", "/api/v1/bilateral-requests", uzbTok, nil).Body.String(); strings.Contains(body, req.ID) {
		t.Fatalf("UZB's list shows a KAZ–CHN request: %s", body)
	}
	if body := p.call("GET", "/api/v1/bilateral-requests?delegation_id="+p.kaz.ID, uzbTok, nil).Body.String(); strings.Contains(body, req.ID) {
		t.Fatalf("UZB's filtered list shows a KAZ–CHN request: %s", body)
	}
	list := decode[list[requestResponse]](t, p.call("GET", "/api/v1/bilateral-requests?status=withdrawn", p.organiser, nil))
	if len(list.Items) != 1 || list.Items[0].ID != req.ID {
		t.Fatalf("organiser list: %+v", list)
	}
	entries, _, _ := p.store.ListAudit(ctx, domain.AuditFilter{EntityType: "bilateral_request", EntityID: req.ID}, domain.Page{})
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Action)
	}
	if strings.Join(actions, ",") != "withdrawn,accepted,create" {
		t.Fatalf("audit %v", actions)
	}
}
