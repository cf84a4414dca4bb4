-- The append-only audit log (shape shared by every service; written by platform's AuditLog in the transaction of the
-- change it records): who (the verified caller), when (the database clock), what (action, subject, details) and why
-- (the caller's x-change-reason). PostgreSQL itself refuses to change or remove an entry.
CREATE TABLE audit_event (
    event_id    BIGSERIAL     PRIMARY KEY,
    occurred_at TIMESTAMPTZ   NOT NULL DEFAULT clock_timestamp(),
    actor       VARCHAR(256)  NOT NULL,
    action      VARCHAR(64)   NOT NULL,
    subject     VARCHAR(200)  NOT NULL DEFAULT '',
    reason      VARCHAR(1000) NOT NULL DEFAULT '',
    details     JSONB         NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_subject ON audit_event (subject, event_id);

CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();

-- Belt and braces: no role gets these privileges by default (the owner's triggers above still stop the owner).
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;
