-- MOF 2012 general risk reserve (金融企業準備金計提管理辦法, 財金〔2012〕20號): an appropriation of net profit into
-- equity, not a loan-loss allowance. A policy says which of the two it computes; a run keeps it, and a reserve run
-- keeps the booked impairment allowance it deducts (a POSTED impairment run of the same date), so reading it again
-- never depends on anything that may change.
ALTER TABLE provision_policy
    ADD COLUMN purpose VARCHAR(24) NOT NULL DEFAULT 'IMPAIRMENT_ALLOWANCE'
        CHECK (purpose IN ('IMPAIRMENT_ALLOWANCE', 'GENERAL_RISK_RESERVE'));

UPDATE provision_policy SET purpose = 'GENERAL_RISK_RESERVE' WHERE policy_code = 'MOF-2012-STANDARD';

ALTER TABLE provision_run
    ADD COLUMN purpose VARCHAR(24) NOT NULL DEFAULT 'IMPAIRMENT_ALLOWANCE'
        CHECK (purpose IN ('IMPAIRMENT_ALLOWANCE', 'GENERAL_RISK_RESERVE')),
    ADD COLUMN deducted_run_id     BIGINT REFERENCES provision_run (id),
    ADD COLUMN deducted_allowance  NUMERIC(20, 2),
    ADD CHECK ((purpose = 'GENERAL_RISK_RESERVE') = (deducted_run_id IS NOT NULL AND deducted_allowance IS NOT NULL));
