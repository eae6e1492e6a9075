-- The summit's settings for the rules rest_time and daily_limit (CONTRACT
-- section 5): the minutes of rest a person needs between meetings on top of
-- travel, and the most bilaterals a head of delegation attends on one
-- summit day. 0 turns either rule off, and is what existing summits get.
ALTER TABLE summits ADD COLUMN rest_minutes INTEGER NOT NULL DEFAULT 0 CHECK (rest_minutes BETWEEN 0 AND 240);
ALTER TABLE summits ADD COLUMN max_bilaterals_per_day INTEGER NOT NULL DEFAULT 0 CHECK (max_bilaterals_per_day BETWEEN 0 AND 50);
