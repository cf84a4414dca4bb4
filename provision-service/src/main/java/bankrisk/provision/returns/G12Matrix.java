package bankrisk.provision.returns;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import bankrisk.common.money.Amounts;
import bankrisk.provision.policy.LoanCategory;

/**
 * G12 accumulated from the flows of every loan between the year start and the period end: per year-start category,
 * the loans still on the book by period-end category and period-end balance (the migration matrix), and the year's
 * decreases, each in its own column. A loan that left the book whole (repaid, written off, transferred, foreclosed)
 * has no period-end category: its amounts are decreases, never a migration (商業銀行風險監管核心指標, 2005: a write-off or
 * transfer is a decrease). Only sums are kept, never the loans.
 */
public final class G12Matrix {

    private static final Set<LoanCategory> NPL = EnumSet.of(LoanCategory.SUBSTANDARD, LoanCategory.DOUBTFUL, LoanCategory.LOSS);
    private static final Set<LoanCategory> PERFORMING = EnumSet.of(LoanCategory.NORMAL, LoanCategory.SPECIAL_MENTION);

    private final String reportingCurrency;
    private final Map<LoanCategory, Row> rows = new EnumMap<>(LoanCategory.class);
    private final Map<LoanCategory, Cell> newLoans = new EnumMap<>(LoanCategory.class);

    /** One year-start category's row. */
    public static final class Row {
        private Cell opening = Cell.EMPTY;
        private final Map<LoanCategory, Cell> migratedTo = new EnumMap<>(LoanCategory.class);
        private BigDecimal repaid = Amounts.ZERO;
        private BigDecimal writtenOff = Amounts.ZERO;
        private BigDecimal transferred = Amounts.ZERO;
        private BigDecimal foreclosed = Amounts.ZERO;
        private BigDecimal disbursed = Amounts.ZERO;
        private BigDecimal difference = Amounts.ZERO;
        private long leftBook;

        public Cell opening() {
            return opening;
        }

        public Cell migratedTo(LoanCategory category) {
            return migratedTo.getOrDefault(category, Cell.EMPTY);
        }

        public Cell closing() {
            return migratedTo.values().stream().reduce(Cell.EMPTY, Cell::plus);
        }

        public BigDecimal repaid() {
            return repaid;
        }

        public BigDecimal writtenOff() {
            return writtenOff;
        }

        public BigDecimal transferred() {
            return transferred;
        }

        public BigDecimal foreclosed() {
            return foreclosed;
        }

        public BigDecimal decrease() {
            return repaid.add(writtenOff).add(transferred).add(foreclosed);
        }

        public BigDecimal disbursed() {
            return disbursed;
        }

        public BigDecimal difference() {
            return difference;
        }

        public long leftBook() {
            return leftBook;
        }

        BigDecimal migratedTo(Set<LoanCategory> categories) {
            return categories.stream().map(c -> migratedTo(c).balance()).reduce(Amounts.ZERO, BigDecimal::add);
        }
    }

    public G12Matrix(String reportingCurrency) {
        this.reportingCurrency = reportingCurrency;
        for (LoanCategory category : LoanCategory.values()) {
            rows.put(category, new Row());
        }
    }

    public void add(LoanFlowFact loan) {
        if (loan.fromCategory() == null) {
            if (loan.toCategory() != null) {
                newLoans.merge(loan.toCategory(), new Cell(1, loan.closingBalance(), Amounts.ZERO), Cell::plus);
            }
            return; // drawn and repaid within the year: on neither book
        }
        Row row = rows.get(loan.fromCategory());
        row.opening = row.opening.plus(new Cell(1, loan.openingBalance(), Amounts.ZERO));
        if (loan.toCategory() == null) {
            row.leftBook++;
        } else {
            row.migratedTo.merge(loan.toCategory(), new Cell(1, loan.closingBalance(), Amounts.ZERO), Cell::plus);
        }
        row.repaid = row.repaid.add(loan.repaid());
        row.writtenOff = row.writtenOff.add(loan.writtenOff());
        row.transferred = row.transferred.add(loan.transferred());
        row.foreclosed = row.foreclosed.add(loan.foreclosed());
        row.disbursed = row.disbursed.add(loan.disbursed());
        // loan-risk's unexplained difference is in the loan's own currency: for a loan in the reporting currency it is
        // the difference itself; for another currency the translation difference is part of what remains.
        row.difference = row.difference.add(reportingCurrency.equals(loan.currencyCode()) ? loan.unexplainedDifference()
                : loan.closingBalance().subtract(loan.openingBalance().add(loan.disbursed()).subtract(loan.decrease())));
    }

    public Row row(LoanCategory from) {
        return rows.get(from);
    }

    public Cell newLoans(LoanCategory to) {
        return newLoans.getOrDefault(to, Cell.EMPTY);
    }

    /** Year-start Normal and Special mention now non-performing (period-end balance). */
    public BigDecimal normalToNpl() {
        return row(LoanCategory.NORMAL).migratedTo(NPL).add(row(LoanCategory.SPECIAL_MENTION).migratedTo(NPL));
    }

    /** Year-start NPL now Normal or Special mention (period-end balance). */
    public BigDecimal nplToNormal() {
        return NPL.stream().map(c -> row(c).migratedTo(PERFORMING)).reduce(Amounts.ZERO, BigDecimal::add);
    }

    public BigDecimal nplSum(java.util.function.Function<Row, BigDecimal> amount) {
        return NPL.stream().map(c -> amount.apply(row(c))).reduce(Amounts.ZERO, BigDecimal::add);
    }

    /**
     * The migration ratios of the CBRC's core indicators (商業銀行風險監管核心指標（試行）, 2005), each year-start
     * category's migrated period-end balance ÷ (its year-start balance − its decrease in the period).
     */
    public List<ReturnRatio> ratios() {
        Row normal = row(LoanCategory.NORMAL);
        Row special = row(LoanCategory.SPECIAL_MENTION);
        Row substandard = row(LoanCategory.SUBSTANDARD);
        Row doubtful = row(LoanCategory.DOUBTFUL);
        return List.of(
                new ReturnRatio("NORMAL_MIGRATION", normal.migratedTo(NPL), base(normal)),
                new ReturnRatio("SPECIAL_MENTION_MIGRATION", special.migratedTo(NPL), base(special)),
                new ReturnRatio("SUBSTANDARD_MIGRATION", substandard.migratedTo(EnumSet.of(LoanCategory.DOUBTFUL, LoanCategory.LOSS)),
                        base(substandard)),
                new ReturnRatio("DOUBTFUL_MIGRATION", doubtful.migratedTo(EnumSet.of(LoanCategory.LOSS)), base(doubtful)),
                new ReturnRatio("NORMAL_LOANS_MIGRATION", normalToNpl(), base(normal).add(base(special))));
    }

    private static BigDecimal base(Row row) {
        return row.opening.balance().subtract(row.decrease());
    }

    /**
     * G12's checks: the year-start column equals the year-start G11, the period-end categories (with the new loans)
     * equal the period-end G11, and each row's parts reconcile.
     */
    public List<FormCheck> checks(G11Grid yearStart, G11Grid periodEnd) {
        List<FormCheck> checks = new ArrayList<>();
        String startBad = "";
        String endBad = "";
        String partsBad = "";
        for (LoanCategory category : LoanCategory.values()) {
            Cell g11Start = yearStart.row(G11Grid.ALL).cell(category);
            if (startBad.isEmpty() && !row(category).opening.sameLoans(g11Start)) {
                startBad = category + ": " + row(category).opening.count() + " loans " + row(category).opening.balance().toPlainString()
                        + " in the flows, " + g11Start.count() + " loans " + g11Start.balance().toPlainString() + " in the snapshot";
            }
            Cell closing = newLoans(category);
            for (LoanCategory from : LoanCategory.values()) {
                closing = closing.plus(row(from).migratedTo(category));
            }
            Cell g11End = periodEnd.row(G11Grid.ALL).cell(category);
            if (endBad.isEmpty() && !closing.sameLoans(g11End)) {
                endBad = category + ": " + closing.count() + " loans " + closing.balance().toPlainString() + " in the flows, "
                        + g11End.count() + " loans " + g11End.balance().toPlainString() + " in the snapshot";
            }
            Row row = row(category);
            BigDecimal parts = row.opening.balance().add(row.disbursed).subtract(row.decrease()).add(row.difference);
            if (partsBad.isEmpty() && parts.compareTo(row.closing().balance()) != 0) {
                partsBad = category + ": " + parts.toPlainString() + " ≠ " + row.closing().balance().toPlainString();
            }
        }
        checks.add(FormCheck.of("G12_YEAR_START_EQUALS_G11", startBad.isEmpty(), startBad));
        checks.add(FormCheck.of("G12_PERIOD_END_EQUALS_G11", endBad.isEmpty(), endBad));
        checks.add(FormCheck.of("G12_PARTS_RECONCILE", partsBad.isEmpty(), partsBad));
        return checks;
    }
}
