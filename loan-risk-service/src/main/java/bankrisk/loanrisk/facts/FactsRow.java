package bankrisk.loanrisk.facts;

import java.math.BigDecimal;

import bankrisk.loanrisk.grading.LoanFacts;
import bankrisk.loanrisk.loan.Loan;

/**
 * One row of a facts load: the dated facts of a loan, its collateral value on that date, the currency of both (the
 * loan's) and, optionally, its book data. In {@code facts} the borrower fields are unused (the book holds them).
 */
public record FactsRow(Loan loan, LoanFacts facts, BigDecimal collateralValue, String currency) {
}
