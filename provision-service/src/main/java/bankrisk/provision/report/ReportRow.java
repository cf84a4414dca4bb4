package bankrisk.provision.report;

import java.math.BigDecimal;

import bankrisk.provision.ecl.EclComparison;

/** One group of a breakdown. */
public record ReportRow(String key, String label, long loanCount, BigDecimal balance, BigDecimal nplBalance, BigDecimal provision,
        BigDecimal ecl) {

    public EclComparison.Larger larger() {
        return EclComparison.larger(ecl, provision);
    }
}
