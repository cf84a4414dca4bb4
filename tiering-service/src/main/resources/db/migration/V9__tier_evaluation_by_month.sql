-- tier_evaluation partitioned by month. A first evaluation of a month writes it into a table of its own, without
-- indexes or foreign key, and attaches it as the month's partition when done: PostgreSQL then builds the three
-- indexes in bulk and checks the foreign key with one join instead of maintaining them row by row (measured at
-- 200,000 customers: 4.5 s for the INSERT into the indexed table; 1.0 s for the INSERT, the index builds and the
-- check). A re-evaluation replaces the rows in place. Partitions are named tier_evaluation_yyyy_mm; every evaluated
-- month has one.
ALTER TABLE tier_evaluation RENAME TO tier_evaluation_unpartitioned;
ALTER TABLE tier_evaluation_unpartitioned RENAME CONSTRAINT tier_evaluation_pkey TO tier_evaluation_unpartitioned_pkey;
ALTER TABLE tier_evaluation_unpartitioned RENAME CONSTRAINT tier_evaluation_month_fkey TO tier_evaluation_unpartitioned_month_fkey;
ALTER INDEX tier_evaluation_by_tier RENAME TO tier_evaluation_unpartitioned_by_tier;
ALTER INDEX tier_evaluation_by_customer RENAME TO tier_evaluation_unpartitioned_by_customer;

CREATE TABLE tier_evaluation (
    LIKE tier_evaluation_unpartitioned INCLUDING DEFAULTS,
    PRIMARY KEY (month, customer_number),
    FOREIGN KEY (month) REFERENCES evaluation_run (month)
) PARTITION BY LIST (month);
CREATE INDEX tier_evaluation_by_tier ON tier_evaluation (month, tier_rank, customer_number);
CREATE INDEX tier_evaluation_by_customer ON tier_evaluation (customer_number, month);

DO $$
DECLARE
    evaluated DATE;
BEGIN
    -- Every evaluated month has its partition, also a month that had no customer to evaluate.
    FOR evaluated IN SELECT month FROM evaluation_run ORDER BY 1 LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF tier_evaluation FOR VALUES IN (%L)',
                       'tier_evaluation_' || to_char(evaluated, 'YYYY_MM'), evaluated);
    END LOOP;
END
$$;
INSERT INTO tier_evaluation SELECT * FROM tier_evaluation_unpartitioned;
DROP TABLE tier_evaluation_unpartitioned;
