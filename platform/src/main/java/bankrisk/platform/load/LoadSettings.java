package bankrisk.platform.load;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The limits every bulk load of a service runs under (keys under {@code bankrisk.load.}; see the README). */
@ConfigMapping(prefix = "bankrisk.load")
public interface LoadSettings {

    /**
     * Streamed loads running at once; one more is RESOURCE_EXHAUSTED. Each holds one connection of the bulk pool
     * ({@code quarkus.datasource.bulk}), which is sized by this number, so loads never take the connections of the
     * other calls.
     */
    @WithDefault("4")
    int maxConcurrent();

    /** A load stream that sends no message for this long while the service waits for one is DEADLINE_EXCEEDED. */
    @WithDefault("30S")
    Duration idleTimeout();

    /** How often a merge that met a deadlock or a serialisation failure is tried in all before the load is ABORTED. */
    @WithDefault("3")
    int mergeAttempts();

    /** The longest one statement of a merge may run (PostgreSQL's statement_timeout in the merge). */
    @WithDefault("30M")
    Duration mergeTimeout();

    /** PostgreSQL's work_mem in a load's transaction: the merge sorts the staged rows into key order. */
    @WithDefault("64MB")
    String workMem();
}
