-- Foreign-currency loans (issue 13 item 4): a snapshot row keeps the loan's balance and collateral value in the
-- loan's own currency beside the reporting-currency amounts it always had (outstanding_balance and collateral_value
-- stay in the reporting currency, so sums over a snapshot need no conversion), with the rate it converted at: units of
-- the reporting currency per unit of the loan's currency on the as-of date, from fx_rate.
ALTER TABLE snapshot_grade
    ADD COLUMN currency                  CHAR(3),
    ADD COLUMN original_balance          NUMERIC(20, 2),
    ADD COLUMN original_collateral_value NUMERIC(20, 2),
    ADD COLUMN fx_rate                   NUMERIC(20, 8);

-- Rows graded before this version were all in the reporting currency (foreign currencies were refused): they get
-- what they already meant — that currency, the same amounts, rate 1. Grades, balances and fingerprints do not change
-- (the fingerprint line of a reporting-currency loan has no currency fields), so the immutability trigger is lifted
-- for this one backfill only, inside this migration's transaction.
ALTER TABLE snapshot_grade DISABLE TRIGGER snapshot_grade_immutable;
UPDATE snapshot_grade g
SET currency = s.currency, original_balance = g.outstanding_balance, original_collateral_value = g.collateral_value, fx_rate = 1
FROM snapshot s
WHERE s.snapshot_id = g.snapshot_id;
ALTER TABLE snapshot_grade ENABLE TRIGGER snapshot_grade_immutable;

ALTER TABLE snapshot_grade
    ALTER COLUMN currency SET NOT NULL,
    ALTER COLUMN original_balance SET NOT NULL,
    ALTER COLUMN original_collateral_value SET NOT NULL,
    ALTER COLUMN fx_rate SET NOT NULL,
    ADD CHECK (fx_rate > 0);
