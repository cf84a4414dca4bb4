package bankrisk.loanrisk.reconciliation;

import java.math.BigDecimal;

import bankrisk.loanrisk.grading.Category;
import bankrisk.loanrisk.loan.BorrowerKind;
import bankrisk.loanrisk.loan.Product;
import bankrisk.loanrisk.snapshot.PeriodFlows;

/**
 * One loan between two snapshots: its category and balance at each end (null category and 0 balance at an end where
 * it was not on the book), its booked events of the period and what they leave unexplained. Balances "original" are
 * in the loan's own currency, the others in the reporting currency; flows in the loan's own currency.
 *
 * @param writtenOff whether its booked write-offs up to the later date, less its recoveries, leave a written-off claim
 * @param unexplained closing − (opening + the flows' balance changes), own currency: 0 when facts and events agree
 * @param rate the later end's rate (reporting units per unit of the loan's currency) the flows convert at: the later
 *     snapshot's for a loan in it, else the rate of that date; null when that date has none for the currency
 */
public record LoanFlow(String loanId, String borrower, BorrowerKind borrowerKind, Product product, String branchCode,
        String currency, Category fromCategory, Category toCategory, BigDecimal openingOriginal, BigDecimal opening,
        BigDecimal closingOriginal, BigDecimal closing, PeriodFlows flows, boolean writtenOff, BigDecimal unexplained,
        BigDecimal rate) {
}
