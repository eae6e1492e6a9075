package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"summit/domain"
)

// Fuzzing request binding (issue 11): bindJSON, decodeError and malformed,
// driven through a real echo.Context into the request structs of this
// package. `make fuzz` runs it longer; its committed corpus lives in
// testdata/fuzz/FuzzBindJSON.

// fuzzEcho makes the contexts the fuzz targets bind from.
var fuzzEcho = echo.New()

// fuzzContext is a request with body and the given Content-Type (none when
// contentType is empty), as a handler sees it.
func fuzzContext(contentType string, body []byte) echo.Context {
	req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set(echo.HeaderContentType, contentType)
	}
	return fuzzEcho.NewContext(req, httptest.NewRecorder())
}

// bindTargets are the request structs FuzzBindJSON binds into, chosen by the
// fuzzer's first argument. Those whose handlers use bindWithBody go through
// it too.
var bindTargets = []struct {
	name  string
	check func(t *testing.T, contentType string, body []byte)
}{
	{"meetingRequest", checkBind[meetingRequest](true)},
	{"delegationRequest", checkBind[delegationRequest](false)},
	{"requestBody", checkBind[requestBody](true)},
	{"createUserRequest", checkBind[createUserRequest](false)},
	{"proposalRequest", checkBind[proposalRequest](false)},
}

// FuzzBindJSON: binding never panics; every failure is an EMALFORMED or
// EINVALID *domain.Error that names at least one field; binding the same
// body twice gives the same result; and a bound struct, encoded again as the
// JSON its tags describe, binds to an equal struct.
func FuzzBindJSON(f *testing.F) {
	const jsonCT = echo.MIMEApplicationJSON
	seeds := []struct {
		target      uint8
		contentType string
		body        string
	}{
		// meetingRequest
		{0, jsonCT, `{"title":"Bilateral: Kazakhstan – China","kind":"bilateral","starts_at":"2024-07-04T10:00:00+05:00",` +
			`"ends_at":"2024-07-04T11:00:00+05:00","room_id":"r-1","status":"draft","visibility":"public","languages":["ru","zh"],` +
			`"expected_attendance":12,"participants":[{"delegation_id":"d-1","member_ids":["m-1"]},{"delegation_id":"d-2","member_ids":[]}],` +
			`"allow":["room_capacity"]}`},
		{0, jsonCT, `{"title":null,"room_id":null,"starts_at":null,"languages":null,"participants":null}`},
		{0, "application/json; charset=utf-8", `{}`},
		{0, "APPLICATION/JSON", ` {"title":"x"} ` + "\n"},
		{0, "text/plain", `{"title":"x"}`},
		{0, "", `{"title":"x"}`},
		{0, jsonCT, `{"title":5}`},
		{0, jsonCT, `{"participants":[{"delegation_id":5}]}`},
		{0, jsonCT, `{"participants":5}`},
		{0, jsonCT, `{"participants":[{"delegation_id":"d","extra":true}]}`},
		{0, jsonCT, `{"nope":1}`},
		{0, jsonCT, `{"starts_at":"2024-07-04T10:00:00"}`},
		{0, jsonCT, `{"starts_at":5}`},
		{0, jsonCT, `{"expected_attendance":1e400}`},
		{0, jsonCT, `{"title":"a"} {"title":"b"}`},
		{0, jsonCT, `{"title":"a"`},
		{0, jsonCT, ``},
		{0, jsonCT, `5`},
		{0, jsonCT, `null`},
		{0, jsonCT, `{"title":"a","title":null,"TITLE":"c"}`},
		// delegationRequest
		{1, jsonCT, `{"code":"KAZ","name":"Kazakhstan","kind":"member","precedence":4,"languages":["kk","ru"],` +
			`"arrival_at":"2024-07-03T09:00:00+05:00","departure_at":null,"hotel":"Rixos","head":{"full_name":"Kassym-Jomart Tokayev","position":"President"}}`},
		{1, jsonCT, `{"head":{"x":1}}`},
		{1, jsonCT, `{"head":null,"precedence":null}`},
		{1, jsonCT, `{"precedence":1.5}`},
		{1, jsonCT, `{"arrival_at":"2024-07-04T1:00:00Z"}`},
		// requestBody
		{2, jsonCT, `{"from_delegation_id":"d-1","to_delegation_id":"d-2","duration_minutes":30,"priority":2,` +
			`"earliest":"2024-07-04T09:00:00Z","latest":null,"note":"Trade; energy"}`},
		{2, jsonCT, `{"duration_minutes":"30"}`},
		{2, jsonCT, `{"note":"\u0000\ud800 \u2028"}`},
		{2, jsonCT, "{\"note\":\"\xff\xfe\"}"},
		// createUserRequest
		{3, jsonCT, `{"email":"a@example.org","name":"A","role":"organiser","delegation_id":"","password":"correct horse"}`},
		{3, jsonCT, `{"":1}`},
		{3, jsonCT, `{"EMAIL":"x","email":"y"}`},
		{3, jsonCT, `[]`},
		// proposalRequest
		{4, jsonCT, `{"from":"2024-07-03T00:00:00Z","to":"2024-07-05T00:00:00Z","room_ids":["r-1"],"request_ids":[],` +
			`"time_limit_seconds":2.5,"expected_attendance":10,"wait":false}`},
		{4, jsonCT, `{"from":"2024-07-04T10:00:00+24:00"}`},
		{4, jsonCT, `{"time_limit_seconds":-0,"wait":null}`},
		{4, jsonCT, `{"wait":"yes"}`},
		{4, jsonCT, `"x"`},
	}
	for _, s := range seeds {
		f.Add(s.target, s.contentType, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, target uint8, contentType string, body []byte) {
		bindTargets[int(target)%len(bindTargets)].check(t, contentType, body)
	})
}

// checkBind checks the properties of binding body into a T.
func checkBind[T any](withBody bool) func(t *testing.T, contentType string, body []byte) {
	bind := func(t *testing.T, contentType string, body []byte, v *T) error {
		t.Helper()
		c := fuzzContext(contentType, body)
		if !withBody {
			return bindJSON(c, v)
		}
		raw, err := bindWithBody(c, v)
		if err == nil && !bytes.Equal(raw, body) {
			t.Fatalf("bindWithBody returned body %q, want %q", raw, body)
		}
		return err
	}
	return func(t *testing.T, contentType string, body []byte) {
		var first, again T
		err := bind(t, contentType, body, &first)
		err2 := bind(t, contentType, body, &again)
		if (err == nil) != (err2 == nil) || err != nil && err.Error() != err2.Error() {
			t.Fatalf("binding %q twice: %v, then %v", body, err, err2)
		}
		if err != nil {
			checkBindError(t, body, err)
			return
		}
		if !sameValue(reflect.ValueOf(first), reflect.ValueOf(again)) {
			t.Fatalf("binding %q twice gave %+v, then %+v", body, first, again)
		}
		re, err := json.Marshal(jsonTree(t, reflect.ValueOf(first)))
		if err != nil {
			t.Fatalf("encoding %+v again: %v", first, err)
		}
		var back T
		if err := bind(t, echo.MIMEApplicationJSON, re, &back); err != nil {
			t.Fatalf("%q bound to %+v, whose encoding %s does not bind: %v", body, first, re, err)
		}
		if !sameValue(reflect.ValueOf(first), reflect.ValueOf(back)) {
			t.Fatalf("%q bound to %+v; its encoding %s binds to %+v", body, first, re, back)
		}
	}
}

// checkBindError checks that err, from binding body, is a caller's error
// naming a field.
func checkBindError(t *testing.T, body []byte, err error) {
	t.Helper()
	var de *domain.Error
	if !errors.As(err, &de) {
		t.Fatalf("binding %q: %T %v, want a *domain.Error", body, err, err)
	}
	if de.Code != domain.EMALFORMED && de.Code != domain.EINVALID {
		t.Fatalf("binding %q: code %q, want %q or %q", body, de.Code, domain.EMALFORMED, domain.EINVALID)
	}
	if len(de.Fields) == 0 {
		t.Fatalf("binding %q: %v names no field", body, err)
	}
	for _, fe := range de.Fields {
		if fe.Field == "" {
			t.Fatalf("binding %q: %v has a field error without a field: %+v", body, err, fe)
		}
	}
}

var timeType = reflect.TypeFor[time.Time]()

// isOptional reports whether typ is an instance of optional[T].
func isOptional(typ reflect.Type) bool {
	return typ.Kind() == reflect.Struct && typ.PkgPath() == "summit/api" && strings.HasPrefix(typ.Name(), "optional[")
}

// jsonTree is v as the JSON its tags describe, for json.Marshal: an absent
// optional field is left out, a null one is null; times are RFC 3339.
// (optional has no MarshalJSON of its own: requests are only ever read.)
func jsonTree(t *testing.T, v reflect.Value) any {
	t.Helper()
	switch {
	case v.Type() == timeType:
		return v.Interface().(time.Time).Format(time.RFC3339Nano)
	case v.Kind() == reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return jsonTree(t, v.Elem())
	case v.Kind() == reflect.Slice:
		if v.IsNil() {
			return nil
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = jsonTree(t, v.Index(i))
		}
		return out
	case v.Kind() == reflect.Struct:
		obj := map[string]any{}
		for i := range v.NumField() {
			sf := v.Type().Field(i)
			name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if !sf.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = sf.Name
			}
			fv := v.Field(i)
			if isOptional(fv.Type()) {
				if !fv.FieldByName("Set").Bool() {
					continue
				}
				fv = fv.FieldByName("Value")
			}
			obj[name] = jsonTree(t, fv)
		}
		return obj
	case v.Kind() == reflect.Map || v.Kind() == reflect.Interface:
		t.Fatalf("jsonTree: %s is not handled", v.Type())
	}
	return v.Interface()
}

// sameValue is reflect.DeepEqual, except that times are the same when they
// are the same instant with the same offset (a zone's name or pointer does
// not survive a round trip through JSON, nor need it).
func sameValue(a, b reflect.Value) bool {
	if a.Type() != b.Type() {
		return false
	}
	if a.Type() == timeType {
		ta, tb := a.Interface().(time.Time), b.Interface().(time.Time)
		_, oa := ta.Zone()
		_, ob := tb.Zone()
		return ta.Equal(tb) && oa == ob
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameValue(a.Elem(), b.Elem())
	case reflect.Slice:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := range a.NumField() {
			if !sameValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}
