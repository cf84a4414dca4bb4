package bankrisk.cli;

import java.math.BigDecimal;

import bank.common.v1.Decimal;
import bank.common.v1.Money;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.SnapshotSummary;
import bank.provision.v1.CategoryTotal;
import bank.provision.v1.ProvisionRun;
import bank.provision.v1.RegulatoryRatios;
import bank.tiering.v1.TierBucket;
import bank.tiering.v1.TierDistribution;

/** The text tables the CLI prints: tier distribution, five categories, provision run. Pure formatting. */
public final class Summaries {

    private Summaries() {
    }

    /** "1,234,567.89" (the contract's exact decimal, grouped; the services already rounded it). */
    public static String money(Money m) {
        return String.format("%,.2f", new BigDecimal(m.getAmount().isEmpty() ? "0" : m.getAmount()));
    }

    /** A fraction as a percentage with 2 decimals, half-up: "0.01234567" → "1.23 %". */
    public static String percent(Decimal d) {
        BigDecimal v = new BigDecimal(d.getValue().isEmpty() ? "0" : d.getValue());
        return String.format("%.2f %%", v.movePointRight(2));
    }

    public static String share(long part, long whole) {
        return whole == 0 ? "-" : String.format("%.1f %%", part * 100.0 / whole);
    }

    /** The code shown for tiering's "no tier" bucket (its code is empty in the contract). */
    static final String NO_TIER_CODE = "(none)";
    /**
     * What the "no tier" bucket means, in Chinese and English: customers evaluated whose average is below the lowest
     * tier's bound. (Customers tiering never evaluated are in no bucket; provision's tier view calls them UNTIERED.)
     */
    static final String NO_TIER_NAME = "无等级 below the lowest tier";

    /** Columns sized by display width ({@link DisplayWidth}), so Chinese tier names keep the columns aligned. */
    public static String tierDistribution(TierDistribution d) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("Tier distribution %04d-%02d (scheme v%d), %,d customers%n", d.getMonth().getYear(),
                d.getMonth().getMonth(), d.getSchemeVersion(), d.getCustomers()));
        int codeWidth = 10;
        int nameWidth = 10;
        for (TierBucket b : d.getBucketsList()) {
            codeWidth = Math.max(codeWidth, DisplayWidth.of(code(b)));
            nameWidth = Math.max(nameWidth, DisplayWidth.of(name(b)));
        }
        s.append("  ").append(DisplayWidth.padRight("tier", codeWidth)).append(' ').append(DisplayWidth.padRight("name", nameWidth))
                .append(String.format(" %10s %8s %24s%n", "customers", "share", "total average balance"));
        for (TierBucket b : d.getBucketsList()) {
            s.append("  ").append(DisplayWidth.padRight(code(b), codeWidth)).append(' ').append(DisplayWidth.padRight(name(b), nameWidth))
                    .append(String.format(" %,10d %8s %24s%n", b.getCustomers(), share(b.getCustomers(), d.getCustomers()),
                            money(b.getTotalAverageBalance()) + " " + b.getTotalAverageBalance().getCurrencyCode()));
        }
        return s.toString();
    }

    private static String code(TierBucket b) {
        return b.getTierCode().isEmpty() ? NO_TIER_CODE : b.getTierCode();
    }

    private static String name(TierBucket b) {
        return b.getTierCode().isEmpty() ? NO_TIER_NAME : b.getTierName();
    }

    public static String snapshot(SnapshotSummary summary) {
        StringBuilder s = new StringBuilder();
        var snap = summary.getSnapshot();
        s.append(String.format("Five categories as of %s (rule set %s), %,d loans, %s %s%n", date(snap.getAsOf()),
                snap.getRuleSetVersion(), snap.getLoanCount(), money(snap.getTotalBalance()), snap.getTotalBalance().getCurrencyCode()));
        s.append(String.format("  %-16s %8s %22s %8s%n", "category", "loans", "balance", "share"));
        BigDecimal total = new BigDecimal(snap.getTotalBalance().getAmount().isEmpty() ? "0" : snap.getTotalBalance().getAmount());
        for (var c : summary.getCategoriesList()) {
            s.append(String.format("  %-16s %,8d %22s %8s%n", category(c.getCategory()), c.getLoanCount(), money(c.getBalance()),
                    shareOf(c.getBalance(), total)));
        }
        s.append(String.format("  NPL balance %s, NPL ratio %s%n", money(summary.getNplBalance()), percent(summary.getNplRatio())));
        return s.toString();
    }

    public static String provisionRun(ProvisionRun run) {
        StringBuilder s = new StringBuilder();
        var in = run.getInputs();
        String ccy = in.getCurrencyCode();
        s.append(String.format("Provision run %d: %s v%d as of %s, %,d loans, book %s %s%n", run.getRunId(), in.getPolicyCode(),
                in.getPolicyVersion(), date(in.getAsOf()), run.getLoanCount(), money(run.getTotalBalance()), ccy));
        s.append(String.format("  %-16s %8s %22s %8s %20s %20s%n", "category", "loans", "balance", "share", "specific provision", "ECL"));
        BigDecimal total = new BigDecimal(run.getTotalBalance().getAmount().isEmpty() ? "0" : run.getTotalBalance().getAmount());
        for (CategoryTotal c : run.getCategoriesList()) {
            s.append(String.format("  %-16s %,8d %22s %8s %20s %20s%n", category(c.getCategory()), c.getLoanCount(), money(c.getBalance()),
                    shareOf(c.getBalance(), total), money(c.getSpecificProvision()), money(c.getEcl())));
        }
        s.append(String.format("  %-16s %,8d %22s %8s %20s %20s%n", "total", run.getLoanCount(), money(run.getTotalBalance()), "100.0 %",
                money(run.getSpecificProvision()), money(run.getEcl().getEcl())));
        s.append(String.format("  specific provision %20s %s%n", money(run.getSpecificProvision()), ccy));
        s.append(String.format("  general reserve    %20s %s%n", money(run.getGeneralReserve()), ccy));
        s.append(String.format("  allowance          %20s %s%n", money(run.getAllowance()), ccy));
        s.append(String.format("  ECL (IFRS 9)       %20s %s (larger: %s)%n", money(run.getEcl().getEcl()), ccy,
                run.getEcl().getLarger().name().replace("LARGER_AMOUNT_", "")));
        RegulatoryRatios r = run.getRatios();
        s.append(String.format("  NPL ratio            %10s  max %8s  %s%n", percent(r.getNplRatio()), percent(r.getNplRatioMax()),
                r.getNplRatioBreached() ? "BREACH" : "ok"));
        s.append(String.format("  coverage ratio       %10s  min %8s  %s%n",
                r.getCoverageApplicable() ? percent(r.getCoverageRatio()) : "n/a", percent(r.getCoverageMin()),
                r.getCoverageBreached() ? "BREACH" : r.getCoverageApplicable() ? "ok" : "no NPL"));
        s.append(String.format("  loan provision ratio %10s  min %8s  %s%n", percent(r.getLoanProvisionRatio()),
                percent(r.getLoanProvisionRatioMin()), r.getLoanProvisionRatioBreached() ? "BREACH" : "ok"));
        s.append(String.format("  required allowance %20s %s, shortfall %s %s%n", money(r.getRequiredAllowance()), ccy,
                money(r.getShortfall()), ccy));
        return s.toString();
    }

    static String category(LoanCategory c) {
        return switch (c) {
            case LOAN_CATEGORY_NORMAL -> "Normal";
            case LOAN_CATEGORY_SPECIAL_MENTION -> "Special mention";
            case LOAN_CATEGORY_SUBSTANDARD -> "Substandard";
            case LOAN_CATEGORY_DOUBTFUL -> "Doubtful";
            case LOAN_CATEGORY_LOSS -> "Loss";
            default -> c.name();
        };
    }

    static String date(bank.common.v1.Date d) {
        return String.format("%04d-%02d-%02d", d.getYear(), d.getMonth(), d.getDay());
    }

    private static String shareOf(Money part, BigDecimal whole) {
        if (whole.signum() == 0) {
            return "-";
        }
        BigDecimal p = new BigDecimal(part.getAmount().isEmpty() ? "0" : part.getAmount());
        return String.format("%.1f %%", p.movePointRight(2).divide(whole, 3, java.math.RoundingMode.HALF_UP));
    }
}
