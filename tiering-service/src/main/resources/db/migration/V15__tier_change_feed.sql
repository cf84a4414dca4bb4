-- The durable change feed (WatchTierChanges): every tier change an evaluation finds (a customer whose tier differs
-- from the month before) is stored in the evaluation's own transaction with the next number of tier_change_sequence.
-- Evaluations are serialised (a transaction-level advisory lock held to the commit), so numbers are taken and
-- committed in the same order: a subscriber that has seen N and reads "sequence > N" misses nothing and sees nothing
-- twice, on any replica. A forced re-evaluation records its month's changes again, with new numbers.
CREATE SEQUENCE tier_change_sequence;
CREATE TABLE tier_change (
    sequence        BIGINT         PRIMARY KEY,
    month           DATE           NOT NULL,
    customer_number VARCHAR(32)    NOT NULL,
    from_tier_code  VARCHAR(32),
    to_tier_code    VARCHAR(32),
    upgrade         BOOLEAN        NOT NULL,
    average_balance NUMERIC(20, 2) NOT NULL,
    currency        CHAR(3)        NOT NULL,
    tier_reason     VARCHAR(16),
    recorded_at     TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE INDEX tier_change_by_month ON tier_change (month, sequence);

-- The months evaluated before this migration, oldest first, each against the month before, customers in order.
INSERT INTO tier_change (sequence, month, customer_number, from_tier_code, to_tier_code, upgrade, average_balance,
                         currency, tier_reason)
SELECT nextval('tier_change_sequence'), c.*
FROM (SELECT b.month, b.customer_number, a.tier_code, b.tier_code,
             coalesce(tb.lower_bound, -1) > coalesce(ta.lower_bound, -1), b.average_balance, s.base_currency,
             b.tier_reason
      FROM tier_evaluation b
      JOIN tier_scheme s ON s.version = b.scheme_version
      LEFT JOIN tier_evaluation a ON a.month = (b.month - interval '1 month')::date
                                 AND a.customer_number = b.customer_number
      LEFT JOIN tier_scheme_tier ta ON ta.scheme_version = a.scheme_version AND ta.code = a.tier_code
      LEFT JOIN tier_scheme_tier tb ON tb.scheme_version = b.scheme_version AND tb.code = b.tier_code
      WHERE b.tier_code IS DISTINCT FROM a.tier_code
      ORDER BY b.month, b.customer_number COLLATE "C") c;
