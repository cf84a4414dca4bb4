package bankrisk.tiering.scheme;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import bankrisk.common.error.Violations;

/**
 * ABC value classes (seed section 6): the month's customers ranked by average assets, richest first, and cut by the
 * cumulative share of the month's total. A customer belongs to the first class whose cut-off the assets of every
 * richer customer (ties broken by customer number) have not reached yet: with A = 0.80 the customer who crosses 80 %
 * is still an A. When the total is 0 everyone is in the last class.
 */
public record ValueClassScheme(int version, YearMonth effectiveMonth, List<ValueClass> classes) {

    public static final int MIN_CLASSES = 2;
    public static final int MAX_CLASSES = 10;

    /** A class and the cumulative share of the month's assets up to which it reaches. */
    public record ValueClass(String code, BigDecimal cumulativeShare) {
    }

    public ValueClassScheme {
        classes = List.copyOf(classes);
    }

    /** Same classes and cut-offs from the same month as {@code other} (versions aside; cut-offs by value). */
    public boolean sameContentAs(ValueClassScheme other) {
        if (!effectiveMonth.equals(other.effectiveMonth) || classes.size() != other.classes.size()) {
            return false;
        }
        for (int i = 0; i < classes.size(); i++) {
            ValueClass mine = classes.get(i);
            ValueClass theirs = other.classes.get(i);
            if (!mine.code().equals(theirs.code()) || mine.cumulativeShare().compareTo(theirs.cumulativeShare()) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Cut-offs strictly rising in (0, 1], the last exactly 1; codes unique. */
    public static void validate(List<ValueClass> classes, String field, Violations violations) {
        if (classes.size() < MIN_CLASSES || classes.size() > MAX_CLASSES) {
            violations.add(field + ".classes", "must have " + MIN_CLASSES + " to " + MAX_CLASSES + " classes");
            return;
        }
        Set<String> codes = new HashSet<>();
        BigDecimal previous = BigDecimal.ZERO;
        for (int i = 0; i < classes.size(); i++) {
            ValueClass valueClass = classes.get(i);
            String path = field + ".classes[" + i + "]";
            if (valueClass.code() != null && !codes.add(valueClass.code())) {
                violations.add(path + ".code", "'" + valueClass.code() + "' is used by an earlier class");
            }
            BigDecimal share = valueClass.cumulativeShare();
            if (share == null) {
                continue;
            }
            if (share.compareTo(previous) <= 0 || share.compareTo(BigDecimal.ONE) > 0) {
                violations.add(path + ".cumulative_share.value", "must be greater than " + previous.toPlainString()
                        + " and at most 1");
            } else if (i == classes.size() - 1 && share.compareTo(BigDecimal.ONE) != 0) {
                violations.add(path + ".cumulative_share.value", "the last class must reach 1");
            }
            previous = share.max(previous);
        }
    }
}
