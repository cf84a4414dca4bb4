package bankrisk.provision.returns;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import bankrisk.provision.policy.LoanCategory;

/**
 * G11's rows × the five categories, accumulated loan by loan (or group by group). Each row also accumulates its
 * total on its own, so that {@link #checks()} compares independently summed figures, as the form's cross-footing
 * does.
 */
public final class G11Grid {

    public static final String ALL = "ALL";
    public static final String OVER_90 = "OVERDUE_OVER_90";
    /** Row order of the form: all loans, borrower kinds, products, overdue buckets; unknown codes go last. */
    static final List<String> ORDER = List.of(ALL, "BORROWER_RETAIL", "BORROWER_NON_RETAIL", "BORROWER_UNSPECIFIED",
            "PRODUCT_PERSONAL_CONSUMPTION", "PRODUCT_PERSONAL_MORTGAGE", "PRODUCT_PERSONAL_BUSINESS",
            "PRODUCT_CORPORATE_WORKING_CAPITAL", "PRODUCT_CORPORATE_FIXED_ASSET", "PRODUCT_TRADE_FINANCE", "PRODUCT_OTHER",
            "PRODUCT_UNSPECIFIED", "OVERDUE_1_90", "OVERDUE_91_180", "OVERDUE_181_360", "OVERDUE_OVER_360", OVER_90);
    /** Rows shown even when empty: the form always has them. */
    private static final List<String> ALWAYS = List.of(ALL, "BORROWER_RETAIL", "BORROWER_NON_RETAIL", "OVERDUE_1_90",
            "OVERDUE_91_180", "OVERDUE_181_360", "OVERDUE_OVER_360", OVER_90);

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final Row over60 = new Row();

    /** One row's cells by category and its separately accumulated total. */
    public static final class Row {
        private final Map<LoanCategory, Cell> cells = new EnumMap<>(LoanCategory.class);
        private Cell total = Cell.EMPTY;

        void add(LoanCategory category, Cell cell) {
            cells.merge(category, cell, Cell::plus);
            total = total.plus(cell);
        }

        public Cell cell(LoanCategory category) {
            return cells.getOrDefault(category, Cell.EMPTY);
        }

        public Cell npl() {
            return cell(LoanCategory.SUBSTANDARD).plus(cell(LoanCategory.DOUBTFUL)).plus(cell(LoanCategory.LOSS));
        }

        public Cell total() {
            return total;
        }

        Cell sumOfCategories() {
            Cell sum = Cell.EMPTY;
            for (LoanCategory category : LoanCategory.values()) {
                sum = sum.plus(cell(category));
            }
            return sum;
        }
    }

    /** Adds loans of one category, borrower kind, product and days past due. */
    public void add(LoanCategory category, String borrowerKind, String product, int daysPastDue, Cell cell) {
        row(ALL).add(category, cell);
        row("BORROWER_" + borrowerKind).add(category, cell);
        row("PRODUCT_" + product).add(category, cell);
        OverdueBucket bucket = OverdueBucket.of(daysPastDue);
        if (bucket != OverdueBucket.NOT_OVERDUE) {
            row(bucket.rowCode()).add(category, cell);
        }
        if (OverdueBucket.over90(daysPastDue)) {
            row(OVER_90).add(category, cell);
        }
        if (OverdueBucket.over60(daysPastDue)) {
            over60.add(category, cell);
        }
    }

    public Row row(String code) {
        return rows.computeIfAbsent(code, c -> new Row());
    }

    public Row over60() {
        return over60;
    }

    /** The codes of the rows the form shows, in its order: the fixed rows and every row with loans. */
    public List<String> rowCodes() {
        List<String> codes = new ArrayList<>();
        for (String code : ORDER) {
            if (ALWAYS.contains(code) || rows.containsKey(code)) {
                codes.add(code);
            }
        }
        rows.keySet().stream().filter(code -> !ORDER.contains(code)).sorted().forEach(codes::add);
        return codes;
    }

    /** G11's cross-footing: each row's total, the borrower kinds, the products and the overdue buckets. */
    public List<FormCheck> checks() {
        List<FormCheck> checks = new ArrayList<>();
        String badRow = rowCodes().stream().filter(code -> !row(code).total().sameAs(row(code).sumOfCategories())).findFirst().orElse("");
        checks.add(FormCheck.of("G11_ROW_TOTALS", badRow.isEmpty(), badRow.isEmpty() ? "" : "row " + badRow));
        checks.add(sumsTo("G11_BORROWER_KINDS_SUM_TO_ALL", "BORROWER_"));
        checks.add(sumsTo("G11_PRODUCTS_SUM_TO_ALL", "PRODUCT_"));
        String badCategory = "";
        for (LoanCategory category : LoanCategory.values()) {
            Cell buckets = row("OVERDUE_91_180").cell(category).plus(row("OVERDUE_181_360").cell(category))
                    .plus(row("OVERDUE_OVER_360").cell(category));
            if (!buckets.sameAs(row(OVER_90).cell(category))) {
                badCategory = category.name();
            }
        }
        checks.add(FormCheck.of("G11_OVERDUE_OVER_90_SUMS_BUCKETS", badCategory.isEmpty(), badCategory));
        return checks;
    }

    private FormCheck sumsTo(String code, String prefix) {
        for (LoanCategory category : LoanCategory.values()) {
            Cell sum = rows.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(e -> e.getValue().cell(category))
                    .reduce(Cell.EMPTY, Cell::plus);
            if (!sum.sameAs(row(ALL).cell(category))) {
                return FormCheck.of(code, false, category.name());
            }
        }
        return FormCheck.of(code, true, "");
    }
}
