package main

import (
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"

	"summit/domain"
	"summit/mail"
	"summit/repository"
)

// config is the configuration of CONTRACT section 1: environment variables,
// each overridable by the flag of the same name.
type config struct {
	Addr           string
	DatabaseURL    string
	JWTSecret      string
	AdminEmail     string
	AdminPassword  string
	Demo           bool
	LogFormat      string
	TrustedProxies []*net.IPNet
	// SMTP is the mail server of notices; nil when SUMMIT_SMTP_URL is unset.
	SMTP *mail.SMTP
	// PublicURL is the address people use (SUMMIT_PUBLIC_URL), without a trailing slash.
	PublicURL string
}

// setting is one configuration variable.
type setting struct {
	env, flag, def, usage string
}

var settings = []setting{
	{"SUMMIT_ADDR", "addr", "127.0.0.1:8080", "listen address"},
	{"SUMMIT_DATABASE_URL", "database-url", "file:data/summit.db", "file:PATH (SQLite) or postgres://… (PostgreSQL)"},
	{"SUMMIT_JWT_SECRET", "jwt-secret", "", "HMAC key for access tokens, at least 32 bytes (unset: generated and kept in the database)"},
	{"SUMMIT_ADMIN_EMAIL", "admin-email", "", "create this admin on start unless the email exists"},
	{"SUMMIT_ADMIN_PASSWORD", "admin-password", "", "the password of that admin"},
	{"SUMMIT_DEMO", "demo", "0", "1: seed the demo summit on start when the database holds no summit data"},
	{"SUMMIT_LOG_FORMAT", "log-format", "text", "text or json"},
	{"SUMMIT_TRUSTED_PROXIES", "trusted-proxies", "", "comma-separated CIDRs whose X-Forwarded-For is believed (unset: none)"},
	{"SUMMIT_SMTP_URL", "smtp-url", "", "mail server of notices: smtp://user:pass@host:port (STARTTLS when offered) or smtps://… (unset: notices stay unsent)"},
	{"SUMMIT_MAIL_FROM", "mail-from", mail.DefaultFrom, "sender of notices"},
	{"SUMMIT_PUBLIC_URL", "public-url", "", "the address people use, for links in notices (default http:// + SUMMIT_ADDR)"},
}

// usageError is bad configuration or usage: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func badSetting(env, format string, args ...any) error {
	return usageError{env + ": " + fmt.Sprintf(format, args...)}
}

// newFlagSet returns a flag set for a command with every configuration flag,
// reading its values into vals. Errors are reported by the caller, on one line.
func newFlagSet(name string, vals map[string]*string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	for _, s := range settings {
		vals[s.env] = fs.String(s.flag, "\x00unset", s.usage)
	}
	return fs
}

// parseFlags parses args with fs and turns its errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return usageError{"usage: " + usageText}
	}
	if err != nil {
		return usageError{strings.TrimPrefix(err.Error(), "flag provided but not defined: ") + ": unknown flag"}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// settingValue is one setting's value: the flag's when given, else the
// environment's, else the default.
func settingValue(getenv func(string) string, flags map[string]*string, env string) string {
	if p := flags[env]; p != nil && *p != "\x00unset" {
		return *p
	}
	if v := getenv(env); v != "" {
		return v
	}
	for _, s := range settings {
		if s.env == env {
			return s.def
		}
	}
	return ""
}

// loadConfig reads and checks the configuration: a flag's value wins over the
// environment's, which wins over the default.
func loadConfig(getenv func(string) string, flags map[string]*string) (config, error) {
	val := func(env string) string { return settingValue(getenv, flags, env) }
	c := config{Addr: val("SUMMIT_ADDR"), DatabaseURL: val("SUMMIT_DATABASE_URL"), JWTSecret: val("SUMMIT_JWT_SECRET"),
		AdminEmail: val("SUMMIT_ADMIN_EMAIL"), AdminPassword: val("SUMMIT_ADMIN_PASSWORD"), LogFormat: val("SUMMIT_LOG_FORMAT")}
	if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		return c, badSetting("SUMMIT_ADDR", "%q is not host:port", c.Addr)
	}
	if _, err := repository.ParseURL(c.DatabaseURL); err != nil {
		return c, badSetting("SUMMIT_DATABASE_URL", "%v", err)
	}
	if c.JWTSecret != "" && len(c.JWTSecret) < 32 {
		return c, badSetting("SUMMIT_JWT_SECRET", "must be at least 32 bytes, got %d", len(c.JWTSecret))
	}
	if (c.AdminEmail == "") != (c.AdminPassword == "") {
		return c, badSetting("SUMMIT_ADMIN_PASSWORD", "SUMMIT_ADMIN_EMAIL and SUMMIT_ADMIN_PASSWORD go together")
	}
	if c.AdminEmail != "" {
		var v domain.Validation
		domain.CheckPassword(&v, "password", c.AdminPassword)
		if _, err := netmail.ParseAddress(c.AdminEmail); err != nil {
			return c, badSetting("SUMMIT_ADMIN_EMAIL", "%q is not an email address", c.AdminEmail)
		}
		if v.Err() != nil {
			return c, badSetting("SUMMIT_ADMIN_PASSWORD", "%s", v.Fields[0].Message)
		}
	}
	demo, err := strconv.ParseBool(val("SUMMIT_DEMO"))
	if err != nil {
		return c, badSetting("SUMMIT_DEMO", "must be 0 or 1, got %q", val("SUMMIT_DEMO"))
	}
	c.Demo = demo
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return c, badSetting("SUMMIT_LOG_FORMAT", "must be text or json, got %q", c.LogFormat)
	}
	for _, cidr := range strings.Split(val("SUMMIT_TRUSTED_PROXIES"), ",") {
		if cidr = strings.TrimSpace(cidr); cidr == "" {
			continue
		}
		_, n, err := net.ParseCIDR(cidr)
		if err != nil {
			return c, badSetting("SUMMIT_TRUSTED_PROXIES", "%q is not a CIDR such as 10.0.0.0/8", cidr)
		}
		c.TrustedProxies = append(c.TrustedProxies, n)
	}
	return c, loadMailConfig(&c, val)
}

// loadMailConfig reads the mail server of notices and the public address.
func loadMailConfig(c *config, val func(string) string) error {
	if raw := val("SUMMIT_SMTP_URL"); raw != "" {
		s, err := mail.Parse(raw, val("SUMMIT_MAIL_FROM"))
		if err != nil {
			return badSetting("SUMMIT_SMTP_URL", "%v", err)
		}
		c.SMTP = s
	} else if _, err := netmail.ParseAddress(val("SUMMIT_MAIL_FROM")); err != nil {
		return badSetting("SUMMIT_MAIL_FROM", "%q is not an address such as %s", val("SUMMIT_MAIL_FROM"), mail.DefaultFrom)
	}
	c.PublicURL = strings.TrimRight(val("SUMMIT_PUBLIC_URL"), "/")
	if c.PublicURL == "" {
		c.PublicURL = "http://" + c.Addr
		return nil
	}
	if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return badSetting("SUMMIT_PUBLIC_URL", "%q is not a URL such as https://summit.example.org", c.PublicURL)
	}
	return nil
}

// newSecret returns 32 random bytes as text, for a generated JWT secret.
func newSecret(random []byte) string { return base64.RawStdEncoding.EncodeToString(random) }
