package bankrisk.provision.run;

import java.math.BigDecimal;

import bankrisk.provision.policy.LoanCategory;

/**
 * One loan of a loan-risk snapshot with the facts provisioning needs. Amounts are in the reporting currency, at
 * the fen.
 */
public record GradedLoan(String loanId, String customerNumber, String borrowerKind, String product, String branchCode,
        BigDecimal balance, CollateralKind collateralKind, BigDecimal collateralValue, LoanCategory category,
        int daysPastDue) {
}
