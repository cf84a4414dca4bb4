package bankrisk.loanrisk.snapshot;

import java.math.BigDecimal;
import java.util.List;

import bankrisk.common.money.Amounts;
import bankrisk.loanrisk.grading.Category;
import bankrisk.loanrisk.loan.BorrowerKind;
import bankrisk.loanrisk.loan.CollateralKind;
import bankrisk.loanrisk.loan.Product;

/** One loan's row in a snapshot. */
public record GradedLoan(String loanId, String borrower, BorrowerKind borrowerKind, Product product, String branchCode,
        BigDecimal outstandingBalance, CollateralKind collateralKind, BigDecimal collateralValue, Category category,
        Category ruleFloor, int daysPastDue, List<String> reasonCodes) {

    /**
     * The row's line in the snapshot fingerprint, as documented on {@code Snapshot.fingerprint} in the contract:
     * fields joined by '|', amounts with two decimals, reason codes joined by ',', ended by a newline.
     */
    public String fingerprintLine() {
        return String.join("|", loanId, borrower, borrowerKind.name(), product.name(), branchCode,
                Amounts.round(outstandingBalance).toPlainString(), collateralKind.name(), Amounts.round(collateralValue).toPlainString(),
                category.name(), Integer.toString(daysPastDue), String.join(",", reasonCodes)) + "\n";
    }
}
