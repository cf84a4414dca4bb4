-- Rule sets are versioned data: a change of regulation is a new rule set (a migration), never an edit of one that
-- graded loans. Enforced here: a rule set or rule is never updated or deleted, so a rule set grows only by inserted
-- rules and its id with its number of rules names its content. GetLoanGrade keeps rule sets in memory on that key.
CREATE TRIGGER rule_set_immutable BEFORE UPDATE OR DELETE ON rule_set
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER rule_set_no_truncate BEFORE TRUNCATE ON rule_set
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER rule_immutable BEFORE UPDATE OR DELETE ON rule
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER rule_no_truncate BEFORE TRUNCATE ON rule
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
