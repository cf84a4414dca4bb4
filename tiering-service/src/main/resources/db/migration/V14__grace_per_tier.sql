-- Downgrade grace per tier (e.g. 3 months for the mass tiers, 6 for private banking): a tier's own number of months
-- a customer below it keeps it; NULL keeps the scheme's single downgrade_grace_months, so every scheme stored before
-- means what it meant.
ALTER TABLE tier_scheme_tier ADD COLUMN downgrade_grace_months INT
    CHECK (downgrade_grace_months BETWEEN 0 AND 24);
