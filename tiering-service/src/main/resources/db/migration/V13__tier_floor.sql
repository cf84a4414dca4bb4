-- Manual tier floors (特批): the bank designates a customer's tier by decision, whatever the balance, for a range of
-- months. A tier-admin proposes (maker), a different person with the tier-approver role approves or rejects
-- (checker); only an approved floor applies, and only in the months from first_month to last_month (months are their
-- first day), so an expired floor stops applying without anyone acting. One pending proposal per customer: a retried
-- or concurrent proposal never creates a second one.
CREATE TABLE tier_floor (
    floor_id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_number  VARCHAR(32)   NOT NULL,
    tier_code        VARCHAR(32)   NOT NULL,
    first_month      DATE          NOT NULL CHECK (first_month = date_trunc('month', first_month)),
    last_month       DATE          NOT NULL CHECK (last_month = date_trunc('month', last_month)),
    reason           VARCHAR(1000) NOT NULL,
    status           VARCHAR(16)   NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    proposed_by      VARCHAR(256)  NOT NULL,
    proposed_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    decided_by       VARCHAR(256),
    decided_at       TIMESTAMPTZ,
    decision_comment VARCHAR(1000),
    CHECK (last_month >= first_month),
    CHECK ((status = 'PENDING') = (decided_by IS NULL))
);
CREATE UNIQUE INDEX tier_floor_one_pending ON tier_floor (customer_number) WHERE status = 'PENDING';
CREATE INDEX tier_floor_approved_by_month ON tier_floor (first_month, last_month) WHERE status = 'APPROVED';

-- Why a month's tier is what it is: AVERAGE (the month's average), GRACE (the downgrade grace keeps the tier held),
-- MANUAL_FLOOR (an approved floor lifts it). NULL for months evaluated before this migration. No CHECK: a month's
-- table is made LIKE tier_evaluation without constraints (V11) and ATTACH demands every CHECK of the parent; the
-- evaluation's SQL is its only writer.
ALTER TABLE tier_evaluation ADD COLUMN tier_reason VARCHAR(16);
