-- Facts loads now stage their rows in a temporary table of their own transaction (ON COMMIT DROP): a load that is
-- refused, cancelled, idle too long or whose process dies leaves nothing behind, so there is no shared staging table
-- to sweep. Rows a load of an earlier version left here are never read again: the table goes with them.
DROP TABLE facts_staging;
