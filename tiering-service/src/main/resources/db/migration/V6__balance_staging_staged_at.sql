-- When each staged batch arrived: a load whose process died (SIGKILL, node loss) never deletes its rows, so the next
-- load removes staged rows older than tiering.load.orphan-after-hours (no live load is that old).
ALTER TABLE balance_staging ADD COLUMN staged_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp();
