package bankrisk.loanrisk.loan;

/** Retail or non-retail borrower; the 2023 Measures classify non-retail debtors as a whole. */
public enum BorrowerKind {
    RETAIL,
    NON_RETAIL
}
