// Command summit is Summit Planner: one binary that migrates, seeds and
// serves the API, the SPA, the feeds and the ops endpoints. It only wires
// the packages together.
package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"summit/api"
	"summit/domain"
	"summit/domain/scheduler"
	"summit/frontend"
	"summit/repository"
)

const usageText = `summit COMMAND [flags]

commands:
  serve                    migrate the database, then serve the API, the SPA and the ops endpoints
  migrate                  apply pending schema migrations and exit
  seed demo                load the Astana SCO summit demo data (refuses when summit data exists)
  user create --email E --name N --role R [--delegation CODE]
                           create a user; the password is read from standard input
  backup FILE              write a consistent copy of the SQLite database to FILE
  plan --in PROBLEM.json [--out PLAN.json] [--time-limit 10s]
                           run the automatic scheduler on a problem file and write the plan
  healthcheck              exit 0 when the server at --addr (SUMMIT_ADDR) answers GET /readyz
                           with 200 within 3 seconds, else 1 (for container health checks)

Every command takes the configuration flags: --addr, --database-url, --jwt-secret,
--admin-email, --admin-password, --demo, --log-format, --trusted-proxies
(or the environment variables SUMMIT_ADDR, SUMMIT_DATABASE_URL, …).`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}

// run carries out one command and returns the exit code: 0 done, 1 failed,
// 2 bad usage or configuration (with one line naming what is wrong).
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	err := dispatch(ctx, args, getenv, stdin, stdout, stderr)
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "summit:", oneLine(ue.msg))
		return 2
	default:
		fmt.Fprintln(stderr, "summit:", oneLine(err.Error()))
		return 1
	}
}

func oneLine(s string) string {
	if strings.HasPrefix(s, "usage: ") {
		return s // help text is the one message that may span lines
	}
	return strings.Join(strings.Fields(s), " ")
}

func dispatch(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{"usage: " + usageText}
	}
	cmd, rest := args[0], args[1:]
	if (cmd == "seed" || cmd == "user") && len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		cmd, rest = cmd+" "+rest[0], rest[1:]
	}
	flags := map[string]*string{}
	fs := newFlagSet(cmd, flags)
	var email, name, role, delegation *string
	var file string
	switch cmd {
	case "serve", "migrate", "seed demo":
	case "user create":
		email = fs.String("email", "", "email")
		name = fs.String("name", "", "name")
		role = fs.String("role", "", "admin, organiser or delegate")
		delegation = fs.String("delegation", "", "delegation code (delegates)")
	case "backup":
		if len(rest) == 0 || strings.HasPrefix(rest[0], "-") {
			return usageError{"backup: name the FILE to write"}
		}
		file, rest = rest[0], rest[1:]
	case "plan":
		return plan(ctx, rest, stdout)
	case "healthcheck":
		if err := parseFlags(fs, rest); err != nil {
			return err
		}
		return healthcheck(ctx, settingValue(getenv, flags, "SUMMIT_ADDR"), stdout)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, "usage: "+usageText)
		return nil
	default:
		return usageError{fmt.Sprintf("%q is not a command; run summit help", cmd)}
	}
	if err := parseFlags(fs, rest); err != nil {
		return err
	}
	cfg, err := loadConfig(getenv, flags)
	if err != nil {
		return err
	}
	log := newLogger(cfg.LogFormat, stderr)
	db, err := repository.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return fmt.Errorf("database: %w", err)
	}
	defer db.Close()
	if cmd == "backup" {
		return backup(ctx, db, file, stdout)
	}
	n, err := db.Migrate(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	log.Info("database ready", "dialect", db.Dialect, "migrations_applied", n)
	switch cmd {
	case "migrate":
		fmt.Fprintf(stdout, "applied %d migration(s)\n", n)
		return nil
	case "seed demo":
		if err := seeder(db, nil).Seed(ctx, domain.AstanaDemo()); err != nil {
			return fmt.Errorf("seed demo: %s", domain.ErrorMessage(err))
		}
		fmt.Fprintln(stdout, "loaded the Astana SCO summit demo")
		printDemoAccounts(stdout)
		return nil
	}
	svc, err := services(db, nil, log)
	if err != nil {
		return err
	}
	defer svc.Runner.Stop() // before db closes: runs store what they found
	if cmd == "user create" {
		return createUser(ctx, svc, stdin, stdout, *email, *name, *role, *delegation)
	}
	return serve(ctx, cfg, db, svc, log, stdout)
}

// backup writes a copy of a SQLite database to file; for PostgreSQL it
// shows how to use pg_dump instead.
func backup(ctx context.Context, db *repository.DB, file string, stdout io.Writer) error {
	if db.Dialect == repository.Postgres {
		fmt.Fprintln(stdout, "summit backup is for SQLite. For PostgreSQL use pg_dump, for example:")
		fmt.Fprintln(stdout, "  pg_dump --format=custom --file=summit.dump \"$SUMMIT_DATABASE_URL\"")
		fmt.Fprintln(stdout, "and restore with pg_restore --clean --dbname=\"$SUMMIT_DATABASE_URL\" summit.dump")
		return usageError{"backup: the database is PostgreSQL; use pg_dump as shown"}
	}
	if err := db.Backup(ctx, file); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintln(stdout, "wrote", file)
	return nil
}

// serve prepares the database (secret, admin, demo) and serves until ctx
// ends; then it waits for the scheduler's background runs to store their plans.
func serve(ctx context.Context, cfg config, db *repository.DB, svc api.Services, log *slog.Logger, stdout io.Writer) error {
	secret := cfg.JWTSecret
	if secret == "" {
		random := make([]byte, 32)
		rand.Read(random)
		kept, err := db.Store().SetSettingIfAbsent(ctx, "jwt_secret", newSecret(random))
		if err != nil {
			return fmt.Errorf("keep generated JWT secret: %w", err)
		}
		secret = kept
	}
	if cfg.AdminEmail != "" {
		_, err := svc.Users.Create(ctx, domain.Actor{}, domain.NewUser{
			Email: cfg.AdminEmail, Name: "Administrator", Role: domain.RoleAdmin, Password: cfg.AdminPassword})
		switch domain.ErrorCode(err) {
		case "":
			log.Info("created admin", "email", cfg.AdminEmail)
		case domain.ECONFLICT: // an existing user is left as it is
		default:
			return usageError{"SUMMIT_ADMIN_EMAIL: " + describe(err)}
		}
	}
	if cfg.Demo {
		err := seeder(db, nil).Seed(ctx, domain.AstanaDemo())
		switch domain.ErrorCode(err) {
		case "":
			log.Info("seeded the Astana SCO summit demo")
		case domain.ECONFLICT:
			log.Info("demo not seeded: the database holds summit data already")
		default:
			return fmt.Errorf("seed demo: %w", err)
		}
		printDemoAccounts(stdout)
	}
	// A database made before problems were kept has them worked out once.
	if err := svc.Problems.EnsureBuilt(ctx); err != nil {
		return fmt.Errorf("problems: %w", err)
	}
	srv := api.New(api.Config{Log: log, Services: svc, SPA: frontend.FS(), TrustedProxies: cfg.TrustedProxies, JWTSecret: []byte(secret)})
	notices := noticeSender(db, cfg, log)
	if cfg.SMTP != nil {
		log.Info("sending notices", "smtp", cfg.SMTP.String(), "agenda", notices.AgendaURL)
	} else {
		log.Info("SUMMIT_SMTP_URL is not set: notices stay in the outbox, unsent")
	}
	notices.Start()
	log.Info("serving", "url", "http://"+cfg.Addr, "database", db.Dialect)
	err := srv.Run(ctx, cfg.Addr, 30*time.Second)
	log.Info("stopping the scheduler's background runs and the notice sender")
	svc.Runner.Stop()
	notices.Stop()
	return err
}

// createUser creates a user from the command line, reading the password from
// the first line of stdin.
func createUser(ctx context.Context, svc api.Services, stdin io.Reader, stdout io.Writer, email, name, role, code string) error {
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read password: %w", err)
	}
	n := domain.NewUser{Email: email, Name: name, Role: domain.Role(role), Password: strings.TrimRight(line, "\r\n")}
	if code != "" {
		d, err := svc.Delegations.ByCode(ctx, code)
		if err != nil {
			return usageError{fmt.Sprintf("--delegation: no delegation with code %q", code)}
		}
		n.DelegationID = d.ID
	}
	u, err := svc.Users.Create(ctx, domain.Actor{}, n)
	if code := domain.ErrorCode(err); code == domain.EINVALID {
		return usageError{describe(err)}
	} else if err != nil {
		return errors.New(describe(err))
	}
	fmt.Fprintf(stdout, "created %s %s (%s)\n", u.Role, u.Email, u.ID)
	return nil
}

// describe says what is wrong with err in one line, field by field.
func describe(err error) string {
	var de *domain.Error
	if errors.As(err, &de) && len(de.Fields) > 0 {
		parts := make([]string, len(de.Fields))
		for i, f := range de.Fields {
			name := "--" + strings.ReplaceAll(strings.TrimSuffix(f.Field, "_id"), "_", "-")
			if f.Field == "password" {
				name = "password (standard input)"
			}
			parts[i] = name + ": " + f.Message
		}
		return strings.Join(parts, "; ")
	}
	return domain.ErrorMessage(err)
}

func printDemoAccounts(w io.Writer) {
	fmt.Fprintln(w, "Demo accounts (unless their passwords were changed since):")
	for _, u := range domain.AstanaDemo().Users {
		who := string(u.Role)
		if u.Delegation != "" {
			who += " of " + u.Delegation
		}
		fmt.Fprintf(w, "  %-26s %-22s %s\n", u.Email, u.Password, who)
	}
}

func newLogger(format string, w io.Writer) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// plan runs the scheduler on a problem file (CONTRACT section 8). A
// malformed or inconsistent file is a usage error naming what is wrong.
func plan(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	in := fs.String("in", "", "problem file")
	out := fs.String("out", "", "plan file (standard output without it)")
	limit := fs.Duration("time-limit", 10*time.Second, "stop searching after this long")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *in == "" {
		return usageError{"plan: --in PROBLEM.json is required"}
	}
	if *limit <= 0 {
		return usageError{"plan: --time-limit must be positive, such as 10s"}
	}
	f, err := os.Open(*in)
	if err != nil {
		return usageError{"plan: " + err.Error()}
	}
	defer f.Close()
	problem, err := scheduler.Parse(f)
	if err != nil {
		return usageError{"plan: " + *in + ": " + err.Error()}
	}
	result := scheduler.Solve(ctx, problem, scheduler.Options{TimeLimit: *limit})
	body, err := json.MarshalIndent(result, "", "  ")
	if err != nil {
		return err
	}
	body = append(body, '\n')
	if *out == "" {
		_, err = stdout.Write(body)
		return err
	}
	return os.WriteFile(*out, body, 0o644)
}
