-- "What changed since I last looked" (CONTRACT section 11, GET /me/changes):
-- when each user last called POST /me/changes/seen, and the images of the
-- confirmed meetings that user could see then (the columns of
-- release_meetings), compared with the programme as it stands now.
CREATE TABLE changes_seen (
	user_id        TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
	seen_at        {{timestamp}} NOT NULL,
	release_number INTEGER NOT NULL DEFAULT 0 -- the latest release then, 0 for none
);

CREATE TABLE seen_meetings (
	user_id             TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
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
	participants        TEXT NOT NULL DEFAULT '[]',
	version             INTEGER NOT NULL,
	PRIMARY KEY (user_id, meeting_id)
);
