package bankrisk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Keeps every service's SQL free of the constructs that would stop it from running on Citus, the distributed engine
 * of the README's "Scale-out" plan, and that the code does not use today (issue 19). Pure text: the service's
 * migrations and platform's shared ones (comments stripped, dynamic SQL in {@code EXECUTE} strings kept), and the
 * string literals of the Java sources of the service, platform and common (comments never read). What the code does
 * use today and would have to change (keys without the distribution column, temporary tables over distributed
 * tables, the feed's global sequence, multi-shard {@code FOR UPDATE}) is listed, statement by statement, in the
 * README; this contract only stops the list from growing.
 *
 * <p>Sources: Citus "SQL Support and Workarounds" (https://docs.citusdata.com/en/stable/develop/reference_workarounds.html),
 * "Creating and Modifying Distributed Objects" (https://docs.citusdata.com/en/stable/develop/reference_ddl.html),
 * "Triggers on Distributed Tables" (https://docs.citusdata.com/en/stable/extra/triggers.html).
 */
public abstract class DistributableSqlContract {

    /** A construct Citus does not run across shards, and why. */
    record Blocker(String construct, Pattern pattern, String citusLimitation) {
        Blocker(String construct, String regex, String citusLimitation) {
            this(construct, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.MULTILINE), citusLimitation);
        }
    }

    static final List<Blocker> BLOCKERS = List.of(
            // PostgreSQL delivers a notification only to sessions of the server that sent it: a trigger firing on a
            // worker's shard would notify nobody the services listen with (they connect to the coordinator). Changes
            // travel through durable tables that are polled, as tiering's tier_change feed is.
            new Blocker("LISTEN / NOTIFY", "(^|;)\\s*(LISTEN|UNLISTEN|NOTIFY)\\s+\\w|\\bpg_notify\\s*\\(",
                    "notifications are local to one node; poll a durable table instead"),
            // Citus encodes the node in the values of sequences generated on the workers, which only fits a BIGINT.
            new Blocker("a sequence narrower than BIGINT", "\\b(SMALLSERIAL|SERIAL|SERIAL2|SERIAL4)\\b"
                    + "|\\b(SMALLINT|INTEGER|INT|INT2|INT4)\\s+GENERATED\\b"
                    + "|CREATE\\s+SEQUENCE\\s[^;]*?\\bAS\\s+(SMALLINT|INTEGER|INT|INT2|INT4)\\b",
                    "sequences used on workers must be BIGINT (reference_workarounds: Limitations, General)"),
            new Blocker("a rule", "\\bCREATE\\s+(OR\\s+REPLACE\\s+)?RULE\\b",
                    "the rule system is not supported (reference_workarounds: Limitations, General)"),
            new Blocker("a recursive CTE", "\\bWITH\\s+RECURSIVE\\b",
                    "recursive CTEs work in single-shard queries only (reference_workarounds: Cross-Node SQL Queries)"),
            new Blocker("grouping sets", "\\bGROUPING\\s+SETS\\b|\\bROLLUP\\s*\\(|\\bCUBE\\s*\\(",
                    "grouping sets work in single-shard queries only (reference_workarounds: Cross-Node SQL Queries)"),
            new Blocker("TABLESAMPLE", "\\bTABLESAMPLE\\b",
                    "TABLESAMPLE works in single-shard queries only (reference_workarounds: Cross-Node SQL Queries)"),
            new Blocker("table inheritance", "\\bINHERITS\\s*\\(",
                    "only regular, foreign or partitioned tables can be distributed (reference_workarounds)"),
            new Blocker("a multi-level partitioned table", "\\bPARTITION\\s+OF\\b[^;]*?\\bPARTITION\\s+BY\\b",
                    "distributing multi-level partitioned tables is not supported (reference_workarounds: General)"));

    /**
     * The tables that may carry triggers, each with where the plan puts it: triggers on distributed and reference
     * tables need {@code citus.enable_unsafe_triggers} (Citus 11.0) or the per-shard workaround of "Triggers on
     * Distributed Tables", so a trigger anywhere else is a new blocker. audit_event stays a plain table on the
     * coordinator; the immutability triggers of snapshot, snapshot_grade, rule_set and rule only raise (they write no
     * other table), which is the case the flag exists for.
     */
    static final Set<String> TABLES_WITH_TRIGGERS = Set.of("audit_event", "snapshot", "snapshot_grade", "rule_set", "rule");

    private static final Pattern CREATE_TRIGGER = Pattern.compile(
            "\\bCREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:CONSTRAINT\\s+)?TRIGGER\\s+\\w+\\s+(?:BEFORE|AFTER|INSTEAD\\s+OF)\\s.*?\\bON\\s+(\\w+)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Relative to the module directory, the tests' working directory. */
    private static final List<Path> MIGRATIONS = List.of(Path.of("src/main/resources/db/migration"),
            Path.of("../platform/src/main/resources/db/migration"));
    private static final List<Path> JAVA_SOURCES = List.of(Path.of("src/main/java"), Path.of("../platform/src/main/java"),
            Path.of("../common/src/main/java"));

    @Test
    void theSqlUsesNoConstructCitusCannotDistribute() {
        Map<Path, String> sql = sqlOfTheService();
        List<String> found = new ArrayList<>();
        sql.forEach((file, text) -> {
            for (Blocker blocker : BLOCKERS) {
                Matcher match = blocker.pattern().matcher(text);
                while (match.find()) {
                    found.add(file + ": " + blocker.construct() + " '" + match.group().strip() + "' — " + blocker.citusLimitation());
                }
            }
        });
        assertThat(found).as("constructs that would block the Citus plan (README, Scale-out)").isEmpty();
    }

    @Test
    void triggersStayOnTheTablesThePlanKnows() {
        List<String> found = new ArrayList<>();
        sqlOfTheService().forEach((file, text) -> {
            Matcher trigger = CREATE_TRIGGER.matcher(text);
            while (trigger.find()) {
                if (!TABLES_WITH_TRIGGERS.contains(trigger.group(1).toLowerCase())) {
                    found.add(file + ": a trigger on " + trigger.group(1));
                }
            }
        });
        assertThat(found).as("triggers on distributed or reference tables need citus.enable_unsafe_triggers; "
                + "add the table to the plan (README, Scale-out) before adding one").isEmpty();
    }

    /** Each pattern finds its construct, and the scanners read SQL, never comments: the checks above can fail. */
    @Test
    void everyCheckRecognisesItsConstruct() {
        Map<String, String> samples = Map.of(
                "LISTEN / NOTIFY", "SELECT pg_notify('tier_change', '1')",
                "a sequence narrower than BIGINT", "CREATE TABLE t (id SERIAL PRIMARY KEY)",
                "a rule", "CREATE OR REPLACE RULE r AS ON INSERT TO t DO INSTEAD NOTHING",
                "a recursive CTE", "WITH RECURSIVE up AS (SELECT 1) SELECT * FROM up",
                "grouping sets", "SELECT branch, product, sum(balance) FROM l GROUP BY ROLLUP (branch, product)",
                "TABLESAMPLE", "SELECT * FROM balance TABLESAMPLE SYSTEM (1)",
                "table inheritance", "CREATE TABLE b2 () INHERITS (balance)",
                "a multi-level partitioned table", "CREATE TABLE p PARTITION OF t FOR VALUES IN (1) PARTITION BY RANGE (d)");
        assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(BLOCKERS.stream().map(Blocker::construct).toList());
        for (Blocker blocker : BLOCKERS) {
            assertThat(blocker.pattern().matcher(samples.get(blocker.construct())).find()).as(blocker.construct()).isTrue();
        }
        assertThat(BLOCKERS.get(1).pattern().matcher("id BIGINT GENERATED ALWAYS AS IDENTITY, s BIGSERIAL").find()).isFalse();
        assertThat(BLOCKERS.get(1).pattern().matcher("id INT GENERATED ALWAYS AS IDENTITY").find()).isTrue();
        assertThat(BLOCKERS.get(0).pattern().matcher("NOTIFY tier_change").find()).isTrue();

        assertThat(sqlText("-- WITH RECURSIVE in a comment\nSELECT '--' /* TABLESAMPLE */ , 1 -- NOTIFY x\n"))
                .doesNotContainIgnoringCase("RECURSIVE").doesNotContain("TABLESAMPLE").doesNotContain("NOTIFY").contains("'--'");
        assertThat(javaStrings("// LISTEN x\n/* CREATE RULE */ String s = \"SELECT 1\" + \"\\\"q\\\"\"; char c = '\"';\n"
                + "String t = \"\"\"\n    WITH RECURSIVE r AS (SELECT 1)\n    \"\"\";"))
                .contains("SELECT 1").contains("WITH RECURSIVE").doesNotContain("LISTEN").doesNotContain("CREATE RULE");
        Matcher trigger = CREATE_TRIGGER.matcher("CREATE TRIGGER no_change BEFORE UPDATE OR DELETE ON balance FOR EACH ROW");
        assertThat(trigger.find()).isTrue();
        assertThat(trigger.group(1)).isEqualTo("balance");
    }

    /** Every migration (comments stripped) and the string literals of every Java source, by file. */
    private static Map<Path, String> sqlOfTheService() {
        Map<Path, String> sql = new TreeMap<>();
        for (Path dir : MIGRATIONS) {
            files(dir, ".sql").forEach(file -> sql.put(file, sqlText(read(file))));
        }
        long migrations = sql.size();
        for (Path dir : JAVA_SOURCES) {
            files(dir, ".java").forEach(file -> sql.put(file, javaStrings(read(file))));
        }
        assertThat(migrations).as("migrations found under " + MIGRATIONS).isPositive();
        assertThat(sql.size()).as("Java sources found under " + JAVA_SOURCES).isGreaterThan((int) migrations);
        return sql;
    }

    /** SQL without its comments; quoted strings (and dynamic SQL in them) are kept. */
    static String sqlText(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = (end < 0 ? sql.length() : end) - 1;
                continue;
            } else if (!quoted && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = (end < 0 ? sql.length() : end + 2) - 1;
                out.append(' ');
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The contents of a Java source's string literals and text blocks, one per line; comments and code skipped. */
    static String javaStrings(String java) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = java.length();
        while (i < n) {
            if (java.startsWith("//", i)) {
                int end = java.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (java.startsWith("/*", i)) {
                int end = java.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (java.startsWith("\"\"\"", i)) {
                int end = java.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end;
                out.append(java, i + 3, end).append('\n');
                i = end + 3;
            } else if (java.charAt(i) == '"') {
                int j = i + 1;
                while (j < n && java.charAt(j) != '"' && java.charAt(j) != '\n') {
                    j += java.charAt(j) == '\\' ? 2 : 1;
                }
                out.append(java, i + 1, Math.min(j, n)).append('\n');
                i = j + 1;
            } else if (java.charAt(i) == '\'') {
                int j = i + 1;
                while (j < n && java.charAt(j) != '\'' && java.charAt(j) != '\n') {
                    j += java.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(file -> file.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
