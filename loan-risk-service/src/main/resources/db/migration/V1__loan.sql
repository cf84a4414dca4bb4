-- The loan book: one row per loan as currently booked.
CREATE TABLE loan (
    loan_id                  VARCHAR(40)    PRIMARY KEY,
    borrower_customer_number VARCHAR(32)    NOT NULL,
    borrower_kind            VARCHAR(16)    NOT NULL CHECK (borrower_kind IN ('RETAIL', 'NON_RETAIL')),
    product                  VARCHAR(32)    NOT NULL,
    branch_code              VARCHAR(32)    NOT NULL,
    currency                 CHAR(3)        NOT NULL,
    principal                NUMERIC(20, 2) NOT NULL CHECK (principal > 0),
    outstanding_balance      NUMERIC(20, 2) NOT NULL CHECK (outstanding_balance >= 0),
    origination_date         DATE           NOT NULL,
    maturity_date            DATE           NOT NULL,
    collateral_kind          VARCHAR(32)    NOT NULL,
    collateral_value         NUMERIC(20, 2) NOT NULL CHECK (collateral_value >= 0),
    guaranteed               BOOLEAN        NOT NULL,
    created_at               TIMESTAMPTZ    NOT NULL DEFAULT now(),
    CHECK (maturity_date >= origination_date)
);

-- The debtor-centred rules read all loans of one borrower.
CREATE INDEX loan_borrower_idx ON loan (borrower_customer_number);
