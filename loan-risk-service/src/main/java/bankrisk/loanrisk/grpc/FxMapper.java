package bankrisk.loanrisk.grpc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import bank.loanrisk.v1.LoanFxRate;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Decimals;
import bankrisk.common.error.RowPath;
import bankrisk.common.error.Violations;
import bankrisk.common.money.Rates;
import bankrisk.loanrisk.fx.FxRate;

/** Maps the rates of a PutFxRates call, each addressed as {@code rates[i]} in errors; all are read before any is stored. */
final class FxMapper {

    static final int MAX_RATES = 10_000;

    private FxMapper() {
    }

    static List<FxRate> rates(List<LoanFxRate> in, String reportingCurrency) {
        Violations violations = new Violations();
        violations.require(!in.isEmpty() && in.size() <= MAX_RATES, "rates", "must hold 1 to " + MAX_RATES + " rates");
        List<FxRate> rates = new ArrayList<>(in.size());
        Map<String, Long> seen = new HashMap<>();
        for (int i = 0; i < in.size() && i < MAX_RATES; i++) {
            RowPath path = new RowPath("rates", i);
            LoanFxRate r = in.get(i);
            String currency = Decimals.parseCurrency(r.getCurrencyCode(), path.field("currency_code"), violations);
            if (currency != null && currency.equals(reportingCurrency)) {
                violations.add(path.field("currency_code"), "is the reporting currency " + reportingCurrency + " (its rate is 1)");
            }
            LocalDate date = Dates.parse(r.getRateDate(), path.field("rate_date"), violations);
            BigDecimal rate = Decimals.parse(r.getRate(), path.field("rate"), violations);
            if (rate != null && (rate.signum() <= 0 || rate.stripTrailingZeros().scale() > Rates.SCALE)) {
                violations.add(path.field("rate.value"), "must be positive with at most " + Rates.SCALE + " decimals");
            }
            if (currency != null && date != null) {
                Long first = seen.putIfAbsent(currency + date, (long) i);
                if (first != null) {
                    violations.add(path.field("rate_date"), "repeats " + currency + " on " + date + " of " + new RowPath("rates", first));
                }
            }
            rates.add(new FxRate(currency, date, rate));
        }
        violations.throwIfAny();
        return rates;
    }
}
