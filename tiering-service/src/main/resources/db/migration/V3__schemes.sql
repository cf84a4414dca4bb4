-- Tier schemes are versioned data. The scheme in force for a month is the one with the latest effective month
-- not after it (the highest version on a tie).
CREATE TABLE tier_scheme (
    version                INTEGER      PRIMARY KEY,
    name                   VARCHAR(100) NOT NULL,
    effective_month        DATE         NOT NULL CHECK (extract(day FROM effective_month) = 1),
    base_currency          CHAR(3)      NOT NULL,
    downgrade_grace_months INTEGER      NOT NULL CHECK (downgrade_grace_months BETWEEN 0 AND 24),
    created_at             TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Tiers of a scheme; rank 1 is the lowest tier. Bounds are inclusive and strictly increasing with the rank.
CREATE TABLE tier_scheme_tier (
    scheme_version INTEGER        NOT NULL REFERENCES tier_scheme (version),
    rank           INTEGER        NOT NULL CHECK (rank >= 1),
    code           VARCHAR(32)    NOT NULL,
    display_name   VARCHAR(100)   NOT NULL,
    lower_bound    NUMERIC(20, 2) NOT NULL CHECK (lower_bound >= 0),
    PRIMARY KEY (scheme_version, rank),
    UNIQUE (scheme_version, code)
);

-- Weights of asset types in the average; a type without a row weighs 1.0.
CREATE TABLE tier_scheme_weight (
    scheme_version INTEGER       NOT NULL REFERENCES tier_scheme (version),
    asset_type     VARCHAR(24)   NOT NULL,
    weight         NUMERIC(6, 4) NOT NULL CHECK (weight >= 0 AND weight <= 1),
    PRIMARY KEY (scheme_version, asset_type)
);

-- China Minsheng Bank, from 2017-03-01 (seed section 4): 欣然 from 50,000, 悠然 from 300,000, 卓然 from 1,000,000,
-- private banking from 8,000,000 CNY of monthly average daily financial assets, bounds inclusive. The source
-- states no downgrade grace, so 0 (drop at once).
INSERT INTO tier_scheme (version, name, effective_month, base_currency, downgrade_grace_months)
VALUES (1, 'Minsheng 2017', DATE '2017-03-01', 'CNY', 0);
INSERT INTO tier_scheme_tier (scheme_version, rank, code, display_name, lower_bound) VALUES
    (1, 1, 'XINRAN', '欣然', 50000.00),
    (1, 2, 'YOURAN', '悠然', 300000.00),
    (1, 3, 'ZHUORAN', '卓然', 1000000.00),
    (1, 4, 'PRIVATE', '私人銀行', 8000000.00);

-- ABC value classes (seed section 6): rank a month's customers by average assets, cut by cumulative share.
CREATE TABLE value_class_scheme (
    version         INTEGER     PRIMARY KEY,
    effective_month DATE        NOT NULL CHECK (extract(day FROM effective_month) = 1),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE value_class (
    scheme_version   INTEGER        NOT NULL REFERENCES value_class_scheme (version),
    rank             INTEGER        NOT NULL CHECK (rank >= 1),
    code             VARCHAR(8)     NOT NULL,
    cumulative_share NUMERIC(10, 8) NOT NULL CHECK (cumulative_share > 0 AND cumulative_share <= 1),
    PRIMARY KEY (scheme_version, rank),
    UNIQUE (scheme_version, code)
);
INSERT INTO value_class_scheme (version, effective_month) VALUES (1, DATE '1900-01-01');
INSERT INTO value_class (scheme_version, rank, code, cumulative_share) VALUES
    (1, 1, 'A', 0.80), (1, 2, 'B', 0.95), (1, 3, 'C', 1);
