package bankrisk.platform.load;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The temporary table a load stages its rows in: its name and its columns ({@code "account_id VARCHAR(64)"}), in the
 * order the target writes them to the COPY. It lives in the load's transaction only ({@code ON COMMIT DROP}): a load
 * that commits, fails, is cancelled or whose process dies leaves nothing behind, and its rows cost no WAL.
 */
public record Staging(String table, List<String> columns) {

    public Staging(String table, String... columns) {
        this(table, List.of(columns));
    }

    String create() {
        return "CREATE TEMPORARY TABLE " + table + " (" + String.join(", ", columns) + ") ON COMMIT DROP";
    }

    /** The column names, for the COPY. */
    String names() {
        return columns.stream().map(column -> column.strip().split("\\s+")[0]).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return table + Arrays.toString(columns.toArray());
    }
}
