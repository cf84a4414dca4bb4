package bankrisk.provision.run;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A completed provision run: its inputs, its fingerprint and its totals, which never change, and where it is in the
 * month-end close (read with it).
 */
public record ProvisionRun(long id, RunInputs inputs, String fingerprint, RunTotals totals, OffsetDateTime completedAt,
        RunLifecycle lifecycle) {

    public List<CategoryTotals> categories() {
        return totals.categories();
    }
}
