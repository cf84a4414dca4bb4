package bankrisk.api.convert;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;

import bank.common.v1.Date;
import bankrisk.common.error.Violations;

/** Converts the contracts' dates and months to {@code java.time} and back, rejecting impossible ones. */
public final class Dates {

    static final int MIN_YEAR = 1900;
    static final int MAX_YEAR = 9999;

    private Dates() {
    }

    /** Reads a required date, or records why it is bad and returns null. */
    public static LocalDate parse(Date date, String field, Violations violations) {
        if (date.getYear() == 0 && date.getMonth() == 0 && date.getDay() == 0) {
            violations.add(field, "is required");
            return null;
        }
        if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
            violations.add(field + ".year", "must be between " + MIN_YEAR + " and " + MAX_YEAR);
            return null;
        }
        try {
            return LocalDate.of(date.getYear(), date.getMonth(), date.getDay());
        } catch (DateTimeException impossible) {
            violations.add(field, date.getYear() + "-" + date.getMonth() + "-" + date.getDay() + " is not a calendar date");
            return null;
        }
    }

    /** Reads a required month, or records why it is bad and returns null. */
    public static YearMonth parse(bank.common.v1.YearMonth month, String field, Violations violations) {
        if (month.getYear() == 0 && month.getMonth() == 0) {
            violations.add(field, "is required");
            return null;
        }
        if (month.getYear() < MIN_YEAR || month.getYear() > MAX_YEAR) {
            violations.add(field + ".year", "must be between " + MIN_YEAR + " and " + MAX_YEAR);
            return null;
        }
        if (month.getMonth() < 1 || month.getMonth() > 12) {
            violations.add(field + ".month", "must be between 1 and 12");
            return null;
        }
        return YearMonth.of(month.getYear(), month.getMonth());
    }

    public static Date toDate(LocalDate date) {
        return Date.newBuilder().setYear(date.getYear()).setMonth(date.getMonthValue()).setDay(date.getDayOfMonth()).build();
    }

    public static bank.common.v1.YearMonth toYearMonth(YearMonth month) {
        return bank.common.v1.YearMonth.newBuilder().setYear(month.getYear()).setMonth(month.getMonthValue()).build();
    }
}
