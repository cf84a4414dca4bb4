package bankrisk.tiering.average;

import java.time.LocalDate;

import bankrisk.common.error.FailedPreconditionException;

/** The conversion of a foreign balance needs a rate that was never loaded. Never replaced by a silent 1.0. */
public final class MissingFxRates {

    public static final String REASON = "FX_RATE_MISSING";

    private MissingFxRates() {
    }

    public static FailedPreconditionException of(String currency, String baseCurrency, LocalDate day) {
        return new FailedPreconditionException(REASON,
                "no FX rate " + currency + "->" + baseCurrency + " for " + day + "; load it with PutFxRates");
    }
}
