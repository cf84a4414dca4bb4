-- Generates :n loans with facts on 2024-03-31 and changed facts for every fifth loan on 2024-06-30, into the
-- loan_risk database (run by hand for the measurements in the README; never by the tests):
--   psql -h 127.0.0.1 -U postgres -d loan_risk -v n=100000 -f generate-book.sql
-- 80 % retail (one borrower per loan), 20 % non-retail (five loans per company); about 85 % performing.
\timing on
BEGIN;
INSERT INTO loan (loan_id, borrower_customer_number, borrower_kind, product, branch_code, currency, principal,
                  outstanding_balance, origination_date, maturity_date, collateral_kind, collateral_value, guaranteed)
SELECT 'G' || lpad(i::text, 8, '0'),
       CASE WHEN i % 5 = 0 THEN 'CO-' || (i / 25) ELSE 'P-' || i END,
       CASE WHEN i % 5 = 0 THEN 'NON_RETAIL' ELSE 'RETAIL' END,
       CASE WHEN i % 5 = 0 THEN 'CORPORATE_WORKING_CAPITAL' ELSE 'PERSONAL_CONSUMPTION' END,
       'BR-' || (i % 50), 'CNY', 2000000.00, 1000 + (i::bigint * 7919 % 1000000) / 100.0,
       DATE '2022-01-01', DATE '2032-01-01', 'NONE', 0, false
FROM generate_series(1, :n) AS i
ON CONFLICT DO NOTHING;

INSERT INTO loan_fact (loan_id, as_of_date, outstanding_balance, collateral_value, days_past_due_principal,
                       days_past_due_interest, restructured_on, restructured_for_financial_difficulty, observation_end,
                       non_performing_before_restructuring, credit_impaired, ecl_ratio, bankruptcy_liquidation,
                       significant_external_downgrade, debt_evasion, overdue_elsewhere_share, arrears_cleared_on,
                       consecutive_on_time_periods)
SELECT 'G' || lpad(i::text, 8, '0'), DATE '2024-03-31', 1000 + (i::bigint * 7919 % 1000000) / 100.0, 0,
       CASE WHEN i % 100 < 85 THEN 0
            WHEN i % 100 < 93 THEN 1 + i % 90
            WHEN i % 100 < 96 THEN 91 + i % 180
            WHEN i % 100 < 98 THEN 271 + i % 90
            ELSE 361 + i % 400 END,
       0,
       CASE WHEN i % 200 = 0 THEN DATE '2023-10-01' END, i % 200 = 0, CASE WHEN i % 200 = 0 THEN DATE '2024-10-01' END,
       i % 400 = 0, i % 50 = 0, CASE WHEN i % 150 = 0 THEN 0.6 END, i % 997 = 0, i % 331 = 0, i % 1999 = 0,
       CASE WHEN i % 5 = 0 AND i % 37 = 0 THEN 0.3 END, NULL, 0
FROM generate_series(1, :n) AS i
ON CONFLICT DO NOTHING;

-- A quarter later every fifth loan has news: the overdue ones are cured, the others fall 30 days behind.
INSERT INTO loan_fact (loan_id, as_of_date, outstanding_balance, collateral_value, days_past_due_principal,
                       days_past_due_interest, arrears_cleared_on, consecutive_on_time_periods)
SELECT 'G' || lpad(i::text, 8, '0'), DATE '2024-06-30', 900 + (i::bigint * 7919 % 1000000) / 100.0, 0,
       CASE WHEN i % 100 < 85 THEN 30 ELSE 0 END, 0,
       CASE WHEN i % 100 < 85 THEN NULL ELSE DATE '2024-05-15' END, CASE WHEN i % 100 < 85 THEN 0 ELSE 1 END
FROM generate_series(1, :n) AS i
WHERE i % 4 = 1
ON CONFLICT DO NOTHING;
COMMIT;
ANALYZE loan; ANALYZE loan_fact;
