package bankrisk.tiering.grpc;

import java.math.BigDecimal;

import bank.common.v1.Decimal;
import bank.common.v1.Money;
import bankrisk.api.convert.Decimals;
import bankrisk.api.convert.Texts;
import bankrisk.common.error.Violations;

/**
 * The checks this service adds to the shared converters, found by the hostile-input test: free texts without
 * control characters (PostgreSQL refuses NUL, which would otherwise end as INTERNAL; a line break or escape in a
 * name is never meant), and no minus sign on values that must not be negative ("-0" included).
 */
final class Inputs {

    private Inputs() {
    }

    /** A required free text of 1..maxLength characters without control characters; null when bad (recorded). */
    static String text(String value, String field, int maxLength, Violations violations) {
        String text = Texts.text(value, field, maxLength, violations);
        return text == null || printable(text, field, violations) ? text : null;
    }

    /** An optional filter text of at most maxLength characters without control characters; "" when absent or bad. */
    static String optionalText(String value, String field, int maxLength, Violations violations) {
        String text = Texts.optionalText(value, field, maxLength, violations);
        return printable(text, field, violations) ? text : "";
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

    private static boolean printable(String text, String field, Violations violations) {
        return violations.require(text.chars().noneMatch(Character::isISOControl), field,
                "must not contain control characters");
    }
}
