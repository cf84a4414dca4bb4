-- Loan life events (issue 13): every change of a loan's balance explained by a fact the feed sends, never inferred.
-- One row per caller-given event id; the content of a stored event never changes (a re-sent id with the same content
-- changes nothing, with other content is refused), only a write-off's decision is written later (maker-checker).
-- Amounts are in the loan's own currency (`currency` repeats the loan's, so a row reads alone).
CREATE TABLE loan_event (
    event_id                 VARCHAR(64)    PRIMARY KEY,
    loan_id                  VARCHAR(40)    NOT NULL REFERENCES loan (loan_id),
    kind                     VARCHAR(16)    NOT NULL CHECK (kind IN ('DISBURSEMENT', 'REPAYMENT', 'WRITE_OFF', 'RECOVERY',
                                                'TRANSFER', 'FORECLOSURE', 'RESTRUCTURE')),
    effective_date           DATE           NOT NULL,
    currency                 CHAR(3)        NOT NULL,
    -- The principal (for a recovery the cash) moved; none for a restructuring.
    amount                   NUMERIC(20, 2) CHECK (amount > 0),
    -- WRITE_OFF: the bank's write-off decision.
    approval_reference       VARCHAR(100),
    -- TRANSFER: price received and the buyer.
    price                    NUMERIC(20, 2) CHECK (price >= 0),
    counterparty             VARCHAR(200),
    -- FORECLOSURE: booked value of the asset received and what it is.
    asset_value              NUMERIC(20, 2) CHECK (asset_value >= 0),
    asset_description        VARCHAR(200),
    -- RESTRUCTURE: the changed contract's first repayment date and period; observation_end is derived by the service
    -- (2023 Measures on restructured assets), never sent by the caller.
    for_financial_difficulty BOOLEAN,
    first_repayment_date     DATE,
    repayment_period_months  INTEGER        CHECK (repayment_period_months BETWEEN 1 AND 12),
    observation_end          DATE,
    -- BOOKED counts in the balances; a WRITE_OFF is PENDING until a second person approves (BOOKED) or rejects it.
    status                   VARCHAR(16)    NOT NULL CHECK (status IN ('BOOKED', 'PENDING', 'REJECTED')),
    recorded_by              VARCHAR(256)   NOT NULL,
    recorded_at              TIMESTAMPTZ    NOT NULL DEFAULT now(),
    decided_by               VARCHAR(256),
    decision_comment         VARCHAR(1000),
    decided_at               TIMESTAMPTZ,
    -- Optimistic lock: of two concurrent checkers exactly one decides a write-off.
    version                  INTEGER        NOT NULL DEFAULT 0,
    CHECK ((kind = 'RESTRUCTURE') = (amount IS NULL)),
    CHECK (status = 'BOOKED' OR kind = 'WRITE_OFF'),
    CHECK (kind <> 'WRITE_OFF' OR approval_reference IS NOT NULL),
    CHECK (kind <> 'TRANSFER' OR price IS NOT NULL),
    CHECK (kind <> 'FORECLOSURE' OR asset_value IS NOT NULL),
    CHECK (kind <> 'RESTRUCTURE' OR for_financial_difficulty IS NOT NULL),
    CHECK (NOT coalesce(for_financial_difficulty, false)
           OR (first_repayment_date IS NOT NULL AND repayment_period_months IS NOT NULL AND observation_end IS NOT NULL))
);

-- A loan's events in date order (balances, lists, reconciliation between two dates).
CREATE INDEX loan_event_loan_idx ON loan_event (loan_id, effective_date, event_id);
-- One pending write-off per loan, as one pending override: a retried or concurrent proposal never makes a second.
CREATE UNIQUE INDEX loan_event_one_pending_write_off_idx ON loan_event (loan_id) WHERE status = 'PENDING';
-- The checker's inbox, oldest first.
CREATE INDEX override_proposal_pending_idx ON override_proposal (proposed_at, proposal_id) WHERE status = 'PENDING';
