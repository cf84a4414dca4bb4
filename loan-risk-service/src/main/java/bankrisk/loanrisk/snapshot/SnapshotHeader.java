package bankrisk.loanrisk.snapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The header of an immutable portfolio snapshot. */
public record SnapshotHeader(UUID snapshotId, LocalDate asOf, String ruleSetVersion, long loanCount, BigDecimal totalBalance,
        String currency, String fingerprint, Instant createdAt) {
}
