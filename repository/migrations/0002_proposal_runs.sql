-- A proposal is stored when its run begins, so that every instance sharing
-- the database can answer for it: its status, its progress while running
-- (written every few seconds, with updated_at), and why a run failed.
ALTER TABLE scheduler_proposals ADD COLUMN status TEXT NOT NULL DEFAULT 'ready' CHECK (status IN ('running', 'ready', 'failed'));
ALTER TABLE scheduler_proposals ADD COLUMN progress_done INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scheduler_proposals ADD COLUMN progress_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scheduler_proposals ADD COLUMN error TEXT NOT NULL DEFAULT '';
ALTER TABLE scheduler_proposals ADD COLUMN updated_at {{timestamp}};
UPDATE scheduler_proposals SET updated_at = created_at;
CREATE INDEX scheduler_proposals_created ON scheduler_proposals (created_at);
