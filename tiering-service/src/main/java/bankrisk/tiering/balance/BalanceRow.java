package bankrisk.tiering.balance;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One account's end-of-day balance on one business date, in the account's currency. */
public record BalanceRow(String customerNumber, String accountId, AssetType assetType, LocalDate date, String currency,
        BigDecimal balance) {
}
