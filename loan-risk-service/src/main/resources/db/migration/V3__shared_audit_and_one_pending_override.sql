-- The audit trail takes the shape every service shares (bankrisk.platform.audit.AuditLog): who (the verified
-- token's name, up to 256 characters), what (action, subject) and why (reason). Existing events keep their meaning:
-- kind becomes action, loan_id becomes subject "loan/<id>" (empty for portfolio-wide events).
ALTER TABLE audit_event RENAME COLUMN kind TO action;
ALTER TABLE audit_event ALTER COLUMN action TYPE VARCHAR(64);
ALTER TABLE audit_event ALTER COLUMN actor TYPE VARCHAR(256);
ALTER TABLE audit_event ADD COLUMN subject VARCHAR(200) NOT NULL DEFAULT '';
ALTER TABLE audit_event ADD COLUMN reason VARCHAR(1000) NOT NULL DEFAULT '';

-- Carrying the loan id over is the one UPDATE this table ever gets: the row trigger is off only inside this
-- migration's transaction.
ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only;
UPDATE audit_event SET subject = 'loan/' || loan_id WHERE loan_id IS NOT NULL;
ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only;

DROP INDEX audit_event_loan_idx;
ALTER TABLE audit_event DROP COLUMN loan_id;
CREATE INDEX audit_event_subject_idx ON audit_event (subject, event_id);

-- Besides the triggers (which also bind the table's owner): nobody is granted changes by default.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;

-- Proposers and deciders are token names now, as long as the audit's actor.
ALTER TABLE override_proposal ALTER COLUMN proposed_by TYPE VARCHAR(256);
ALTER TABLE override_proposal ALTER COLUMN decided_by TYPE VARCHAR(256);

-- One pending proposal per loan: a retried or concurrent ProposeOverride cannot create a second one.
CREATE UNIQUE INDEX override_proposal_one_pending_idx ON override_proposal (loan_id) WHERE status = 'PENDING';
