-- What the service's own login may do in its database (every service runs this; re-applied by Flyway whenever this
-- file or the login's name changes). Migrations run as the schema's owner, a login of their own
-- (quarkus.flyway.username); the service connects as ${service_login} (quarkus.datasource.username), which owns
-- nothing, so it can neither drop nor alter a table, nor disable or drop the triggers that keep audit_event
-- append-only. It reads and writes the data it keeps; the audit trail it may only read and append to.
DO $$
DECLARE
    service_login name := '${service_login}';
BEGIN
    IF service_login = '' OR service_login = current_user THEN
        -- One login for everything (dev mode on a throwaway database): nothing to separate.
        RAISE NOTICE 'the service connects as the schema owner (%): no privileges to grant', current_user;
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', service_login);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', service_login);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', service_login);
    EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO %I', service_login);
    -- Tables, sequences and functions of later migrations (created by this owner) come with the same privileges, so a
    -- new table works without touching this file; a new append-only table revokes what it must not allow, as below.
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', service_login);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %I', service_login);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO %I', service_login);

    -- Flyway's own history: read only.
    EXECUTE format('REVOKE ALL ON flyway_schema_history FROM %I', service_login);
    EXECUTE format('GRANT SELECT ON flyway_schema_history TO %I', service_login);

    -- The audit trail: read, and append who, what and why; its number and time are the database's (event_id from
    -- its sequence, occurred_at the database clock), so an entry can be neither back-dated nor slipped in between.
    EXECUTE format('REVOKE ALL ON audit_event FROM %I', service_login);
    EXECUTE format('GRANT SELECT ON audit_event TO %I', service_login);
    EXECUTE format('GRANT INSERT (actor, action, subject, reason, details) ON audit_event TO %I', service_login);
END
$$;
