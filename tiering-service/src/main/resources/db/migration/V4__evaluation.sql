-- One row per evaluated month: which schemes applied and how many customers.
CREATE TABLE evaluation_run (
    month                      DATE        PRIMARY KEY CHECK (extract(day FROM month) = 1),
    scheme_version             INTEGER     NOT NULL REFERENCES tier_scheme (version),
    value_class_scheme_version INTEGER     NOT NULL REFERENCES value_class_scheme (version),
    customers                  BIGINT      NOT NULL,
    evaluated_at               TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every customer's result of a month and the reason for it. Tier ranks are those of the scheme applied (0 = no
-- tier); the grace of the next month starts from tier_rank and months_below.
CREATE TABLE tier_evaluation (
    month               DATE           NOT NULL REFERENCES evaluation_run (month),
    customer_number     VARCHAR(32)    NOT NULL,
    average_balance     NUMERIC(20, 2) NOT NULL,
    qualified_rank      INTEGER        NOT NULL,
    tier_rank           INTEGER        NOT NULL,
    tier_code           VARCHAR(32),
    previous_tier_code  VARCHAR(32),
    previous_tier_rank  INTEGER        NOT NULL,
    grace_held          BOOLEAN        NOT NULL,
    months_below        INTEGER        NOT NULL,
    scheme_version      INTEGER        NOT NULL,
    value_class         VARCHAR(8)     NOT NULL,
    PRIMARY KEY (month, customer_number)
);
CREATE INDEX tier_evaluation_by_tier ON tier_evaluation (month, tier_rank, customer_number);
CREATE INDEX tier_evaluation_by_customer ON tier_evaluation (customer_number, month);
