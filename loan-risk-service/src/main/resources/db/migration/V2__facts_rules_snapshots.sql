-- Dated facts about each loan: the history the rules read. One row per (loan, as-of date); a later row is a new
-- event, never an overwrite of an earlier date, so any past grade can be recomputed.
CREATE TABLE loan_fact (
    loan_id                               VARCHAR(40)    NOT NULL REFERENCES loan (loan_id),
    as_of_date                            DATE           NOT NULL,
    outstanding_balance                   NUMERIC(20, 2) NOT NULL CHECK (outstanding_balance >= 0),
    collateral_value                      NUMERIC(20, 2) NOT NULL CHECK (collateral_value >= 0),
    days_past_due_principal               INTEGER        NOT NULL CHECK (days_past_due_principal BETWEEN 0 AND 36500),
    days_past_due_interest                INTEGER        NOT NULL CHECK (days_past_due_interest BETWEEN 0 AND 36500),
    restructured_on                       DATE,
    restructured_for_financial_difficulty BOOLEAN        NOT NULL DEFAULT false,
    observation_end                       DATE,
    non_performing_before_restructuring   BOOLEAN        NOT NULL DEFAULT false,
    credit_impaired                       BOOLEAN        NOT NULL DEFAULT false,
    ecl_ratio                             NUMERIC(9, 8)  CHECK (ecl_ratio BETWEEN 0 AND 1),
    bankruptcy_liquidation                BOOLEAN        NOT NULL DEFAULT false,
    significant_external_downgrade        BOOLEAN        NOT NULL DEFAULT false,
    debt_evasion                          BOOLEAN        NOT NULL DEFAULT false,
    overdue_elsewhere_share               NUMERIC(9, 8)  CHECK (overdue_elsewhere_share BETWEEN 0 AND 1),
    arrears_cleared_on                    DATE,
    consecutive_on_time_periods           INTEGER        NOT NULL DEFAULT 0 CHECK (consecutive_on_time_periods >= 0),
    loaded_at                             TIMESTAMPTZ    NOT NULL DEFAULT now(),
    PRIMARY KEY (loan_id, as_of_date),
    CHECK (restructured_on IS NULL OR observation_end IS NOT NULL)
);

-- Versioned rule sets: one per jurisdiction and effective date. The run uses the latest set of its jurisdiction
-- in force on the as-of date.
CREATE TABLE rule_set (
    rule_set_id                    BIGSERIAL   PRIMARY KEY,
    jurisdiction                   VARCHAR(32) NOT NULL,
    version                        VARCHAR(40) NOT NULL UNIQUE,
    effective_from                 DATE        NOT NULL,
    -- Upgrade discipline for a non-performing loan: on-time periods AND months since arrears were cleared.
    upgrade_min_on_time_periods    INTEGER     NOT NULL,
    upgrade_min_months_since_clear INTEGER     NOT NULL,
    source                         TEXT        NOT NULL,
    UNIQUE (jurisdiction, effective_from)
);

-- Categories are stored as their rank 1..5 (NORMAL..LOSS) so that "worst of" is max().
CREATE TABLE rule (
    rule_set_id    BIGINT      NOT NULL REFERENCES rule_set (rule_set_id),
    code           VARCHAR(60) NOT NULL,
    kind           VARCHAR(40) NOT NULL CHECK (kind IN ('DPD_OVER', 'CREDIT_IMPAIRED', 'CREDIT_IMPAIRED_ECL_AT_LEAST',
                       'OVERDUE_ELSEWHERE_SHARE_OVER', 'BANKRUPTCY_LIQUIDATION', 'DEBT_EVASION', 'EXTERNAL_DOWNGRADE',
                       'RESTRUCTURED_IN_OBSERVATION', 'RESTRUCTURED_FROM_NON_PERFORMING', 'DEBTOR_CONTAGION_SHARE_OVER')),
    threshold      NUMERIC(12, 8),
    floor_category SMALLINT    NOT NULL CHECK (floor_category BETWEEN 1 AND 5),
    source         TEXT        NOT NULL,
    PRIMARY KEY (rule_set_id, code)
);

INSERT INTO rule_set (jurisdiction, version, effective_from, upgrade_min_on_time_periods, upgrade_min_months_since_clear, source)
VALUES ('CN', 'CN-2023', DATE '2023-07-01', 2, 6,
        '商業銀行金融資產風險分類辦法 (CBIRC & PBOC Order 2023 No. 1), in force 2023-07-01');

INSERT INTO rule (rule_set_id, code, kind, threshold, floor_category, source)
SELECT rs.rule_set_id, r.code, r.kind, r.threshold, r.floor_category, r.source
FROM rule_set rs,
     (VALUES
         ('DPD_OVER_0',   'DPD_OVER', 0, 2, '2023 Measures: principal, interest or income overdue -> at least Special mention'),
         ('DPD_OVER_90',  'DPD_OVER', 90, 3, '2023 Measures: overdue more than 90 days -> at least Substandard'),
         ('DPD_OVER_270', 'DPD_OVER', 270, 4, '2023 Measures: overdue more than 270 days -> at least Doubtful'),
         ('DPD_OVER_360', 'DPD_OVER', 360, 5, '2023 Measures: overdue more than 360 days -> Loss'),
         ('CREDIT_IMPAIRED', 'CREDIT_IMPAIRED', NULL, 3, '2023 Measures: credit-impaired asset -> at least Substandard'),
         ('CREDIT_IMPAIRED_ECL_50', 'CREDIT_IMPAIRED_ECL_AT_LEAST', 0.5, 4,
             '2023 Measures (recalled, not confirmed by search): credit-impaired and ECL >= 50 % of book balance -> at least Doubtful'),
         ('CREDIT_IMPAIRED_ECL_90', 'CREDIT_IMPAIRED_ECL_AT_LEAST', 0.9, 5,
             '2023 Measures (recalled, not confirmed by search): credit-impaired and ECL >= 90 % of book balance -> Loss'),
         ('OVERDUE_ELSEWHERE_OVER_20PCT', 'OVERDUE_ELSEWHERE_SHARE_OVER', 0.2, 3,
             '2023 Measures: non-retail debtor whose debts overdue > 90 days at all banks exceed 20 % -> at least Substandard'),
         ('BANKRUPTCY_LIQUIDATION', 'BANKRUPTCY_LIQUIDATION', NULL, 5,
             'Recalled (category not confirmed by search): debtor in bankruptcy liquidation -> Loss'),
         ('DEBT_EVASION', 'DEBT_EVASION', NULL, 4,
             'Recalled (category not confirmed by search): debtor evades bank debt -> at least Doubtful'),
         ('EXTERNAL_DOWNGRADE', 'EXTERNAL_DOWNGRADE', NULL, 2,
             'Design choice: significant external rating downgrade is a factor that may hurt repayment -> at least Special mention'),
         ('RESTRUCTURED', 'RESTRUCTURED_IN_OBSERVATION', NULL, 2,
             '2023 Measures: restructured asset (financial difficulty) inside its observation period -> at least Special mention'),
         ('RESTRUCTURED_FROM_NPL', 'RESTRUCTURED_FROM_NON_PERFORMING', NULL, 3,
             '2023 Measures (recalled): restructured asset non-performing before restructuring, inside observation -> at least Substandard'),
         ('DEBTOR_CONTAGION_OVER_10PCT', 'DEBTOR_CONTAGION_SHARE_OVER', 0.1, 3,
             '2023 Measures: non-retail debtor with more than 10 % of its claims at the bank non-performing -> all its claims non-performing')
     ) AS r (code, kind, threshold, floor_category, source)
WHERE rs.version = 'CN-2023';

-- Immutable portfolio snapshots. The header is inserted last, in the same transaction as the rows, so a snapshot
-- is visible only when complete.
CREATE TABLE snapshot (
    snapshot_id      UUID           PRIMARY KEY,
    as_of_date       DATE           NOT NULL UNIQUE,
    rule_set_version VARCHAR(40)    NOT NULL,
    loan_count       BIGINT         NOT NULL,
    total_balance    NUMERIC(22, 2) NOT NULL,
    currency         CHAR(3)        NOT NULL,
    fingerprint      CHAR(64)       NOT NULL,
    created_at       TIMESTAMPTZ    NOT NULL DEFAULT now()
);

CREATE TABLE snapshot_grade (
    snapshot_id              UUID           NOT NULL,
    loan_id                  VARCHAR(40)    COLLATE "C" NOT NULL,
    borrower_customer_number VARCHAR(32)    NOT NULL,
    borrower_kind            VARCHAR(16)    NOT NULL,
    product                  VARCHAR(32)    NOT NULL,
    branch_code              VARCHAR(32)    NOT NULL,
    outstanding_balance      NUMERIC(20, 2) NOT NULL,
    collateral_kind          VARCHAR(32)    NOT NULL,
    collateral_value         NUMERIC(20, 2) NOT NULL,
    category                 SMALLINT       NOT NULL CHECK (category BETWEEN 1 AND 5),
    rule_floor               SMALLINT       NOT NULL CHECK (rule_floor BETWEEN 1 AND 5),
    days_past_due            INTEGER        NOT NULL,
    reason_codes             TEXT[]         NOT NULL,
    PRIMARY KEY (snapshot_id, loan_id),
    FOREIGN KEY (snapshot_id) REFERENCES snapshot (snapshot_id) DEFERRABLE INITIALLY DEFERRED
);

-- Expert overrides under maker-checker.
CREATE TABLE override_proposal (
    proposal_id      BIGSERIAL     PRIMARY KEY,
    loan_id          VARCHAR(40)   NOT NULL REFERENCES loan (loan_id),
    category         SMALLINT      NOT NULL CHECK (category BETWEEN 1 AND 5),
    rule_floor       SMALLINT      NOT NULL CHECK (rule_floor BETWEEN 1 AND 5),
    reason           VARCHAR(1000) NOT NULL,
    proposed_by      VARCHAR(64)   NOT NULL,
    effective_from   DATE          NOT NULL,
    status           VARCHAR(16)   NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    decided_by       VARCHAR(64),
    decision_comment VARCHAR(1000),
    proposed_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    decided_at       TIMESTAMPTZ,
    version          INTEGER       NOT NULL DEFAULT 0,
    CHECK (decided_by IS NULL OR decided_by <> proposed_by)
);
CREATE INDEX override_proposal_loan_idx ON override_proposal (loan_id, status, effective_from);

-- Append-only audit trail.
CREATE TABLE audit_event (
    event_id    BIGSERIAL   PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    actor       VARCHAR(64) NOT NULL,
    kind        VARCHAR(32) NOT NULL,
    loan_id     VARCHAR(40),
    details     JSONB       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_loan_idx ON audit_event (loan_id, event_id);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER snapshot_immutable BEFORE UPDATE OR DELETE ON snapshot
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER snapshot_grade_immutable BEFORE UPDATE OR DELETE ON snapshot_grade
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
