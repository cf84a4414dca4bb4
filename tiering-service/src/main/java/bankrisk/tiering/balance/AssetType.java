package bankrisk.tiering.balance;

/** Kinds of financial assets that count towards a customer's monthly average (a scheme may weight them). */
public enum AssetType {
    DEPOSIT,
    WEALTH_MANAGEMENT,
    FUND,
    INSURANCE,
    PRECIOUS_METAL,
    OTHER
}
