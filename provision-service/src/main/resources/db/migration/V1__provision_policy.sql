-- Versioned provisioning policies. A version never changes once stored; a new rule is a new version.
CREATE TABLE provision_policy (
    id                   BIGINT        PRIMARY KEY,
    policy_code          VARCHAR(40)   NOT NULL,
    version              INTEGER       NOT NULL CHECK (version >= 1),
    name                 VARCHAR(200)  NOT NULL,
    effective_from       DATE          NOT NULL,
    general_reserve_rate NUMERIC(12, 8) NOT NULL CHECK (general_reserve_rate BETWEEN 0 AND 1),
    base                 VARCHAR(32)   NOT NULL CHECK (base IN ('OUTSTANDING_BALANCE', 'NET_OF_COLLATERAL')),
    source               VARCHAR(500)  NOT NULL DEFAULT '',
    created_at           TIMESTAMPTZ   NOT NULL DEFAULT now(),
    UNIQUE (policy_code, version)
);
CREATE SEQUENCE provision_policy_seq INCREMENT BY 50;

-- The specific-provision rate of each loan category, with the band the regulation lets it float in.
CREATE TABLE provision_policy_rate (
    policy_id BIGINT        NOT NULL REFERENCES provision_policy (id),
    category  VARCHAR(16)   NOT NULL CHECK (category IN ('NORMAL', 'SPECIAL_MENTION', 'SUBSTANDARD', 'DOUBTFUL', 'LOSS')),
    rate      NUMERIC(12, 8) NOT NULL,
    min_rate  NUMERIC(12, 8) NOT NULL,
    max_rate  NUMERIC(12, 8) NOT NULL,
    PRIMARY KEY (policy_id, category),
    CHECK (0 <= min_rate AND min_rate <= rate AND rate <= max_rate AND max_rate <= 1)
);

-- PBOC 2002 guideline on loan-loss provisions (銀行貸款損失準備計提指引, 銀發〔2002〕98號): general reserve 1 % of
-- the loan book; specific reserve Special mention 2 %, Substandard 25 %, Doubtful 50 %, Loss 100 %, the Substandard
-- and Doubtful rates floating by ±20 % of the rate (20–30 %, 40–60 %).
INSERT INTO provision_policy (id, policy_code, version, name, effective_from, general_reserve_rate, base, source)
VALUES (1, 'PBOC-2002', 1, 'PBOC 2002 loan-loss provisioning guideline', DATE '2002-04-02', 0.01, 'OUTSTANDING_BALANCE',
        'PBOC 銀行貸款損失準備計提指引 (銀發〔2002〕98號), arts. 4-6');
INSERT INTO provision_policy_rate (policy_id, category, rate, min_rate, max_rate) VALUES
    (1, 'NORMAL',          0,    0,    0),
    (1, 'SPECIAL_MENTION', 0.02, 0.02, 0.02),
    (1, 'SUBSTANDARD',     0.25, 0.20, 0.30),
    (1, 'DOUBTFUL',        0.50, 0.40, 0.60),
    (1, 'LOSS',            1,    1,    1);

-- MOF 2012 measures on reserves of financial enterprises (金融企業準備金計提管理辦法, 財金〔2012〕20號), standard
-- method for the latent risk of credit assets: Normal 1.5 %, Special mention 3 %, Substandard 30 %, Doubtful 60 %,
-- Loss 100 %; general reserve at least 1.5 % of risk assets.
INSERT INTO provision_policy (id, policy_code, version, name, effective_from, general_reserve_rate, base, source)
VALUES (2, 'MOF-2012-STANDARD', 1, 'MOF 2012 standard method (latent risk of credit assets)', DATE '2012-07-01', 0.015,
        'OUTSTANDING_BALANCE', 'MOF 金融企業準備金計提管理辦法 (財金〔2012〕20號), art. 6 and annex');
INSERT INTO provision_policy_rate (policy_id, category, rate, min_rate, max_rate) VALUES
    (2, 'NORMAL',          0.015, 0.015, 0.015),
    (2, 'SPECIAL_MENTION', 0.03,  0.03,  0.03),
    (2, 'SUBSTANDARD',     0.30,  0.30,  0.30),
    (2, 'DOUBTFUL',        0.60,  0.60,  0.60),
    (2, 'LOSS',            1,     1,     1);

SELECT setval('provision_policy_seq', 100);
