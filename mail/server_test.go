package mail_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// smtpServer is a real SMTP server (go-smtp) for the tests: it keeps what it
// receives, and can refuse deliveries or disappear in the middle of one.
type smtpServer struct {
	t    testing.TB
	Addr string
	srv  *smtp.Server
	mu   sync.Mutex
	got  []received
	// refuse: the next this many deliveries are refused with 451 after DATA.
	refuse int
	// vanish: the next this many deliveries see the server close the
	// connection and stop listening in the middle of the message.
	vanish int
}

// received is one mail the server accepted.
type received struct {
	From string
	To   []string
	Data []byte
}

// startSMTP starts a server on addr ("" for any free port on 127.0.0.1),
// stopped when the test ends.
func startSMTP(t testing.TB, addr string) *smtpServer {
	t.Helper()
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	var l net.Listener
	var err error
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if l, err = net.Listen("tcp", addr); err == nil || time.Now().After(deadline) {
			break
		}
	}
	if err != nil {
		t.Fatalf("listen %s: %v", addr, err)
	}
	s := &smtpServer{t: t, Addr: l.Addr().String()}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &session{s: s, c: c}, nil }))
	s.srv.Domain = "localhost"
	s.srv.AllowInsecureAuth = true
	s.srv.ReadTimeout, s.srv.WriteTimeout = 10*time.Second, 10*time.Second
	go s.srv.Serve(l)
	t.Cleanup(func() { s.srv.Close() })
	return s
}

// stop closes the server: nobody answers at its address any more.
func (s *smtpServer) stop() { s.srv.Close() }

// mails returns what the server accepted so far.
func (s *smtpServer) mails() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.got...)
}

func (s *smtpServer) set(refuse, vanish int) {
	s.mu.Lock()
	s.refuse, s.vanish = refuse, vanish
	s.mu.Unlock()
}

type session struct {
	s    *smtpServer
	c    *smtp.Conn
	from string
	to   []string
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }
func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	x.from = from
	return nil
}
func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	s := x.s
	s.mu.Lock()
	refuse, vanish := s.refuse > 0, s.vanish > 0 && s.refuse == 0
	if refuse {
		s.refuse--
	} else if vanish {
		s.vanish--
	}
	s.mu.Unlock()
	if vanish {
		io.CopyN(io.Discard, r, 100) // part of the message, then the server is gone
		s.srv.Close()
		x.c.Conn().Close()
		return errors.New("gone")
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if refuse {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}
	}
	s.mu.Lock()
	s.got = append(s.got, received{From: x.from, To: x.to, Data: data})
	s.mu.Unlock()
	return nil
}

// parsed is a received mail taken apart: its headers (subject decoded) and
// its text and HTML parts, decoded.
type parsed struct {
	Header  netmail.Header
	Subject string
	Text    string
	HTML    string
}

// parse decodes a multipart/alternative mail; it fails the test when the
// mail is not one.
func parse(t *testing.T, data []byte) parsed {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("read mail: %v", err)
	}
	var out parsed
	out.Header = msg.Header
	out.Subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatalf("subject: %v", err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("content type %q (%v), want multipart/alternative", msg.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("part: %v", err)
		}
		var body io.Reader = p
		switch strings.ToLower(p.Header.Get("Content-Transfer-Encoding")) {
		case "quoted-printable":
			body = quotedprintable.NewReader(p)
		case "base64":
			body = base64.NewDecoder(base64.StdEncoding, p)
		}
		b, err := io.ReadAll(body)
		if err != nil {
			t.Fatalf("decode part: %v", err)
		}
		pt, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		switch pt {
		case "text/plain":
			out.Text = string(b)
		case "text/html":
			out.HTML = string(b)
		}
	}
	if out.Text == "" || out.HTML == "" {
		t.Fatalf("mail lacks a text or an HTML part:\n%s", data)
	}
	return out
}
