package bankrisk.provision.run;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import bankrisk.provision.policy.PolicyPurpose;
import bankrisk.provision.ratio.RatioThresholds;
import bankrisk.provision.reserve.GeneralRiskReserve;

/**
 * A completed provision run: its inputs, its fingerprint and its totals, which never change, and where it is in the
 * month-end close (read with it). {@code thresholds} are the ones it was judged against when computed.
 */
public record ProvisionRun(long id, RunInputs inputs, String fingerprint, RunTotals totals, OffsetDateTime completedAt,
        RunLifecycle lifecycle, PolicyPurpose purpose, long deductedRunId, BigDecimal deductedAllowance, RatioThresholds thresholds) {

    public boolean isGeneralRiskReserve() {
        return purpose == PolicyPurpose.GENERAL_RISK_RESERVE;
    }

    /**
     * A MOF reserve run's figures: its category coefficients give the latent risk (stored as the specific provisions),
     * its general reserve is the floor on risk assets, less the allowance it deducts. Empty for an impairment run.
     */
    public Optional<GeneralRiskReserve> generalRiskReserve() {
        return isGeneralRiskReserve()
                ? Optional.of(new GeneralRiskReserve(totals.specificProvision(), deductedAllowance, totals.generalReserve()))
                : Optional.empty();
    }

    public List<CategoryTotals> categories() {
        return totals.categories();
    }
}
