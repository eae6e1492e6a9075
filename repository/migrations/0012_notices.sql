-- Notices to delegations by e-mail (CONTRACT section 12).
-- A delegation's contacts (a JSON array of addresses) and the language its
-- notices are written in.
ALTER TABLE delegations ADD COLUMN contact_emails TEXT NOT NULL DEFAULT '[]';
ALTER TABLE delegations ADD COLUMN notice_language TEXT NOT NULL DEFAULT 'en'
	CHECK (notice_language IN ('en', 'ru', 'zh', 'kk'));

-- The outbox: a notice is written in the same transaction as the change (or
-- the release) it tells of, and a sender delivers it later. While due_at is
-- ahead and nothing was tried yet, further changes of the same delegation
-- join it (one mail a minute). A sender leases due notices (lease_owner,
-- lease_until) in a write transaction before it sends them, so that of
-- several instances exactly one sends each; an expired lease is taken over.
CREATE TABLE notices (
	id              TEXT PRIMARY KEY,
	delegation_id   TEXT NOT NULL REFERENCES delegations(id) ON DELETE CASCADE,
	created_at      {{timestamp}} NOT NULL,
	status          TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'unsent')),
	attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
	last_error      TEXT NOT NULL DEFAULT '',
	subject         TEXT NOT NULL DEFAULT '',
	release_number  INTEGER REFERENCES releases(number), -- the release it announces; NULL for changes alone
	since_release   INTEGER NOT NULL DEFAULT 0,          -- the release the changes are counted from
	due_at          {{timestamp}} NOT NULL,              -- not sent before: the end of its minute, then each back-off
	first_failed_at {{timestamp}},
	sent_at         {{timestamp}},
	lease_owner     TEXT NOT NULL DEFAULT '',
	lease_until     {{timestamp}},
	CHECK (status <> 'sent' OR sent_at IS NOT NULL)
);
CREATE INDEX notices_due ON notices (status, due_at);
CREATE INDEX notices_delegation ON notices (delegation_id, due_at);

-- What one notice tells: each meeting's image as the delegation saw it
-- before the first change the notice gathered and after the last one
-- (JSON; NULL when it did not see the meeting then).
CREATE TABLE notice_items (
	notice_id  TEXT NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
	meeting_id TEXT NOT NULL,
	seq        INTEGER NOT NULL,
	before_image TEXT,
	after_image  TEXT,
	PRIMARY KEY (notice_id, meeting_id)
);
