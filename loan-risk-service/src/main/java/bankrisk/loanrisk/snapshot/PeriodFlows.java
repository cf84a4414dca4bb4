package bankrisk.loanrisk.snapshot;

import java.math.BigDecimal;

/**
 * A loan's booked events in a period (after the previous snapshot's date, up to this one's), summed by kind, in the
 * loan's own currency; every amount present (0 when none). What provisioning builds its movement and journal from.
 */
public record PeriodFlows(BigDecimal disbursed, BigDecimal repaid, BigDecimal writtenOff, BigDecimal recovered,
        BigDecimal transferred, BigDecimal transferPrice, BigDecimal foreclosed, BigDecimal foreclosedAssetValue) {
}
