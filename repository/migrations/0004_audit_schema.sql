-- The version of the snapshot format of each audit entry's before and after
-- (domain.AuditSchema). Entries written before versions were kept are 1.
ALTER TABLE audit_entries ADD COLUMN schema INTEGER NOT NULL DEFAULT 1;
