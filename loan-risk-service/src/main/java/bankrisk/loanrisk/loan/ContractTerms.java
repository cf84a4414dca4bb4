package bankrisk.loanrisk.loan;

import java.math.BigDecimal;

/**
 * A loan's contract terms for expected credit loss, each null when unknown: the annual effective contractual interest
 * rate (a fraction, 8 decimals), the repayment method, the undrawn commitment in the loan's currency and the category
 * at origination (rank 1..5, NORMAL..LOSS).
 */
public record ContractTerms(BigDecimal contractualInterestRate, RepaymentMethod repaymentMethod, BigDecimal undrawnCommitment,
        Integer categoryAtOrigination) {
}
