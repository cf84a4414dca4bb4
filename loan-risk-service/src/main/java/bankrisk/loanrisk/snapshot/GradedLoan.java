package bankrisk.loanrisk.snapshot;

import java.math.BigDecimal;
import java.util.List;

import bankrisk.loanrisk.grading.Category;
import bankrisk.loanrisk.loan.BorrowerKind;
import bankrisk.loanrisk.loan.CollateralKind;
import bankrisk.loanrisk.loan.Product;

/** One loan's row in a snapshot. */
public record GradedLoan(String loanId, String borrower, BorrowerKind borrowerKind, Product product, String branchCode,
        BigDecimal outstandingBalance, CollateralKind collateralKind, BigDecimal collateralValue, Category category,
        Category ruleFloor, int daysPastDue, List<String> reasonCodes) {
}
