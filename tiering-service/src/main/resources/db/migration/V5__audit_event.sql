-- Who changed what, when and why: one row per change, written in the change's own transaction
-- (bankrisk.platform.audit.AuditLog). Append-only: the triggers below refuse UPDATE, DELETE and TRUNCATE for every
-- role (the application's included), and PUBLIC loses those privileges too.
CREATE TABLE audit_event (
    event_id    BIGSERIAL     PRIMARY KEY,
    occurred_at TIMESTAMPTZ   NOT NULL DEFAULT clock_timestamp(),
    actor       VARCHAR(256)  NOT NULL,
    action      VARCHAR(64)   NOT NULL,
    subject     VARCHAR(200)  NOT NULL DEFAULT '',
    reason      VARCHAR(1000) NOT NULL DEFAULT '',
    details     JSONB         NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_by_subject ON audit_event (subject, event_id);

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;
