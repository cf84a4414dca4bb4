package bankrisk.tiering.grpc;

import java.math.BigDecimal;

import bank.common.v1.Decimal;
import bank.common.v1.Money;
import bankrisk.api.convert.Decimals;
import bankrisk.common.error.Violations;

/**
 * The check this service adds to the shared converters, found by the hostile-input test: no minus sign on values
 * that must not be negative ("-0" included).
 */
final class Inputs {

    private Inputs() {
    }

    /** An amount with at most two decimals and no sign; null when bad (recorded). */
    static BigDecimal nonNegativeAmount(Money money, String field, Violations violations) {
        return unsigned(money.getAmount(), field + ".amount", violations)
                ? Decimals.parseAmount(money, field, violations)
                : null;
    }

    /** A plain decimal without sign; null when bad (recorded). */
    static BigDecimal nonNegative(Decimal decimal, String field, Violations violations) {
        return unsigned(decimal.getValue(), field + ".value", violations) ? Decimals.parse(decimal, field, violations) : null;
    }

    private static boolean unsigned(String text, String field, Violations violations) {
        return violations.require(!text.startsWith("-"), field, "must not be negative");
    }
}
