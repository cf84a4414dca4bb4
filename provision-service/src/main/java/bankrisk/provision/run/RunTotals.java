package bankrisk.provision.run;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import bankrisk.common.money.Amounts;
import bankrisk.provision.policy.LoanCategory;

/**
 * The totals of a run, kept while the lines stream past (five categories, so memory does not grow with the book).
 * Allowance = specific provisions + general reserve.
 */
public final class RunTotals {

    private final Map<LoanCategory, CategoryTotals> byCategory = new EnumMap<>(LoanCategory.class);
    private BigDecimal generalReserve = Amounts.ZERO;
    private final long[] stageLoans = new long[3];

    public RunTotals() {
        for (LoanCategory category : LoanCategory.values()) {
            byCategory.put(category, new CategoryTotals(category));
        }
    }

    public RunTotals(List<CategoryTotals> categories, BigDecimal generalReserve, long[] stageLoans) {
        this();
        categories.forEach(c -> byCategory.put(c.category(), c));
        this.generalReserve = generalReserve;
        System.arraycopy(stageLoans, 0, this.stageLoans, 0, 3);
    }

    public void add(ProvisionLine line) {
        byCategory.get(line.loan().category()).add(line);
        stageLoans[line.ecl().stage() - 1]++;
    }

    /** Loans in IFRS 9 stage 1, 2 or 3. */
    public long stageLoans(int stage) {
        return stageLoans[stage - 1];
    }

    public void generalReserve(BigDecimal generalReserve) {
        this.generalReserve = generalReserve;
    }

    public List<CategoryTotals> categories() {
        return new ArrayList<>(byCategory.values());
    }

    public CategoryTotals category(LoanCategory category) {
        return byCategory.get(category);
    }

    public long loanCount() {
        return byCategory.values().stream().mapToLong(CategoryTotals::loanCount).sum();
    }

    public BigDecimal totalBalance() {
        return sum(CategoryTotals::balance, false);
    }

    /** Substandard + Doubtful + Loss balances. */
    public BigDecimal nplBalance() {
        return sum(CategoryTotals::balance, true);
    }

    public BigDecimal specificProvision() {
        return sum(CategoryTotals::provision, false);
    }

    public BigDecimal generalReserve() {
        return generalReserve;
    }

    /** The loan-loss allowance the ratios use: specific provisions plus the general reserve. */
    public BigDecimal allowance() {
        return specificProvision().add(generalReserve);
    }

    public BigDecimal ecl() {
        return sum(CategoryTotals::ecl, false);
    }

    private BigDecimal sum(java.util.function.Function<CategoryTotals, BigDecimal> amount, boolean nonPerformingOnly) {
        return byCategory.values().stream()
                .filter(c -> !nonPerformingOnly || c.category().isNonPerforming())
                .map(amount)
                .reduce(Amounts.ZERO, BigDecimal::add);
    }
}
