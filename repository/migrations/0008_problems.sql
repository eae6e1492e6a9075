-- The programme's problems (CONTRACT section 10): every rule a non-cancelled
-- meeting breaks now, kept up to date by the domain inside the transaction of
-- every change that can make or mend one (domain/problems.go), so that
-- GET /problems is one read. key identifies a problem (a hash of its
-- fields). A database made before this table is filled once at start
-- (settings key problems_built).
CREATE TABLE problems (
	key           TEXT PRIMARY KEY,
	meeting_id    TEXT NOT NULL, -- no foreign key: deleting a meeting rechecks its problems away in the same transaction, and counts them as resolved
	rule          TEXT NOT NULL,
	message       TEXT NOT NULL,
	delegation_id TEXT,
	member_id     TEXT,
	room_id       TEXT,
	other_id      TEXT
);
CREATE INDEX problems_meeting ON problems (meeting_id);
