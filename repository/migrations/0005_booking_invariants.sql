-- The hard scheduling rules (domain/rules.go: room_overlap, member_overlap)
-- kept by the database too, as a second line of defence behind the rule
-- check inside every write transaction: a draft or confirmed meeting may not
-- hold its room while another holds it, changeover included, and a person
-- may not be held by two draft or confirmed meetings at once. The database is
-- never stricter than the rules, so a booking the rules accept is accepted.
-- Overridable rules (travel_time, room_capacity, ...) stay out of it.
--
-- A statement after "-- only postgres" or "-- only sqlite" runs on that
-- database alone. The refusals are named meetings_room_overlap and
-- meeting_attendees_member_overlap (the PostgreSQL constraint, the SQLite
-- trigger's message); the repository turns them into 409s.

-- When a meeting lets go of its room: its end plus the room's changeover,
-- written by the repository with every meeting (and lowered when a room's
-- changeover is shortened). NULL counts as ends_at. Two meetings of a room
-- clash when [starts_at, room_busy_until) of one overlaps the other's, which
-- is the room_overlap rule: the room's changeover between them either way.
ALTER TABLE meetings ADD COLUMN room_busy_until {{timestamp}};
UPDATE meetings SET room_busy_until = ends_at;
-- only postgres
UPDATE meetings m SET room_busy_until = m.ends_at + make_interval(mins => r.changeover_minutes)
	FROM rooms r WHERE r.id = m.room_id AND r.changeover_minutes > 0;
-- only sqlite
UPDATE meetings SET room_busy_until = strftime('%Y-%m-%d %H:%M:%S+00:00', ends_at,
	'+' || (SELECT r.changeover_minutes FROM rooms r WHERE r.id = meetings.room_id) || ' minutes')
	WHERE room_id IN (SELECT id FROM rooms WHERE changeover_minutes > 0);
-- A room's changeover may have grown after its meetings were booked: none
-- holds the room past the start of the room's next meeting, so that the
-- database accepts what is there. On PostgreSQL only a real double booking
-- stops this migration; SQLite's triggers judge new writes only.
UPDATE meetings SET room_busy_until = (SELECT MIN(n.starts_at) FROM meetings n
	WHERE n.room_id = meetings.room_id AND n.id <> meetings.id AND n.status <> 'cancelled' AND n.starts_at >= meetings.ends_at)
	WHERE room_busy_until > (SELECT MIN(n.starts_at) FROM meetings n
	WHERE n.room_id = meetings.room_id AND n.id <> meetings.id AND n.status <> 'cancelled' AND n.starts_at >= meetings.ends_at);

-- Whether the attendee's meeting is cancelled (and so holds nobody), kept
-- by the repository with the meeting's status.
ALTER TABLE meeting_attendees ADD COLUMN cancelled BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE meeting_attendees SET cancelled = TRUE WHERE meeting_id IN (SELECT id FROM meetings WHERE status = 'cancelled');

-- only postgres
CREATE EXTENSION IF NOT EXISTS btree_gist;
-- only postgres
ALTER TABLE meetings ADD CONSTRAINT meetings_room_overlap EXCLUDE USING gist
	(room_id WITH =, tstzrange(starts_at, COALESCE(room_busy_until, ends_at)) WITH &&)
	WHERE (status <> 'cancelled' AND room_id IS NOT NULL);
-- only postgres
ALTER TABLE meeting_attendees ADD CONSTRAINT meeting_attendees_member_overlap EXCLUDE USING gist
	(member_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
	WHERE (NOT cancelled);

-- SQLite: triggers. They pass a row that breaks a CHECK constraint (ends
-- before it starts) on to that constraint, as PostgreSQL checks those first.
-- Their reads are ranges of the (room or person, start) indexes, bounded
-- below by the domain's limits: a meeting lasts at most a day
-- (domain.MaxMeetingLength), and so does a changeover. datetime() drops the
-- zone suffix and fractions of a second, which only widens the range.
-- only sqlite
CREATE TRIGGER meetings_room_overlap_insert BEFORE INSERT ON meetings
	WHEN NEW.status <> 'cancelled' AND NEW.room_id IS NOT NULL AND NEW.ends_at > NEW.starts_at
BEGIN
	SELECT RAISE(ABORT, 'meetings_room_overlap') WHERE EXISTS (SELECT 1 FROM meetings m
		WHERE m.room_id = NEW.room_id AND m.id <> NEW.id AND m.status <> 'cancelled'
		AND m.starts_at > datetime(NEW.starts_at, '-2 days') AND m.starts_at < COALESCE(NEW.room_busy_until, NEW.ends_at) AND NEW.starts_at < COALESCE(m.room_busy_until, m.ends_at));
END;
-- only sqlite
CREATE TRIGGER meetings_room_overlap_update BEFORE UPDATE OF starts_at, ends_at, room_id, status, room_busy_until ON meetings
	WHEN NEW.status <> 'cancelled' AND NEW.room_id IS NOT NULL AND NEW.ends_at > NEW.starts_at
BEGIN
	SELECT RAISE(ABORT, 'meetings_room_overlap') WHERE EXISTS (SELECT 1 FROM meetings m
		WHERE m.room_id = NEW.room_id AND m.id <> NEW.id AND m.status <> 'cancelled'
		AND m.starts_at > datetime(NEW.starts_at, '-2 days') AND m.starts_at < COALESCE(NEW.room_busy_until, NEW.ends_at) AND NEW.starts_at < COALESCE(m.room_busy_until, m.ends_at));
END;
-- only sqlite
CREATE TRIGGER meeting_attendees_member_overlap_insert BEFORE INSERT ON meeting_attendees
	WHEN NOT NEW.cancelled AND NEW.ends_at > NEW.starts_at
BEGIN
	SELECT RAISE(ABORT, 'meeting_attendees_member_overlap') WHERE EXISTS (SELECT 1 FROM meeting_attendees a
		WHERE a.member_id = NEW.member_id AND a.meeting_id <> NEW.meeting_id AND NOT a.cancelled
		AND a.starts_at > datetime(NEW.starts_at, '-1 day') AND a.starts_at < NEW.ends_at AND NEW.starts_at < a.ends_at);
END;
-- only sqlite
CREATE TRIGGER meeting_attendees_member_overlap_update BEFORE UPDATE OF member_id, meeting_id, starts_at, ends_at, cancelled ON meeting_attendees
	WHEN NOT NEW.cancelled AND NEW.ends_at > NEW.starts_at
BEGIN
	SELECT RAISE(ABORT, 'meeting_attendees_member_overlap') WHERE EXISTS (SELECT 1 FROM meeting_attendees a
		WHERE a.member_id = NEW.member_id AND a.meeting_id <> NEW.meeting_id AND NOT a.cancelled
		AND a.starts_at > datetime(NEW.starts_at, '-1 day') AND a.starts_at < NEW.ends_at AND NEW.starts_at < a.ends_at);
END;
