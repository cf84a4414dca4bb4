package bankrisk.provision.run;

import java.time.OffsetDateTime;
import java.util.List;

/** A completed, immutable provision run: its inputs, its fingerprint and its totals. */
public record ProvisionRun(long id, RunInputs inputs, String fingerprint, RunTotals totals, OffsetDateTime completedAt) {

    public List<CategoryTotals> categories() {
        return totals.categories();
    }
}
