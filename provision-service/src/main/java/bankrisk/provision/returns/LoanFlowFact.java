package bankrisk.provision.returns;

import java.math.BigDecimal;

import bankrisk.provision.policy.LoanCategory;

/**
 * One loan between the year start and the period end, as loan-risk's StreamSnapshotFlows reports it. Categories are
 * null when the loan was not in that snapshot. Balances and flows are in the reporting currency (flows at the period
 * end's rate); {@code unexplainedDifference} is in the loan's own currency. {@code recovered} is cash recovered on a
 * written-off claim; {@code transferPrice} and {@code foreclosedAssetValue} what a transfer or foreclosure brought in
 * for the principal derecognised (the allowance movement reads them, domain notes §5).
 */
public record LoanFlowFact(String loanId, String customerNumber, String currencyCode, LoanCategory fromCategory, LoanCategory toCategory,
        BigDecimal openingBalance, BigDecimal closingBalance, BigDecimal disbursed, BigDecimal repaid, BigDecimal writtenOff,
        BigDecimal transferred, BigDecimal foreclosed, BigDecimal unexplainedDifference, String branchCode, BigDecimal recovered,
        BigDecimal transferPrice, BigDecimal foreclosedAssetValue) {

    public BigDecimal decrease() {
        return repaid.add(writtenOff).add(transferred).add(foreclosed);
    }
}
