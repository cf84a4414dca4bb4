package bankrisk.cli.csv;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.google.protobuf.ProtocolMessageEnum;

import bank.common.v1.Date;
import bank.common.v1.Decimal;
import bank.common.v1.Money;
import bankrisk.api.convert.Dates;

/** Reads typed CSV fields into contract types; every failure names the line and the column. */
final class Fields {

    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,18}(\\.\\d{1,12})?");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,18}(\\.\\d{1,2})?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private Fields() {
    }

    static Date date(CsvReader.Row row, String column) {
        String v = row.required(column);
        try {
            return Dates.toDate(LocalDate.parse(v));
        } catch (DateTimeParseException e) {
            throw row.error(column, "'" + v + "' is not a date yyyy-mm-dd");
        }
    }

    static Date optionalDate(CsvReader.Row row, String column) {
        return row.get(column).isEmpty() ? null : date(row, column);
    }

    static Money amount(CsvReader.Row row, String column, String currency) {
        String v = row.required(column);
        if (!AMOUNT.matcher(v).matches()) {
            throw row.error(column, "'" + v + "' is not an amount such as 1234.56 (not negative, at most 2 decimals, no separators)");
        }
        return Money.newBuilder().setAmount(v).setCurrencyCode(currency).build();
    }

    static String currency(CsvReader.Row row, String column, String fallback) {
        String v = row.get(column);
        if (v.isEmpty() && fallback != null) {
            return fallback;
        }
        if (!CURRENCY.matcher(v).matches()) {
            throw row.error(column, "'" + v + "' is not an ISO 4217 code such as CNY");
        }
        return v;
    }

    static Decimal decimal(CsvReader.Row row, String column) {
        String v = row.required(column);
        if (!DECIMAL.matcher(v).matches()) {
            throw row.error(column, "'" + v + "' is not a plain decimal such as 0.25");
        }
        return Decimal.newBuilder().setValue(v).build();
    }

    static Decimal optionalFraction(CsvReader.Row row, String column) {
        if (row.get(column).isEmpty()) {
            return null;
        }
        Decimal d = decimal(row, column);
        BigDecimal value = new BigDecimal(d.getValue());
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw row.error(column, "'" + d.getValue() + "' must be between 0 and 1");
        }
        return d;
    }

    static int integer(CsvReader.Row row, String column, int min, int max) {
        String v = row.get(column);
        if (v.isEmpty()) {
            return 0;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw row.error(column, v + " is not between " + min + " and " + max);
            }
            return i;
        } catch (NumberFormatException e) {
            throw row.error(column, "'" + v + "' is not a whole number");
        }
    }

    static boolean bool(CsvReader.Row row, String column) {
        String v = row.get(column).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "false", "no", "n", "0" -> false;
            case "true", "yes", "y", "1" -> true;
            default -> throw row.error(column, "'" + v + "' is not true/false");
        };
    }

    /** An enum value by its name without the contract's prefix, e.g. "DEPOSIT" for ASSET_TYPE_DEPOSIT. */
    static <E extends Enum<E> & ProtocolMessageEnum> E enumValue(CsvReader.Row row, String column, Class<E> type, String prefix) {
        String v = row.required(column).toUpperCase(Locale.ROOT);
        String name = v.startsWith(prefix) ? v : prefix + v;
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name) && !e.name().endsWith("_UNSPECIFIED") && !e.name().equals("UNRECOGNIZED")) {
                return e;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants())
                .map(Enum::name)
                .filter(n -> n.startsWith(prefix) && !n.endsWith("_UNSPECIFIED"))
                .map(n -> n.substring(prefix.length()))
                .collect(Collectors.joining(", "));
        throw row.error(column, "'" + v + "' is not one of " + allowed);
    }
}
