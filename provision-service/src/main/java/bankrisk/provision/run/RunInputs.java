package bankrisk.provision.run;

import java.math.BigDecimal;
import java.time.LocalDate;

import bankrisk.provision.policy.ProvisionBase;

/**
 * Everything a run was computed from, so that a reader can reproduce it: printed on every report.
 */
public record RunInputs(LocalDate asOf, String policyCode, int policyVersion, ProvisionBase base, BigDecimal generalReserveRate,
        String eligibleCollateral, String eclParameters, String currencyCode, String snapshotId, String snapshotFingerprint,
        String snapshotRuleSet) {
}
