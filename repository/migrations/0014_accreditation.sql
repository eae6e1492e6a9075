-- Accreditation (CONTRACT section 15): access zones (sets of rooms), badge
-- categories (a colour and the zones they open), each member's category and
-- photo (a JPEG the server re-encoded; kept in the database so that backups
-- carry it). The badge key lives in settings (badge_key).
CREATE TABLE access_zones (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE CHECK (name <> ''),
	version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
	created_at {{timestamp}} NOT NULL,
	updated_at {{timestamp}} NOT NULL
);

-- A room leaves its zones when it is deleted.
CREATE TABLE access_zone_rooms (
	zone_id TEXT NOT NULL REFERENCES access_zones(id) ON DELETE CASCADE,
	room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
	PRIMARY KEY (zone_id, room_id)
);
CREATE INDEX access_zone_rooms_room ON access_zone_rooms (room_id);

CREATE TABLE badge_categories (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE CHECK (name <> ''),
	colour     TEXT NOT NULL CHECK (length(colour) = 7 AND colour LIKE '#%'),
	version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
	created_at {{timestamp}} NOT NULL,
	updated_at {{timestamp}} NOT NULL
);

-- A zone a category opens cannot be deleted while the category lists it.
CREATE TABLE badge_category_zones (
	category_id TEXT NOT NULL REFERENCES badge_categories(id) ON DELETE CASCADE,
	zone_id     TEXT NOT NULL REFERENCES access_zones(id) ON DELETE RESTRICT,
	PRIMARY KEY (category_id, zone_id)
);
CREATE INDEX badge_category_zones_zone ON badge_category_zones (zone_id);

-- A category cannot be deleted while members hold it.
ALTER TABLE members ADD COLUMN badge_category_id TEXT REFERENCES badge_categories(id) ON DELETE RESTRICT;
CREATE INDEX members_badge_category ON members (badge_category_id);

-- only sqlite
CREATE TABLE member_photos (
	member_id  TEXT PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
	jpeg       BLOB NOT NULL CHECK (length(jpeg) > 0),
	width      INTEGER NOT NULL CHECK (width > 0),
	height     INTEGER NOT NULL CHECK (height > 0),
	updated_at DATETIME NOT NULL
);
-- only postgres
CREATE TABLE member_photos (
	member_id  TEXT PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
	jpeg       BYTEA NOT NULL CHECK (length(jpeg) > 0),
	width      INTEGER NOT NULL CHECK (width > 0),
	height     INTEGER NOT NULL CHECK (height > 0),
	updated_at TIMESTAMPTZ NOT NULL
);

-- The gate role (CONTRACT section 3): users.role takes 'gate'. PostgreSQL
-- changes the CHECK in place; SQLite cannot, so it makes the table again
-- by its documented procedure, with foreign keys off while it runs:
-- sqlite: foreign keys off
-- only postgres
ALTER TABLE users DROP CONSTRAINT users_role_check;
-- only postgres
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin','organiser','delegate','gate'));
-- only sqlite
CREATE TABLE users_with_gate (
	id            TEXT PRIMARY KEY,
	email         TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL,
	role          TEXT NOT NULL CHECK (role IN ('admin','organiser','delegate','gate')),
	delegation_id TEXT REFERENCES delegations(id) ON DELETE RESTRICT,
	password_hash TEXT NOT NULL,
	disabled      BOOLEAN NOT NULL DEFAULT FALSE,
	token_version INTEGER NOT NULL DEFAULT 1,
	version       INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
	created_at    DATETIME NOT NULL,
	updated_at    DATETIME NOT NULL,
	CHECK ((role = 'delegate') = (delegation_id IS NOT NULL))
);
-- only sqlite
INSERT INTO users_with_gate (id, email, name, role, delegation_id, password_hash, disabled, token_version, version, created_at, updated_at)
	SELECT id, email, name, role, delegation_id, password_hash, disabled, token_version, version, created_at, updated_at FROM users;
-- only sqlite
DROP TABLE users;
-- only sqlite
ALTER TABLE users_with_gate RENAME TO users;
-- only sqlite
CREATE INDEX users_delegation ON users (delegation_id);
