package bankrisk.cli.csv;

import java.util.Set;

import bank.tiering.v1.AssetType;
import bank.tiering.v1.Balance;

/**
 * Daily end-of-day balances for tiering-service: {@code customer_number,account_id,asset_type,balance_date,amount,currency}.
 * asset_type is DEPOSIT, WEALTH_MANAGEMENT, FUND, INSURANCE, PRECIOUS_METAL or OTHER.
 */
public final class BalanceCsv {

    public static final Set<String> COLUMNS = Set.of("customer_number", "account_id", "asset_type", "balance_date", "amount",
            "currency");
    public static final String HEADER = "customer_number,account_id,asset_type,balance_date,amount,currency";

    private BalanceCsv() {
    }

    public static Balance parse(CsvReader.Row row) {
        String currency = Fields.currency(row, "currency", null);
        return Balance.newBuilder()
                .setCustomerNumber(row.required("customer_number"))
                .setAccountId(row.required("account_id"))
                .setAssetType(Fields.enumValue(row, "asset_type", AssetType.class, "ASSET_TYPE_"))
                .setBalanceDate(Fields.date(row, "balance_date"))
                .setBalance(Fields.amount(row, "amount", currency))
                .build();
    }

    /** The CSV line of a balance (what the demo writes and this class reads back). */
    public static String format(Balance b) {
        return String.join(",", b.getCustomerNumber(), b.getAccountId(), b.getAssetType().name().substring("ASSET_TYPE_".length()),
                iso(b.getBalanceDate()), b.getBalance().getAmount(), b.getBalance().getCurrencyCode());
    }

    static String iso(bank.common.v1.Date d) {
        return String.format("%04d-%02d-%02d", d.getYear(), d.getMonth(), d.getDay());
    }
}
