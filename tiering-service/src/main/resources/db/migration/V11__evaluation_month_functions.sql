-- A first evaluation of a month writes it into a table of its own and attaches that table as the month's partition
-- (V9). Creating, dropping, renaming and attaching tables takes the owner of tier_evaluation, and the service's login
-- owns nothing (R__service_login_privileges.sql). These two functions run with their owner's rights (SECURITY
-- DEFINER) and do exactly those steps for one month and nothing else; the service may only call them.
CREATE FUNCTION tier_evaluation_month_table(month DATE) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    next_table text := format('tier_evaluation_%s_next', to_char(month, 'YYYY_MM'));
BEGIN
    IF month <> date_trunc('month', month)::date THEN
        RAISE EXCEPTION 'not the first day of a month: %', month USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Without indexes or foreign key (built and checked in bulk at the attach); its CHECK spares the attach a scan.
    EXECUTE format('CREATE TABLE %I (LIKE tier_evaluation INCLUDING DEFAULTS, CONSTRAINT month_of_partition CHECK (month = %L))',
                   next_table, month);
    RETURN next_table;
END
$$;

CREATE FUNCTION attach_tier_evaluation_month(month DATE) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    partition text := format('tier_evaluation_%s', to_char(month, 'YYYY_MM'));
    stored    boolean;
BEGIN
    IF month <> date_trunc('month', month)::date THEN
        RAISE EXCEPTION 'not the first day of a month: %', month USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- A partition already there can only be an empty one (rows need their run's row); never drop results.
    IF to_regclass(partition) IS NOT NULL THEN
        EXECUTE format('SELECT EXISTS (SELECT FROM %I)', partition) INTO stored;
        IF stored THEN
            RAISE EXCEPTION '% already holds results', partition USING ERRCODE = 'object_in_use';
        END IF;
        EXECUTE format('DROP TABLE %I', partition);
    END IF;
    EXECUTE format('ALTER TABLE %I RENAME TO %I', partition || '_next', partition);
    EXECUTE format('ALTER TABLE tier_evaluation ATTACH PARTITION %I FOR VALUES IN (%L)', partition, month);
END
$$;

REVOKE EXECUTE ON FUNCTION tier_evaluation_month_table(DATE), attach_tier_evaluation_month(DATE) FROM PUBLIC;
