-- Where cash recovered on a written-off loan is booked, a field of the policy and so versioned with it (a stored
-- version never changes). Domain notes §5 (MOF 呆賬核銷管理辦法 practice): "a recovery: Dr cash / Cr loan-loss
-- allowance (or profit, by the bank's policy)" — the allowance is the default; PROFIT credits the impairment loss.
ALTER TABLE provision_policy
    ADD COLUMN recovery_booking VARCHAR(16) NOT NULL DEFAULT 'ALLOWANCE' CHECK (recovery_booking IN ('ALLOWANCE', 'PROFIT'));
