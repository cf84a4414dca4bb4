-- The regimes a run's ratios are judged against, and the thresholds each run was judged against, frozen with the run:
-- reading a run never reads configuration again, so changing it never changes last year's breach flags.
--   CBRC-2011: 商業銀行貸款損失準備管理辦法 (銀監會令2011年第4號): coverage 150 %, loan provision ratio 2.5 %.
--   CBIRC-2018: 關於調整商業銀行貸款損失準備監管要求的通知 (銀監發〔2018〕7號): coverage 120-150 % and loan provision
--     ratio 1.5-2.5 %, set bank by bank from the bank's own figures (classification accuracy, disposal, capital).
--   BANK-OWN: the bank's own thresholds, not a regulator's; any values.
-- The NPL ratio maximum (5 %, CBRC core indicators 2005) is the same in all three. Bounds NULL = unbounded.
CREATE TABLE ratio_regime (
    code                 VARCHAR(20)    PRIMARY KEY,
    name                 VARCHAR(200)   NOT NULL,
    source               VARCHAR(500)   NOT NULL,
    coverage_min_low     NUMERIC(12, 8),
    coverage_min_high    NUMERIC(12, 8),
    lpr_min_low          NUMERIC(12, 8),
    lpr_min_high         NUMERIC(12, 8)
);

INSERT INTO ratio_regime VALUES
    ('CBRC-2011', 'CBRC 2011 loan-loss reserve measures', '銀監會令2011年第4號, art. 4-5', 1.50, 1.50, 0.025, 0.025),
    ('CBIRC-2018', 'CBIRC 2018 adjustment, bank by bank', '銀監發〔2018〕7號', 1.20, 1.50, 0.015, 0.025),
    ('BANK-OWN', 'The bank''s own thresholds', 'board decision (not a regulator''s)', NULL, NULL, NULL, NULL);

-- Runs stored before this migration were read against the configuration of the day; they are frozen at the
-- defaults every deployment shipped with (CBRC 2011: 150 %, 2.5 %, NPL 5 %).
ALTER TABLE provision_run
    ADD COLUMN ratio_regime              VARCHAR(20)    NOT NULL DEFAULT 'CBRC-2011' REFERENCES ratio_regime (code),
    ADD COLUMN coverage_min              NUMERIC(12, 8) NOT NULL DEFAULT 1.50,
    ADD COLUMN loan_provision_ratio_min  NUMERIC(12, 8) NOT NULL DEFAULT 0.025,
    ADD COLUMN npl_ratio_max             NUMERIC(12, 8) NOT NULL DEFAULT 0.05;
