-- Provision runs. A run is written in ONE transaction (run row, COPY of its lines, totals, status COMPLETED), so a
-- run that fails or crashes midway leaves nothing; readers still only ever select status = 'COMPLETED'.
CREATE SEQUENCE provision_run_seq;

CREATE TABLE provision_run (
    id                     BIGINT        PRIMARY KEY DEFAULT nextval('provision_run_seq'),
    status                 VARCHAR(16)   NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED')),
    -- SHA-256 of every input (snapshot id + fingerprint, policy version and rates, collateral eligibility,
    -- currency, ECL parameters): the same inputs give the same run, never a second one.
    input_key              CHAR(64)      NOT NULL UNIQUE,
    as_of                  DATE          NOT NULL,
    policy_id              BIGINT        NOT NULL REFERENCES provision_policy (id),
    policy_code            VARCHAR(40)   NOT NULL,
    policy_version         INTEGER       NOT NULL,
    provision_base         VARCHAR(32)   NOT NULL,
    general_reserve_rate   NUMERIC(12, 8) NOT NULL,
    eligible_collateral    VARCHAR(200)  NOT NULL,
    ecl_parameters         VARCHAR(2000) NOT NULL,
    currency_code          CHAR(3)       NOT NULL,
    snapshot_id            VARCHAR(100)  NOT NULL,
    snapshot_fingerprint   VARCHAR(128)  NOT NULL,
    snapshot_rule_set      VARCHAR(100)  NOT NULL,
    -- SHA-256 over the inputs and every line in the snapshot's loan order; set when the run completes.
    fingerprint            CHAR(64),
    loan_count             BIGINT,
    total_balance          NUMERIC(20, 2),
    npl_balance            NUMERIC(20, 2),
    specific_provision     NUMERIC(20, 2),
    general_reserve        NUMERIC(20, 2),
    ecl                    NUMERIC(20, 2),
    stage1_loans           BIGINT,
    stage2_loans           BIGINT,
    stage3_loans           BIGINT,
    started_at             TIMESTAMPTZ   NOT NULL DEFAULT now(),
    completed_at           TIMESTAMPTZ,
    CHECK (status = 'RUNNING' OR (fingerprint IS NOT NULL AND total_balance IS NOT NULL AND completed_at IS NOT NULL))
);
CREATE INDEX provision_run_as_of ON provision_run (policy_code, as_of) WHERE status = 'COMPLETED';

-- One line per loan of a run: the grade facts, the provision and the ECL beside it.
CREATE TABLE provision_line (
    run_id             BIGINT        NOT NULL REFERENCES provision_run (id),
    loan_id            VARCHAR(40)   NOT NULL,
    customer_number    VARCHAR(32)   NOT NULL,
    borrower_kind      VARCHAR(16)   NOT NULL,
    product            VARCHAR(40)   NOT NULL,
    branch_code        VARCHAR(32)   NOT NULL,
    category           VARCHAR(16)   NOT NULL,
    days_past_due      INTEGER       NOT NULL,
    balance            NUMERIC(20, 2) NOT NULL,
    collateral_kind    VARCHAR(24)   NOT NULL,
    collateral_value   NUMERIC(20, 2) NOT NULL,
    base               NUMERIC(20, 2) NOT NULL,
    rate               NUMERIC(12, 8) NOT NULL,
    provision          NUMERIC(20, 2) NOT NULL,
    ecl_stage          SMALLINT      NOT NULL,
    ecl_pd             NUMERIC(12, 8) NOT NULL,
    ecl_lgd            NUMERIC(12, 8) NOT NULL,
    ecl                NUMERIC(20, 2) NOT NULL,
    PRIMARY KEY (run_id, loan_id)
);

-- Totals per category of a run, written with the COMPLETED status.
CREATE TABLE provision_run_category (
    run_id      BIGINT        NOT NULL REFERENCES provision_run (id),
    category    VARCHAR(16)   NOT NULL,
    loan_count  BIGINT        NOT NULL,
    balance     NUMERIC(20, 2) NOT NULL,
    base        NUMERIC(20, 2) NOT NULL,
    provision   NUMERIC(20, 2) NOT NULL,
    ecl         NUMERIC(20, 2) NOT NULL,
    PRIMARY KEY (run_id, category)
);

-- Customer tiers of the run's as-of month, fetched from tiering-service the first time a tier report is asked
-- for, and kept so that the report reads the same every time.
CREATE TABLE provision_run_tier_load (
    run_id        BIGINT      PRIMARY KEY REFERENCES provision_run (id),
    tier_month    CHAR(7)     NOT NULL,
    customer_count BIGINT     NOT NULL,
    loaded_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE provision_run_tier (
    run_id          BIGINT       NOT NULL REFERENCES provision_run_tier_load (run_id),
    customer_number VARCHAR(32)  NOT NULL,
    tier_code       VARCHAR(40)  NOT NULL,
    tier_name       VARCHAR(100) NOT NULL,
    value_class     VARCHAR(8)   NOT NULL,
    PRIMARY KEY (run_id, customer_number)
);
