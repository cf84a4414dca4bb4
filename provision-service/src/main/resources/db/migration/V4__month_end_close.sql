-- Month-end close: a run's approval lifecycle (maker-checker), the postings that book its journal exactly once, and
-- the accounting periods that accept no more postings. Who did each step, when and why is in audit_event too (written
-- in the same transaction); the columns here are what the state machine and the readers need.

-- DRAFT (computed) -> SUBMITTED (finance) -> APPROVED | REJECTED (finance-approver, another person) -> POSTED
-- (finance) -> REVERSAL_REQUESTED (finance) -> REVERSED (finance-approver, another person, posts the reversal).
-- A rejected reversal request goes back to POSTED.
ALTER TABLE provision_run
    ADD COLUMN approval_status        VARCHAR(20)  NOT NULL DEFAULT 'DRAFT'
        CHECK (approval_status IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'POSTED', 'REVERSAL_REQUESTED', 'REVERSED')),
    ADD COLUMN submitted_by           VARCHAR(256),
    ADD COLUMN submitted_at           TIMESTAMPTZ,
    ADD COLUMN decided_by             VARCHAR(256),
    ADD COLUMN decided_at             TIMESTAMPTZ,
    ADD COLUMN reversal_requested_by  VARCHAR(256),
    ADD COLUMN reversal_requested_at  TIMESTAMPTZ,
    ADD CHECK (approval_status = 'DRAFT' OR (submitted_by IS NOT NULL AND submitted_at IS NOT NULL)),
    ADD CHECK (approval_status IN ('DRAFT', 'SUBMITTED') OR (decided_by IS NOT NULL AND decided_at IS NOT NULL));

-- The posted run of a book (policy code + reporting currency) that a new posting's journal is the delta against.
CREATE INDEX provision_run_posted ON provision_run (policy_code, currency_code, as_of) WHERE approval_status = 'POSTED';

-- One posting books a run's journal (kind POSTING) or undoes one (kind REVERSAL). A run is posted at most once and
-- reversed at most once, enforced here as well as by the row lock the service takes.
CREATE SEQUENCE provision_posting_seq;

CREATE TABLE provision_posting (
    id                BIGINT       PRIMARY KEY DEFAULT nextval('provision_posting_seq'),
    kind              VARCHAR(10)  NOT NULL CHECK (kind IN ('POSTING', 'REVERSAL')),
    run_id            BIGINT       NOT NULL REFERENCES provision_run (id),
    -- The posted run the journal is the delta against (POSTING), null when the book had none.
    previous_run_id   BIGINT       REFERENCES provision_run (id),
    -- The posting a REVERSAL undoes.
    reverses_id       BIGINT       REFERENCES provision_posting (id),
    posting_date      DATE         NOT NULL,
    period            CHAR(7)      NOT NULL,
    currency_code     CHAR(3)      NOT NULL,
    posted_by         VARCHAR(256) NOT NULL,
    posted_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    total_debit       NUMERIC(20, 2) NOT NULL,
    total_credit      NUMERIC(20, 2) NOT NULL,
    UNIQUE (run_id, kind),
    CHECK (total_debit = total_credit),
    CHECK ((kind = 'REVERSAL') = (reverses_id IS NOT NULL))
);

-- The journal lines a posting booked, frozen at posting time: the GL interface file is read from here.
CREATE TABLE provision_posting_line (
    posting_id    BIGINT        NOT NULL REFERENCES provision_posting (id),
    line_no       INTEGER       NOT NULL,
    entry_id      VARCHAR(80)   NOT NULL,
    entry_kind    VARCHAR(24)   NOT NULL,
    branch_code   VARCHAR(32)   NOT NULL,
    account_code  VARCHAR(40)   NOT NULL,
    account_name  VARCHAR(200)  NOT NULL,
    debit         NUMERIC(20, 2) NOT NULL CHECK (debit >= 0),
    credit        NUMERIC(20, 2) NOT NULL CHECK (credit >= 0),
    description   VARCHAR(500)  NOT NULL,
    PRIMARY KEY (posting_id, line_no),
    CHECK ((debit = 0) <> (credit = 0))
);

-- An accounting period (YYYY-MM) once closed accepts no posting dated in it.
CREATE TABLE closed_period (
    period     CHAR(7)      PRIMARY KEY CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    closed_by  VARCHAR(256) NOT NULL,
    closed_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
