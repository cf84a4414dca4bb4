package bankrisk.provision.tier;

import java.time.YearMonth;
import java.util.function.Consumer;

/** Customer tiers of a month, read from tiering-service over gRPC. */
public interface TierSource {

    /**
     * Passes every tier assignment of the month to {@code sink}. Returns false when tiering-service has not
     * evaluated the month (nothing was passed); throws {@link bankrisk.provision.run.UpstreamUnavailableException}
     * when tiering-service cannot be reached.
     */
    boolean forEachAssignment(YearMonth month, Consumer<TierAssignment> sink);
}
