-- Names in other languages (CONTRACT section 13): delegations, members,
-- venues and rooms may be named in Russian, Chinese and Kazakh besides
-- their primary name; a JSON object {"ru", "zh", "kk"}, {} when none.
ALTER TABLE delegations ADD COLUMN names TEXT NOT NULL DEFAULT '{}';
ALTER TABLE members ADD COLUMN names TEXT NOT NULL DEFAULT '{}';
ALTER TABLE venues ADD COLUMN names TEXT NOT NULL DEFAULT '{}';
ALTER TABLE rooms ADD COLUMN names TEXT NOT NULL DEFAULT '{}';
