-- A load's rows now stream into balance_staging through one COPY and are read back once, whole, by the merge: the
-- index on (load_id, account_id, balance_date, seq) cost an index insert per staged row and saved nothing (the merge
-- reads every row of its load; only loads in flight and orphans are in the table).
DROP INDEX balance_staging_by_load;
