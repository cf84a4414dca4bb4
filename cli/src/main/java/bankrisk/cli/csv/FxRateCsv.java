package bankrisk.cli.csv;

import java.math.BigDecimal;
import java.util.Set;

import bank.tiering.v1.FxRate;

/** Daily FX rates for tiering-service: {@code currency,base_currency,rate_date,rate} (units of base per 1 unit). */
public final class FxRateCsv {

    public static final Set<String> COLUMNS = Set.of("currency", "base_currency", "rate_date", "rate");
    public static final String HEADER = "currency,base_currency,rate_date,rate";

    private FxRateCsv() {
    }

    public static FxRate parse(CsvReader.Row row) {
        FxRate rate = FxRate.newBuilder()
                .setCurrencyCode(Fields.currency(row, "currency", null))
                .setBaseCurrencyCode(Fields.currency(row, "base_currency", null))
                .setRateDate(Fields.date(row, "rate_date"))
                .setRate(Fields.decimal(row, "rate"))
                .build();
        if (new BigDecimal(rate.getRate().getValue()).signum() <= 0) {
            throw row.error("rate", "must be greater than 0");
        }
        if (rate.getCurrencyCode().equals(rate.getBaseCurrencyCode())) {
            throw row.error("base_currency", "must differ from currency");
        }
        return rate;
    }

    public static String format(FxRate r) {
        return String.join(",", r.getCurrencyCode(), r.getBaseCurrencyCode(), BalanceCsv.iso(r.getRateDate()), r.getRate().getValue());
    }
}
