-- Accommodation (CONTRACT section 15): blocks of rooms a hotel holds for a
-- delegation from the first night (nights_from) to the day of leaving
-- (nights_to, not a night), dates as YYYY-MM-DD; each member's block, room
-- and nights. A block goes with its delegation; a hotel with blocks, or a
-- block members sleep in, cannot be deleted.
CREATE TABLE hotel_blocks (
	id             TEXT PRIMARY KEY,
	hotel_venue_id TEXT NOT NULL REFERENCES venues(id) ON DELETE RESTRICT,
	delegation_id  TEXT NOT NULL REFERENCES delegations(id) ON DELETE CASCADE,
	rooms          INTEGER NOT NULL CHECK (rooms >= 1),
	nights_from    TEXT NOT NULL CHECK (length(nights_from) = 10),
	nights_to      TEXT NOT NULL CHECK (length(nights_to) = 10 AND nights_to > nights_from),
	version        INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
	created_at     {{timestamp}} NOT NULL,
	updated_at     {{timestamp}} NOT NULL
);
CREATE INDEX hotel_blocks_hotel ON hotel_blocks (hotel_venue_id, nights_from);
CREATE INDEX hotel_blocks_delegation ON hotel_blocks (delegation_id);

ALTER TABLE members ADD COLUMN hotel_block_id TEXT REFERENCES hotel_blocks(id) ON DELETE RESTRICT;
ALTER TABLE members ADD COLUMN hotel_room TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN nights_from TEXT;
ALTER TABLE members ADD COLUMN nights_to TEXT;
CREATE INDEX members_hotel_block ON members (hotel_block_id);
