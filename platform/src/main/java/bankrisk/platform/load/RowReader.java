package bankrisk.platform.load;

import bankrisk.common.error.RowPath;
import bankrisk.common.error.Violations;

/**
 * Reads one row of a request into its domain form: every bad field goes into {@code violations} under the row's path
 * ({@code path.field("as_of")}); the row returned is ignored when there is any.
 */
@FunctionalInterface
public interface RowReader<R> {

    R read(RowPath path, Violations violations);
}
