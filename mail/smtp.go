// Package mail sends the notices of the outbox (domain.NoticeSender) to a
// mail server over SMTP, with github.com/wneessen/go-mail. It implements
// domain.Mailer and imports nothing of the project but domain.
package mail

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"summit/domain"
)

// DefaultFrom is the sender of notices when none is configured.
const DefaultFrom = "Summit Planner <noreply@localhost>"

// SMTP is a mail server, as SUMMIT_SMTP_URL names it.
type SMTP struct {
	Host     string
	Port     int
	Username string
	Password string
	// TLS: "implicit" (smtps://, TLS from the first byte), "starttls" (STARTTLS required),
	// "opportunistic" (STARTTLS when the server offers it; the default), "none".
	TLS     string
	Timeout time.Duration // for connecting and for each command
	From    string        // "Name <address>"
}

// TLS modes of SMTP.TLS.
var tlsModes = []string{"opportunistic", "starttls", "none"}

// Parse reads a SUMMIT_SMTP_URL: smtp://[user[:pass]@]host[:port] (port 587
// by default; STARTTLS when the server offers it) or smtps://… (port 465,
// TLS from the start). Options: ?tls=opportunistic|starttls|none (smtp://
// only) and ?timeout=30s. from is SUMMIT_MAIL_FROM ("" for DefaultFrom).
func Parse(raw, from string) (*SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Hostname() == "" {
		return nil, errors.New("not a URL such as smtp://user:pass@mail.example:587")
	}
	s := &SMTP{Host: u.Hostname(), Timeout: 30 * time.Second, From: from}
	if s.From == "" {
		s.From = DefaultFrom
	}
	if _, err := mail.ParseAddress(s.From); err != nil {
		return nil, fmt.Errorf("SUMMIT_MAIL_FROM %q is not an address such as %s", s.From, DefaultFrom)
	}
	q := u.Query()
	switch u.Scheme {
	case "smtp":
		s.Port, s.TLS = 587, "opportunistic"
		if t := q.Get("tls"); t != "" {
			if !domain.Contains(tlsModes, t) {
				return nil, fmt.Errorf("tls=%s: must be one of %s", t, strings.Join(tlsModes, ", "))
			}
			s.TLS = t
		}
	case "smtps":
		s.Port, s.TLS = 465, "implicit"
	default:
		return nil, fmt.Errorf("scheme %q: use smtp:// or smtps://", u.Scheme)
	}
	if p := u.Port(); p != "" {
		if s.Port, err = strconv.Atoi(p); err != nil || s.Port < 1 || s.Port > 65535 {
			return nil, fmt.Errorf("port %q is not a port", p)
		}
	}
	if t := q.Get("timeout"); t != "" {
		if s.Timeout, err = time.ParseDuration(t); err != nil || s.Timeout <= 0 {
			return nil, fmt.Errorf("timeout=%s is not a duration such as 30s", t)
		}
	}
	if u.User != nil {
		s.Username = u.User.Username()
		s.Password, _ = u.User.Password()
	}
	return s, nil
}

// String names the server without its password, for the log.
func (s *SMTP) String() string {
	return fmt.Sprintf("%s (tls %s)", net.JoinHostPort(s.Host, strconv.Itoa(s.Port)), s.TLS)
}

// Send hands one mail to the server: multipart text and HTML, its
// Message-ID made of the notice's id, so that a mail sent again (after a
// crash between sending and recording it) is recognisably the same.
func (s *SMTP) Send(ctx context.Context, m domain.Mail) error {
	msg := gomail.NewMsg()
	if err := msg.From(s.From); err != nil {
		return err
	}
	if err := msg.To(m.To...); err != nil {
		return err
	}
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(m.ID + "@summit-planner")
	msg.SetDate()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	c, err := s.client()
	if err != nil {
		return err
	}
	return c.DialAndSendWithContext(ctx, msg)
}

// client makes a go-mail client for one delivery.
func (s *SMTP) client() (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(s.Port), gomail.WithTimeout(s.Timeout)}
	switch s.TLS {
	case "implicit":
		opts = append(opts, gomail.WithSSL())
	case "starttls":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if s.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.Username), gomail.WithPassword(s.Password))
	}
	return gomail.NewClient(s.Host, opts...)
}
