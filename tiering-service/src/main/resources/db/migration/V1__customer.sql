-- Customers, identified by the bank's customer number that all their accounts share.
CREATE TABLE customer (
    customer_number VARCHAR(32)  PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    kind            VARCHAR(16)  NOT NULL CHECK (kind IN ('PERSON', 'COMPANY')),
    branch_code     VARCHAR(32)  NOT NULL,
    onboarded_on    DATE         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
