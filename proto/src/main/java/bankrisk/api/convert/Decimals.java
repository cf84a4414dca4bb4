package bankrisk.api.convert;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.regex.Pattern;

import bank.common.v1.Decimal;
import bank.common.v1.Money;
import bankrisk.common.error.Violations;
import bankrisk.common.money.Amounts;

/**
 * Converts the contracts' exact decimals and amounts to {@link BigDecimal} and back. Parsing is strict: the
 * plain notation the contract documents, nothing that {@code new BigDecimal(String)} would also accept
 * (exponents, '+' signs), so that "1e400" can never blow up a calculation.
 */
public final class Decimals {

    /** At most 18 integer digits and 12 decimals: more than any balance or rate needs, few enough to be safe. */
    private static final int MAX_INTEGER_DIGITS = 18;
    private static final int MAX_DECIMALS = 12;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private Decimals() {
    }

    /**
     * Reads a decimal, or records why it is bad under {@code field} and returns null (the caller fails once
     * every field is checked).
     */
    public static BigDecimal parse(String text, String field, Violations violations) {
        if (text == null || text.isEmpty()) {
            violations.add(field, "is required");
            return null;
        }
        if (!isPlain(text)) {
            violations.add(field, "'" + abbreviate(text) + "' is not a plain decimal such as 1234.56");
            return null;
        }
        return new BigDecimal(text);
    }

    /**
     * {@code -?\d{1,18}(\.\d{1,12})?} (ASCII digits only), checked by hand: streams read millions of amounts, and
     * a regex match per amount cost more than the rest of the conversion.
     */
    static boolean isPlain(String text) {
        int i = text.startsWith("-") ? 1 : 0;
        int integerStart = i;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        int integerDigits = i - integerStart;
        if (integerDigits < 1 || integerDigits > MAX_INTEGER_DIGITS) {
            return false;
        }
        if (i == text.length()) {
            return true;
        }
        if (text.charAt(i) != '.') {
            return false;
        }
        int decimalStart = ++i;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        int decimals = i - decimalStart;
        return i == text.length() && decimals >= 1 && decimals <= MAX_DECIMALS;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public static BigDecimal parse(Decimal decimal, String field, Violations violations) {
        return parse(decimal.getValue(), field + ".value", violations);
    }

    /** Reads an amount: a plain decimal with at most two decimals. Returns null when bad (recorded). */
    public static BigDecimal parseAmount(Money money, String field, Violations violations) {
        BigDecimal amount = parse(money.getAmount(), field + ".amount", violations);
        if (amount != null && amount.scale() > Amounts.SCALE && !Amounts.isWholeFen(amount)) {
            violations.add(field + ".amount", "has more than 2 decimals");
            return null;
        }
        return amount == null ? null : Amounts.round(amount);
    }

    /** Reads an ISO 4217 currency code. Returns null when bad (recorded). */
    public static String parseCurrency(String code, String field, Violations violations) {
        if (code == null || !CURRENCY.matcher(code).matches()) {
            violations.add(field, "'" + abbreviate(String.valueOf(code)) + "' is not an ISO 4217 code such as CNY");
            return null;
        }
        try {
            Currency.getInstance(code);
            return code;
        } catch (IllegalArgumentException unknown) {
            violations.add(field, "'" + code + "' is not a known ISO 4217 currency");
            return null;
        }
    }

    public static Decimal toDecimal(BigDecimal value) {
        return Decimal.newBuilder().setValue(value.toPlainString()).build();
    }

    /** An amount in the contract form, always with two decimals. */
    public static Money toMoney(BigDecimal amount, String currencyCode) {
        return Money.newBuilder().setAmount(Amounts.round(amount).toPlainString()).setCurrencyCode(currencyCode).build();
    }

    /** Keeps error messages short when a caller sends a huge string. */
    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
