-- Contract terms that expected credit loss needs later (issue 13 item 5), booked with the loan and kept in every
-- snapshot row as they stood when the snapshot was graded (a snapshot never changes, the loan may). Each may be
-- unknown (NULL). Categories are ranks 1..5 (NORMAL..LOSS), as everywhere else.
ALTER TABLE loan
    ADD COLUMN contractual_interest_rate NUMERIC(9, 8) CHECK (contractual_interest_rate BETWEEN 0 AND 1),
    ADD COLUMN repayment_method          VARCHAR(16)   CHECK (repayment_method IN ('BULLET', 'EQUAL_PRINCIPAL',
                                                           'EQUAL_INSTALMENT', 'REVOLVING')),
    ADD COLUMN undrawn_commitment        NUMERIC(20, 2) CHECK (undrawn_commitment >= 0),
    ADD COLUMN category_at_origination   SMALLINT      CHECK (category_at_origination BETWEEN 1 AND 5);

ALTER TABLE snapshot_grade
    ADD COLUMN contractual_interest_rate NUMERIC(9, 8),
    ADD COLUMN repayment_method          VARCHAR(16),
    ADD COLUMN undrawn_commitment        NUMERIC(20, 2),
    ADD COLUMN category_at_origination   SMALLINT;
