-- The one definition of what keeps every service's audit trail append-only (issue 18, item 6). Each service created
-- audit_event in a migration of its own (tiering V5, loan-risk V2/V3, provision V3) and they drifted: three trigger
-- functions, two messages, three index names. Those migrations are history a bank's database has already applied, so
-- they stay; this file, which every service runs (it ships in platform, like R__service_login_privileges.sql, and
-- Flyway re-applies it when it changes), replaces what drifted with one function, two triggers and one index, in one
-- transaction, so the trail is never unguarded. AuditTrailAccessContract (test-support) proves in each service's tests
-- that the table, its index, triggers and function are exactly this shape.
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- The earlier names (tiering: audit_event_no_update_or_delete / audit_event_is_append_only(); loan-risk and
-- provision: audit_event_append_only on refuse_change() / audit_event_refuse_change()).
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event;
DROP TRIGGER IF EXISTS audit_event_no_update_or_delete ON audit_event;
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event;
DROP FUNCTION IF EXISTS audit_event_is_append_only();
DROP FUNCTION IF EXISTS audit_event_refuse_change();

CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- Reading a subject's trail (ListAuditEvents by subject, oldest first).
DROP INDEX IF EXISTS audit_event_by_subject;
DROP INDEX IF EXISTS audit_event_subject;
CREATE INDEX IF NOT EXISTS audit_event_subject_idx ON audit_event (subject, event_id);

-- Besides the triggers (which also bind the table's owner): nobody is granted changes by default.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;
