-- Ground transport (CONTRACT section 14): venues have a kind (a hotel or
-- the airport is a venue too), delegations their hotel, vehicles with their
-- drivers, and each delegation's motorcade. Movements are derived from the
-- programme on read and never stored. (0013 is left unused on purpose.)
ALTER TABLE venues ADD COLUMN kind TEXT NOT NULL DEFAULT 'venue' CHECK (kind IN ('venue','hotel','airport'));

-- A hotel cannot be deleted while a delegation stays at it.
ALTER TABLE delegations ADD COLUMN hotel_venue_id TEXT REFERENCES venues(id) ON DELETE RESTRICT;
CREATE INDEX delegations_hotel_venue ON delegations (hotel_venue_id);

-- The time a motorcade arrives before a meeting starts.
ALTER TABLE summits ADD COLUMN arrival_buffer_minutes INTEGER NOT NULL DEFAULT 10 CHECK (arrival_buffer_minutes BETWEEN 0 AND 240);

CREATE TABLE vehicles (
	id           TEXT PRIMARY KEY,
	plate        TEXT NOT NULL UNIQUE CHECK (plate <> ''),
	kind         TEXT NOT NULL CHECK (kind IN ('car','van','bus','security','ambulance')),
	seats        INTEGER NOT NULL CHECK (seats > 0),
	driver_name  TEXT NOT NULL DEFAULT '',
	driver_phone TEXT NOT NULL DEFAULT '',
	version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
	created_at   {{timestamp}} NOT NULL,
	updated_at   {{timestamp}} NOT NULL
);

-- A delegation's motorcade: its vehicles. A vehicle in a motorcade cannot be
-- deleted; a deleted delegation's motorcade goes with it.
CREATE TABLE motorcade_vehicles (
	delegation_id TEXT NOT NULL REFERENCES delegations(id) ON DELETE CASCADE,
	vehicle_id    TEXT NOT NULL REFERENCES vehicles(id) ON DELETE RESTRICT,
	PRIMARY KEY (delegation_id, vehicle_id)
);
CREATE INDEX motorcade_vehicles_vehicle ON motorcade_vehicles (vehicle_id);
