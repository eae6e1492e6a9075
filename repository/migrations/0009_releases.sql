-- Releases of the programme (CONTRACT section 11): each is the confirmed
-- programme frozen as it stood, numbered 1, 2, 3 … (the write transaction
-- that makes one reads the highest number and adds one; writes are
-- serialised, and the key refuses a duplicate). release_meetings holds each
-- meeting's image as it was: later changes, or the meeting's deletion, do
-- not alter a release, so it has no foreign key to meetings, rooms or venues.
CREATE TABLE releases (
	number     INTEGER PRIMARY KEY CHECK (number >= 1),
	created_at {{timestamp}} NOT NULL,
	created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
	note       TEXT NOT NULL DEFAULT '',
	meetings   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE release_meetings (
	release_number      INTEGER NOT NULL REFERENCES releases(number) ON DELETE CASCADE,
	meeting_id          TEXT NOT NULL,
	title               TEXT NOT NULL,
	kind                TEXT NOT NULL,
	starts_at           {{timestamp}} NOT NULL,
	ends_at             {{timestamp}} NOT NULL,
	room_id             TEXT,
	room_name           TEXT NOT NULL DEFAULT '',
	venue_id            TEXT,
	venue_name          TEXT NOT NULL DEFAULT '',
	status              TEXT NOT NULL,
	visibility          TEXT NOT NULL,
	languages           TEXT NOT NULL DEFAULT '[]',
	expected_attendance INTEGER NOT NULL DEFAULT 0,
	participants        TEXT NOT NULL DEFAULT '[]', -- [{"delegation_id", "member_ids"}], in protocol order
	version             INTEGER NOT NULL,
	PRIMARY KEY (release_number, meeting_id)
);
