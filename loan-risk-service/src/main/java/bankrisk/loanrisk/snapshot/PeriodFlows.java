package bankrisk.loanrisk.snapshot;

import java.math.BigDecimal;

import bankrisk.loanrisk.fx.Conversion;

/**
 * A loan's booked events in a period (after the previous snapshot's date, up to this one's), summed by kind, in the
 * loan's own currency; every amount present (0 when none). What provisioning builds its movement and journal from.
 */
public record PeriodFlows(BigDecimal disbursed, BigDecimal repaid, BigDecimal writtenOff, BigDecimal recovered,
        BigDecimal transferred, BigDecimal transferPrice, BigDecimal foreclosed, BigDecimal foreclosedAssetValue) {

    /** The same flows in the reporting currency, each converted at {@code rate} and rounded once (see Conversion). */
    public PeriodFlows toReporting(BigDecimal rate) {
        return new PeriodFlows(Conversion.toReporting(disbursed, rate), Conversion.toReporting(repaid, rate),
                Conversion.toReporting(writtenOff, rate), Conversion.toReporting(recovered, rate),
                Conversion.toReporting(transferred, rate), Conversion.toReporting(transferPrice, rate),
                Conversion.toReporting(foreclosed, rate), Conversion.toReporting(foreclosedAssetValue, rate));
    }
}
