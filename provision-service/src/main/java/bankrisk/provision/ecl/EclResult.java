package bankrisk.provision.ecl;

import java.math.BigDecimal;

/** A loan's IFRS 9 stage, the PD and LGD used, and its expected credit loss (rounded to the fen). */
public record EclResult(int stage, BigDecimal pd, BigDecimal lgd, BigDecimal ecl) {
}
