package mail

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	s, err := Parse("smtp://user:p%40ss@relay.example.org?tls=starttls&timeout=10s", "")
	if err != nil || s.Host != "relay.example.org" || s.Port != 587 || s.Username != "user" || s.Password != "p@ss" ||
		s.TLS != "starttls" || s.Timeout != 10*time.Second || s.From != DefaultFrom {
		t.Fatalf("%+v %v", s, err)
	}
	if s.String() != "relay.example.org:587 (tls starttls)" {
		t.Fatalf("String shows %q (and never the password)", s.String())
	}
	if s, err := Parse("smtps://mail.example:2465", "Protocol <protocol@gov.kz>"); err != nil || s.Port != 2465 || s.TLS != "implicit" || s.Username != "" {
		t.Fatalf("%+v %v", s, err)
	}
	for _, bad := range []string{"http://mail.example", "smtp://", "smtp://mail.example?tls=maybe", "smtp://mail.example:0", "smtp://mail.example?timeout=soon", "mail.example"} {
		if _, err := Parse(bad, ""); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
	if _, err := Parse("smtp://mail.example", "not an address"); err == nil {
		t.Error("a bad sender parsed")
	}
}
