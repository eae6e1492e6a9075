-- Failed sign-ins per subject ("account:EMAIL", "client:ADDRESS") for the
-- sign-in limits, in the database so that every instance counts the same.
CREATE TABLE login_failures (
	subject TEXT NOT NULL,
	at      {{timestamp}} NOT NULL
);
CREATE INDEX login_failures_subject ON login_failures (subject, at);
CREATE INDEX login_failures_at ON login_failures (at);
