package bankrisk.provision.ecl;

import java.math.BigDecimal;

/** IFRS 9 ECL beside the regulatory allowance: Chinese banks hold the larger of the two, so both are shown. */
public record EclComparison(BigDecimal ecl, BigDecimal regulatory, Larger larger) {

    public enum Larger {
        ECL,
        REGULATORY,
        EQUAL
    }

    public static EclComparison of(BigDecimal ecl, BigDecimal regulatory) {
        return new EclComparison(ecl, regulatory, larger(ecl, regulatory));
    }

    public static Larger larger(BigDecimal ecl, BigDecimal regulatory) {
        int order = ecl.compareTo(regulatory);
        return order > 0 ? Larger.ECL : order < 0 ? Larger.REGULATORY : Larger.EQUAL;
    }
}
