package bankrisk.loanrisk.fx;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Units of the reporting currency for one unit of {@code currency} on {@code date}. */
public record FxRate(String currency, LocalDate date, BigDecimal rate) {
}
