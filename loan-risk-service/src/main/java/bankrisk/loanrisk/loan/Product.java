package bankrisk.loanrisk.loan;

/** Loan products the bank books. */
public enum Product {
    PERSONAL_CONSUMPTION,
    PERSONAL_MORTGAGE,
    PERSONAL_BUSINESS,
    CORPORATE_WORKING_CAPITAL,
    CORPORATE_FIXED_ASSET,
    TRADE_FINANCE,
    OTHER
}
