-- The whole schema of CONTRACT section 4. Written once for both databases:
-- {{timestamp}} and {{serial}} are replaced per dialect by the migrator.
-- Times are stored in UTC; JSON lists are stored as TEXT.

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE summits (
	id         TEXT PRIMARY KEY CHECK (id = 'summit'),
	name       TEXT NOT NULL,
	city       TEXT NOT NULL,
	timezone   TEXT NOT NULL,
	starts_on  TEXT NOT NULL,
	ends_on    TEXT NOT NULL CHECK (ends_on >= starts_on),
	day_starts TEXT NOT NULL,
	day_ends   TEXT NOT NULL CHECK (day_ends > day_starts),
	version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
	updated_at {{timestamp}} NOT NULL
);

CREATE TABLE delegations (
	id           TEXT PRIMARY KEY,
	code         TEXT NOT NULL UNIQUE,
	name         TEXT NOT NULL,
	kind         TEXT NOT NULL CHECK (kind IN ('member','observer','dialogue_partner','organisation','guest')),
	precedence   INTEGER NOT NULL DEFAULT 0,
	languages    TEXT NOT NULL DEFAULT '[]',
	arrival_at   {{timestamp}},
	departure_at {{timestamp}},
	hotel        TEXT NOT NULL DEFAULT '',
	version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
	created_at   {{timestamp}} NOT NULL,
	updated_at   {{timestamp}} NOT NULL,
	CHECK (arrival_at IS NULL OR departure_at IS NULL OR departure_at > arrival_at)
);

CREATE TABLE users (
	id            TEXT PRIMARY KEY,
	email         TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL,
	role          TEXT NOT NULL CHECK (role IN ('admin','organiser','delegate')),
	delegation_id TEXT REFERENCES delegations(id) ON DELETE RESTRICT,
	password_hash TEXT NOT NULL,
	disabled      BOOLEAN NOT NULL DEFAULT FALSE,
	token_version INTEGER NOT NULL DEFAULT 1,
	version       INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
	created_at    {{timestamp}} NOT NULL,
	updated_at    {{timestamp}} NOT NULL,
	CHECK ((role = 'delegate') = (delegation_id IS NOT NULL))
);
CREATE INDEX users_delegation ON users (delegation_id);

CREATE TABLE refresh_tokens (
	id         TEXT PRIMARY KEY,
	user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	family_id  TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	expires_at {{timestamp}} NOT NULL,
	used_at    {{timestamp}},
	revoked_at {{timestamp}},
	created_at {{timestamp}} NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

CREATE TABLE members (
	id            TEXT PRIMARY KEY,
	delegation_id TEXT NOT NULL REFERENCES delegations(id) ON DELETE CASCADE,
	full_name     TEXT NOT NULL CHECK (full_name <> ''),
	position      TEXT NOT NULL DEFAULT '',
	is_head       BOOLEAN NOT NULL DEFAULT FALSE,
	accreditation TEXT NOT NULL DEFAULT 'pending' CHECK (accreditation IN ('pending','approved','rejected')),
	version       INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
	created_at    {{timestamp}} NOT NULL,
	updated_at    {{timestamp}} NOT NULL
);
CREATE INDEX members_delegation ON members (delegation_id);
-- At most one head per delegation; "exactly one" is kept by the services.
CREATE UNIQUE INDEX members_one_head ON members (delegation_id) WHERE is_head;

CREATE TABLE venues (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE CHECK (name <> ''),
	address    TEXT NOT NULL DEFAULT '',
	version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
	created_at {{timestamp}} NOT NULL,
	updated_at {{timestamp}} NOT NULL
);

-- One row per direction given; a pair given one way holds both ways.
CREATE TABLE travel_times (
	from_venue_id TEXT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
	to_venue_id   TEXT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
	minutes       INTEGER NOT NULL CHECK (minutes >= 0),
	PRIMARY KEY (from_venue_id, to_venue_id),
	CHECK (from_venue_id <> to_venue_id)
);

CREATE TABLE rooms (
	id                       TEXT PRIMARY KEY,
	venue_id                 TEXT NOT NULL REFERENCES venues(id) ON DELETE RESTRICT,
	name                     TEXT NOT NULL CHECK (name <> ''),
	capacity                 INTEGER NOT NULL CHECK (capacity > 0),
	layout                   TEXT NOT NULL CHECK (layout IN ('plenary','bilateral','banquet','press','ceremony','other')),
	interpretation_languages TEXT NOT NULL DEFAULT '[]',
	changeover_minutes       INTEGER NOT NULL DEFAULT 0 CHECK (changeover_minutes >= 0),
	version                  INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
	created_at               {{timestamp}} NOT NULL,
	updated_at               {{timestamp}} NOT NULL,
	UNIQUE (venue_id, name)
);

CREATE TABLE meetings (
	id                  TEXT PRIMARY KEY,
	title               TEXT NOT NULL CHECK (title <> ''),
	kind                TEXT NOT NULL CHECK (kind IN ('plenary','restricted','extended','bilateral','multilateral','ceremony','arrival','departure','meal','press','cultural','hold')),
	starts_at           {{timestamp}} NOT NULL,
	ends_at             {{timestamp}} NOT NULL,
	room_id             TEXT REFERENCES rooms(id) ON DELETE RESTRICT,
	status              TEXT NOT NULL CHECK (status IN ('draft','confirmed','cancelled')),
	visibility          TEXT NOT NULL CHECK (visibility IN ('public','participants','organisers')),
	languages           TEXT NOT NULL DEFAULT '[]',
	expected_attendance INTEGER NOT NULL DEFAULT 0 CHECK (expected_attendance >= 0),
	allow               TEXT NOT NULL DEFAULT '[]',
	created_by          TEXT REFERENCES users(id) ON DELETE SET NULL,
	version             INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
	created_at          {{timestamp}} NOT NULL,
	updated_at          {{timestamp}} NOT NULL,
	CHECK (ends_at > starts_at)
);
-- The room-overlap check reads a room's meetings around a time.
CREATE INDEX meetings_room_time ON meetings (room_id, starts_at);
CREATE INDEX meetings_time ON meetings (starts_at);

CREATE TABLE meeting_participants (
	meeting_id    TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	delegation_id TEXT NOT NULL REFERENCES delegations(id) ON DELETE RESTRICT,
	named_members BOOLEAN NOT NULL DEFAULT FALSE,
	PRIMARY KEY (meeting_id, delegation_id)
);
CREATE INDEX meeting_participants_delegation ON meeting_participants (delegation_id, meeting_id);

-- The people a meeting holds (a participant without named members stands for
-- its head). Times are copied from the meeting so that the member-overlap
-- check is one indexed range read.
CREATE TABLE meeting_attendees (
	meeting_id    TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	member_id     TEXT NOT NULL REFERENCES members(id) ON DELETE RESTRICT,
	delegation_id TEXT NOT NULL REFERENCES delegations(id) ON DELETE RESTRICT,
	starts_at     {{timestamp}} NOT NULL,
	ends_at       {{timestamp}} NOT NULL,
	PRIMARY KEY (meeting_id, member_id),
	CHECK (ends_at > starts_at)
);
CREATE INDEX meeting_attendees_member_time ON meeting_attendees (member_id, starts_at);

CREATE TABLE bilateral_requests (
	id                 TEXT PRIMARY KEY,
	from_delegation_id TEXT NOT NULL REFERENCES delegations(id) ON DELETE CASCADE,
	to_delegation_id   TEXT NOT NULL REFERENCES delegations(id) ON DELETE CASCADE,
	duration_minutes   INTEGER NOT NULL CHECK (duration_minutes > 0),
	priority           INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 5),
	earliest           {{timestamp}},
	latest             {{timestamp}},
	note               TEXT NOT NULL DEFAULT '',
	status             TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','declined','scheduled','withdrawn')),
	meeting_id         TEXT REFERENCES meetings(id) ON DELETE SET NULL,
	created_by         TEXT REFERENCES users(id) ON DELETE SET NULL,
	version            INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
	created_at         {{timestamp}} NOT NULL,
	updated_at         {{timestamp}} NOT NULL,
	CHECK (from_delegation_id <> to_delegation_id),
	CHECK (earliest IS NULL OR latest IS NULL OR latest > earliest)
);
CREATE INDEX bilateral_requests_from ON bilateral_requests (from_delegation_id);
CREATE INDEX bilateral_requests_to ON bilateral_requests (to_delegation_id);

CREATE TABLE scheduler_proposals (
	id         TEXT PRIMARY KEY,
	created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
	params     TEXT NOT NULL,
	plan       TEXT NOT NULL,
	basis      TEXT NOT NULL DEFAULT '',
	applied_at {{timestamp}},
	created_at {{timestamp}} NOT NULL
);

CREATE TABLE feed_tokens (
	delegation_id TEXT PRIMARY KEY REFERENCES delegations(id) ON DELETE CASCADE,
	token_hash    TEXT NOT NULL UNIQUE,
	created_at    {{timestamp}} NOT NULL
);

CREATE TABLE idempotency_keys (
	actor_id     TEXT NOT NULL,
	key          TEXT NOT NULL,
	method       TEXT NOT NULL,
	path         TEXT NOT NULL,
	request_hash TEXT NOT NULL,
	status       INTEGER NOT NULL,
	response     TEXT NOT NULL,
	created_at   {{timestamp}} NOT NULL,
	PRIMARY KEY (actor_id, key)
);

CREATE TABLE audit_entries (
	id          {{serial}},
	at          {{timestamp}} NOT NULL,
	actor_id    TEXT,
	action      TEXT NOT NULL,
	entity_type TEXT NOT NULL,
	entity_id   TEXT NOT NULL,
	before      TEXT,
	after       TEXT
);
CREATE INDEX audit_entries_entity ON audit_entries (entity_type, entity_id);
CREATE INDEX audit_entries_actor ON audit_entries (actor_id);
