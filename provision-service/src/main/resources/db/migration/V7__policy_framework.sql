-- Policies true to their name: a policy that says it follows a regulation keeps its rates inside the regulation's
-- bands, which come from here, never from the request; a bank's own policy may go beyond them and is labelled so.
CREATE TABLE policy_framework (
    code                 VARCHAR(16)    PRIMARY KEY,
    name                 VARCHAR(200)   NOT NULL,
    source               VARCHAR(500)   NOT NULL,
    -- The lowest general reserve rate the framework allows; NULL: no floor.
    general_reserve_min  NUMERIC(12, 8)
);

-- A category's band under a framework; a framework without rows here (BANK_OWN) bands nothing.
CREATE TABLE policy_framework_band (
    framework  VARCHAR(16)    NOT NULL REFERENCES policy_framework (code),
    category   VARCHAR(16)    NOT NULL CHECK (category IN ('NORMAL', 'SPECIAL_MENTION', 'SUBSTANDARD', 'DOUBTFUL', 'LOSS')),
    min_rate   NUMERIC(12, 8) NOT NULL,
    max_rate   NUMERIC(12, 8) NOT NULL,
    PRIMARY KEY (framework, category),
    CHECK (0 <= min_rate AND min_rate <= max_rate AND max_rate <= 1)
);

-- PBOC 2002 guideline (銀發〔2002〕98號; domain notes §3): general reserve at least 1 % of the loan book; Special
-- mention 2 %, Substandard 25 % and Doubtful 50 % each ±20 % of the rate (20-30 %, 40-60 %), Loss 100 %; Normal
-- loans carry no specific reserve. MOF 2012 (財金〔2012〕20號): the standard method's coefficients, floor 1.5 %.
INSERT INTO policy_framework VALUES
    ('PBOC_2002', 'PBOC 2002 loan-loss provisioning guideline', '銀發〔2002〕98號', 0.01),
    ('MOF_2012', 'MOF 2012 measures on reserves, standard method', '財金〔2012〕20號', 0.015),
    ('BANK_OWN', 'The bank''s own policy (not a regulator''s)', 'board decision', NULL);
INSERT INTO policy_framework_band VALUES
    ('PBOC_2002', 'NORMAL', 0, 0),
    ('PBOC_2002', 'SPECIAL_MENTION', 0.02, 0.02),
    ('PBOC_2002', 'SUBSTANDARD', 0.20, 0.30),
    ('PBOC_2002', 'DOUBTFUL', 0.40, 0.60),
    ('PBOC_2002', 'LOSS', 1, 1),
    ('MOF_2012', 'NORMAL', 0.015, 0.015),
    ('MOF_2012', 'SPECIAL_MENTION', 0.03, 0.03),
    ('MOF_2012', 'SUBSTANDARD', 0.30, 0.30),
    ('MOF_2012', 'DOUBTFUL', 0.60, 0.60),
    ('MOF_2012', 'LOSS', 1, 1);

-- Existing versions: the two seeded ones follow their regulation (their rates lie in the bands above); every
-- version a bank stored itself was never checked against a regulation, so it is its own.
ALTER TABLE provision_policy
    ADD COLUMN framework VARCHAR(16) NOT NULL DEFAULT 'BANK_OWN' REFERENCES policy_framework (code);
UPDATE provision_policy SET framework = 'PBOC_2002' WHERE id = 1;
UPDATE provision_policy SET framework = 'MOF_2012' WHERE id = 2;
