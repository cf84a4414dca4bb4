-- A service's database and its two logins. Run by an administrator (a superuser, or your cloud's admin role)
-- connected to the service's database, when it is created and again after an upgrade that moves to two logins; it
-- can run any number of times. Parameters are settings of the session:
--   bankrisk.owner             the schema owner: migrations log in as it (DB_MIGRATION_USER), nothing else does
--   bankrisk.owner_password    its password (empty: keep the one it has)
--   bankrisk.service           the service's own login (DB_USER)
--   bankrisk.service_password  its password (empty: keep the one it has)
-- e.g. PGOPTIONS='-c bankrisk.owner=tiering_owner -c bankrisk.service=tiering_app' psql -d tiering -f service-database.sql
-- (scripts/create-databases.sh does this for local runs and tests, deploy/postgres/init-databases.sql for
-- docker-compose). What the service's login may do inside the schema, the migrations grant
-- (R__service_login_privileges.sql): read and write its data, read and append to audit_event, nothing else.
DO $$
DECLARE
    owner_login      name := current_setting('bankrisk.owner');
    service_login    name := current_setting('bankrisk.service');
    owner_password   text := coalesce(current_setting('bankrisk.owner_password', true), '');
    service_password text := coalesce(current_setting('bankrisk.service_password', true), '');
    login            name;
    owner_id         oid;
    object           record;
BEGIN
    IF owner_login = service_login THEN
        RAISE EXCEPTION 'the service needs a login of its own, not the schema owner''s (%)', owner_login;
    END IF;
    FOREACH login IN ARRAY ARRAY[owner_login, service_login] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = login) THEN
            EXECUTE format('CREATE ROLE %I LOGIN', login);
        END IF;
        -- Neither login may do more than its job: no superuser, no creating roles or databases, no bypassing rules.
        EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', login);
    END LOOP;
    IF owner_password <> '' THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', owner_login, owner_password);
    END IF;
    IF service_password <> '' THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', service_login, service_password);
    END IF;
    IF pg_has_role(service_login, owner_login, 'MEMBER') THEN
        RAISE EXCEPTION 'the service login % must not be a member of the owner %', service_login, owner_login;
    END IF;

    -- The owner login owns the database and its schema; only the service's login (and the owner) may connect, and
    -- nobody else may create anything in the schema.
    EXECUTE format('ALTER DATABASE %I OWNER TO %I', current_database(), owner_login);
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), service_login);
    EXECUTE format('ALTER SCHEMA public OWNER TO %I', owner_login);
    REVOKE ALL ON SCHEMA public FROM PUBLIC;
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', service_login);

    -- A database from before the two logins: what it holds passes to the owner (sequences of columns and the row
    -- types of tables follow their tables).
    SELECT oid INTO owner_id FROM pg_roles WHERE rolname = owner_login;
    FOR object IN
        SELECT c.oid::regclass AS name, CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                   WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind
        FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relowner <> owner_id
          AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
          AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                                AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I', object.kind, object.name, owner_login);
    END LOOP;
    FOR object IN
        SELECT p.oid::regprocedure AS name, CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END AS kind
        FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> owner_id
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I', object.kind, object.name, owner_login);
    END LOOP;
END
$$;
