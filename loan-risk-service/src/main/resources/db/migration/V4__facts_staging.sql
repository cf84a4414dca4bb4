-- A facts load is staged here batch by batch (COPY) while its stream arrives, then merged into loan and loan_fact in
-- one transaction; a merged, refused or abandoned load deletes its rows, and a later load deletes what a dead process
-- left. UNLOGGED: staged rows need no crash safety (the load was not acknowledged). No index: a load reads its own
-- rows once, in full.
CREATE UNLOGGED TABLE facts_staging (
    load_id                               UUID           NOT NULL,
    row_index                             INTEGER        NOT NULL,
    staged_at                             TIMESTAMPTZ    NOT NULL DEFAULT clock_timestamp(),
    -- The dated facts, as in loan_fact.
    loan_id                               VARCHAR(40)    NOT NULL,
    as_of_date                            DATE           NOT NULL,
    outstanding_balance                   NUMERIC(20, 2) NOT NULL,
    collateral_value                      NUMERIC(20, 2) NOT NULL,
    days_past_due_principal               INTEGER        NOT NULL,
    days_past_due_interest                INTEGER        NOT NULL,
    restructured_on                       DATE,
    restructured_for_financial_difficulty BOOLEAN        NOT NULL,
    observation_end                       DATE,
    non_performing_before_restructuring   BOOLEAN        NOT NULL,
    credit_impaired                       BOOLEAN        NOT NULL,
    ecl_ratio                             NUMERIC(9, 8),
    bankruptcy_liquidation                BOOLEAN        NOT NULL,
    significant_external_downgrade        BOOLEAN        NOT NULL,
    debt_evasion                          BOOLEAN        NOT NULL,
    overdue_elsewhere_share               NUMERIC(9, 8),
    arrears_cleared_on                    DATE,
    consecutive_on_time_periods           INTEGER        NOT NULL,
    -- The book data, when the row carries it (all null otherwise); the loan's own balance and collateral value.
    borrower_customer_number              VARCHAR(32),
    borrower_kind                         VARCHAR(16),
    product                               VARCHAR(32),
    branch_code                           VARCHAR(32),
    currency                              CHAR(3),
    principal                             NUMERIC(20, 2),
    loan_outstanding_balance              NUMERIC(20, 2),
    origination_date                      DATE,
    maturity_date                         DATE,
    collateral_kind                       VARCHAR(32),
    loan_collateral_value                 NUMERIC(20, 2),
    guaranteed                            BOOLEAN
);
