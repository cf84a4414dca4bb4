-- Daily end-of-day balances, one row per account and business date. A day without a row carries the account's
-- last known balance forward; an account is closed by a 0 row. Keyed by (account_id, balance_date) so that a
-- retried load replaces instead of counting twice. No foreign key to customer: banks load balances from the core
-- system before (or without) registering customers here.
CREATE TABLE balance (
    account_id      VARCHAR(64)    NOT NULL,
    balance_date    DATE           NOT NULL,
    customer_number VARCHAR(32)    NOT NULL,
    asset_type      VARCHAR(24)    NOT NULL CHECK (asset_type IN
                        ('DEPOSIT', 'WEALTH_MANAGEMENT', 'FUND', 'INSURANCE', 'PRECIOUS_METAL', 'OTHER')),
    currency        CHAR(3)        NOT NULL,
    balance         NUMERIC(20, 2) NOT NULL CHECK (balance >= 0),
    PRIMARY KEY (account_id, balance_date)
);
-- Month-end evaluation reads a date range; the carry-forward opening reads "last row before" per account
-- through the primary key.
CREATE INDEX balance_by_date ON balance (balance_date);

-- Rows of balance loads in flight. A load is staged here in batches (COPY), then merged into balance in one
-- statement when the whole stream proved valid, then deleted. UNLOGGED: a crash loses only unfinished loads.
CREATE UNLOGGED TABLE balance_staging (
    load_id         UUID           NOT NULL,
    seq             BIGINT         NOT NULL,
    account_id      VARCHAR(64)    NOT NULL,
    balance_date    DATE           NOT NULL,
    customer_number VARCHAR(32)    NOT NULL,
    asset_type      VARCHAR(24)    NOT NULL,
    currency        CHAR(3)        NOT NULL,
    balance         NUMERIC(20, 2) NOT NULL
);
CREATE INDEX balance_staging_by_load ON balance_staging (load_id, account_id, balance_date, seq);

-- Daily FX rates: units of base_currency for one unit of currency on rate_date.
CREATE TABLE fx_rate (
    currency      CHAR(3)        NOT NULL,
    base_currency CHAR(3)        NOT NULL,
    rate_date     DATE           NOT NULL,
    rate          NUMERIC(24, 8) NOT NULL CHECK (rate > 0),
    PRIMARY KEY (currency, base_currency, rate_date),
    CHECK (currency <> base_currency)
);
