package bankrisk.provision.run;

import java.math.BigDecimal;

import bankrisk.provision.ecl.EclResult;

/**
 * The provision of one loan in a run: the base the category rate applied to, the rate, the specific provision
 * (rounded once, to the fen) and the IFRS 9 expected credit loss beside it.
 */
public record ProvisionLine(GradedLoan loan, BigDecimal base, BigDecimal rate, BigDecimal provision, EclResult ecl) {

    /** The collateral the base deducted: balance − base, exact (both at the fen); 0 when the base is the balance. */
    public BigDecimal collateralNetted() {
        return loan.balance().subtract(base);
    }

    /**
     * The line as it enters the run fingerprint: every number that a reader of the run could check, in a fixed
     * notation, so that equal lines always hash alike.
     */
    public String canonical() {
        return String.join("|", loan.loanId(), loan.category().name(), loan.balance().toPlainString(),
                loan.collateralKind().name(), loan.collateralValue().toPlainString(), base.toPlainString(),
                rate.toPlainString(), provision.toPlainString(), Integer.toString(ecl.stage()), ecl.ecl().toPlainString());
    }
}
