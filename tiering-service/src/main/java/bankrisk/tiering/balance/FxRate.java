package bankrisk.tiering.balance;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Units of {@code baseCurrency} for one unit of {@code currency} on {@code date}. */
public record FxRate(String currency, String baseCurrency, LocalDate date, BigDecimal rate) {
}
