package bankrisk.provision.run;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What loan-risk says about a snapshot before its rows are streamed; the rows are checked against it. */
public record SnapshotHeader(String snapshotId, LocalDate asOf, long loanCount, BigDecimal totalBalance, String currencyCode,
        String ruleSetVersion, String fingerprint) {
}
