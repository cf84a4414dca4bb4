package bankrisk.provision.returns;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.error.FailedPreconditionException;
import bankrisk.common.money.Amounts;
import bankrisk.common.money.Rates;
import bankrisk.provision.policy.LoanCategory;
import bankrisk.provision.run.GradedLoan;
import bankrisk.provision.run.ProvisionRun;
import bankrisk.provision.run.RunRepository;
import bankrisk.provision.run.SnapshotHeader;
import bankrisk.provision.run.SnapshotSource;

/**
 * Builds the 1104 returns from loan-risk's snapshots and flows (read through the contracts, streamed, summed as they
 * pass) and a named run's lines (summed in SQL). Reads only: a return is computed on request, checked, and either
 * answered whole or refused naming its failing check. Arguments were checked by the adapters ({@link ReturnPeriod}).
 */
@ApplicationScoped
public class ReturnService {

    private final SnapshotSource snapshots;
    private final FlowSource flows;
    private final CustomerNames names;
    private final RunRepository runs;
    private final RunGroups groups;

    @Inject
    ReturnService(SnapshotSource snapshots, FlowSource flows, CustomerNames names, RunRepository runs, RunGroups groups) {
        this.snapshots = snapshots;
        this.flows = flows;
        this.names = names;
        this.runs = runs;
        this.groups = groups;
    }

    public G11 g11(LocalDate asOf, long runId) {
        PeriodEnd end = periodEnd(asOf, runId);
        NplRecognition npl = nplRecognition(end);
        return new G11(end.header, runId, end.run.totals().generalReserve(), end.run.totals().allowance(), end.runGrid, npl,
                FormCheck.requireAll("G11", end.checks));
    }

    public G13 g13(LocalDate asOf, long runId) {
        PeriodEnd end = periodEnd(asOf, runId);
        List<G13.Section> sections = new ArrayList<>();
        List<RunGroups.BorrowerGroup> largest = groups.largestBorrowers(runId, G13.TOP);
        List<FormCheck> checks = new ArrayList<>(end.checks);
        String bad = "";
        for (LoanCategory category : List.of(LoanCategory.SPECIAL_MENTION, LoanCategory.SUBSTANDARD, LoanCategory.DOUBTFUL, LoanCategory.LOSS)) {
            Cell total = end.runGrid.row(G11Grid.ALL).cell(category);
            List<G13.Borrower> borrowers = new ArrayList<>();
            Cell listed = Cell.EMPTY;
            for (RunGroups.BorrowerGroup b : largest) {
                if (b.category() == category) {
                    BigDecimal share = Rates.ratio(b.cell().balance(), total.balance());
                    borrowers.add(new G13.Borrower(b.rank(), b.customerNumber(), names.nameOf(b.customerNumber()).orElse(""), b.cell(), share,
                            b.daysPastDue()));
                    listed = listed.plus(b.cell());
                }
            }
            if (listed.count() > total.count() || listed.balance().compareTo(total.balance()) > 0) {
                bad = category.name();
            }
            sections.add(new G13.Section(category, total, borrowers));
        }
        checks.add(FormCheck.of("G13_TOP_WITHIN_CATEGORY", bad.isEmpty(), bad));
        return new G13(end.header, runId, sections, FormCheck.requireAll("G13", checks));
    }

    public G12 g12(ReturnPeriod period) {
        SnapshotHeader start = snapshot(period.yearStart(), "from");
        SnapshotHeader end = snapshot(period.periodEnd(), "to");
        if (!start.currencyCode().equals(end.currencyCode())) {
            throw new FailedPreconditionException("CURRENCY_MISMATCH", "from: the year-start snapshot " + start.snapshotId() + " is of a book in "
                    + start.currencyCode() + ", the period end's in " + end.currencyCode());
        }
        if (!start.ruleSetVersion().equals(end.ruleSetVersion())) {
            throw new FailedPreconditionException("RULE_SET_MISMATCH", "to: the period-end snapshot " + end.snapshotId() + " was graded under rule set '"
                    + end.ruleSetVersion() + "', the year start's (from) under '" + start.ruleSetVersion() + "': their categories do not compare");
        }
        G11Grid startGrid = snapshotGrid(start, null);
        G11Grid endGrid = snapshotGrid(end, null);
        G12Matrix matrix = new G12Matrix(end.currencyCode());
        flows.forEachFlow(start.snapshotId(), end.snapshotId(), matrix::add);
        List<FormCheck> checks = new ArrayList<>();
        checks.add(headerCheck(start, startGrid));
        checks.add(headerCheck(end, endGrid));
        checks.addAll(matrix.checks(startGrid, endGrid));
        return new G12(start, end, matrix, matrix.ratios(), FormCheck.requireAll("G12", checks));
    }

    /** The period-end book of G11 and G13: the snapshot streamed and summed, the run's lines summed, their checks. */
    private PeriodEnd periodEnd(LocalDate asOf, long runId) {
        ProvisionRun run = runs.get(runId);
        if (run.isGeneralRiskReserve()) {
            throw new FailedPreconditionException("RUN_NOT_IMPAIRMENT", "run_id: run " + runId
                    + " is a MOF general-risk-reserve run; the returns' allowance is an impairment run's specific provisions");
        }
        SnapshotHeader header = snapshot(asOf, "as_of");
        if (!run.inputs().snapshotId().equals(header.snapshotId())) {
            throw new FailedPreconditionException("RUN_SNAPSHOT_MISMATCH", "run_id: run " + runId + " was computed on snapshot "
                    + run.inputs().snapshotId() + " (" + run.inputs().asOf() + "), not on the snapshot of " + asOf + " (" + header.snapshotId() + ")");
        }
        PeriodEnd end = new PeriodEnd(header, run);
        G11Grid snapshotGrid = snapshotGrid(header, end);
        for (RunGroups.Group group : groups.g11Groups(runId)) {
            end.runGrid.add(group.category(), group.borrowerKind(), group.product(), group.daysPastDue(), group.cell());
        }
        end.checks.add(headerCheck(header, snapshotGrid));
        end.checks.addAll(end.runGrid.checks());
        String bad = "";
        for (String code : snapshotGrid.rowCodes()) {
            for (LoanCategory category : LoanCategory.values()) {
                if (bad.isEmpty() && !snapshotGrid.row(code).cell(category).sameLoans(end.runGrid.row(code).cell(category))) {
                    bad = code + " " + category;
                }
            }
        }
        end.checks.add(FormCheck.of("G11_RUN_MATCHES_SNAPSHOT", bad.isEmpty(), bad));
        return end;
    }

    private static final class PeriodEnd {
        final SnapshotHeader header;
        final ProvisionRun run;
        final G11Grid runGrid = new G11Grid();
        final List<FormCheck> checks = new ArrayList<>();
        final List<UnrecognisedNpl> over90NotNpl = new ArrayList<>();
        long over90NotNplCount;

        PeriodEnd(SnapshotHeader header, ProvisionRun run) {
            this.header = header;
            this.run = run;
        }

        void accept(GradedLoan loan) {
            if (OverdueBucket.over90(loan.daysPastDue()) && !loan.category().isNonPerforming()) {
                over90NotNplCount++;
                if (over90NotNpl.size() < NplRecognition.LISTED) {
                    over90NotNpl.add(new UnrecognisedNpl(loan.loanId(), loan.customerNumber(), loan.category(), loan.daysPastDue(), loan.balance()));
                }
            }
        }
    }

    /** Streams a snapshot into a grid of counts and balances; {@code end}, when given, also sees each loan. */
    private G11Grid snapshotGrid(SnapshotHeader header, PeriodEnd end) {
        G11Grid grid = new G11Grid();
        snapshots.forEachGrade(header.snapshotId(), loan -> {
            grid.add(loan.category(), loan.borrowerKind(), loan.product(), loan.daysPastDue(), new Cell(1, loan.balance(), Amounts.ZERO));
            if (end != null) {
                end.accept(loan);
            }
        });
        return grid;
    }

    private static FormCheck headerCheck(SnapshotHeader header, G11Grid grid) {
        Cell all = grid.row(G11Grid.ALL).total();
        boolean same = all.count() == header.loanCount() && all.balance().compareTo(header.totalBalance()) == 0;
        return FormCheck.of("G11_SNAPSHOT_HEADER", same, same ? "" : header.snapshotId() + ": rows " + all.count() + " / "
                + all.balance().toPlainString() + ", header " + header.loanCount() + " / " + header.totalBalance().toPlainString());
    }

    private NplRecognition nplRecognition(PeriodEnd end) {
        Cell over90 = end.runGrid.row(G11Grid.OVER_90).total();
        Cell over60 = end.runGrid.over60().total();
        Cell npl = end.runGrid.row(G11Grid.ALL).npl();
        return new NplRecognition(over90, over60, npl, List.of(new ReturnRatio("OVERDUE_90_TO_NPL", over90.balance(), npl.balance()),
                new ReturnRatio("OVERDUE_60_TO_NPL", over60.balance(), npl.balance())), List.copyOf(end.over90NotNpl), end.over90NotNplCount);
    }

    /** loan-risk's snapshot of a date; its absence names the request field that asked for it. */
    private SnapshotHeader snapshot(LocalDate asOf, String field) {
        try {
            return snapshots.snapshot(asOf);
        } catch (FailedPreconditionException e) {
            if (e.reason().equals("SNAPSHOT_NOT_FOUND")) {
                throw new FailedPreconditionException("SNAPSHOT_NOT_FOUND", field + ": loan-risk has no completed snapshot of " + asOf);
            }
            throw e;
        }
    }

    /** G12's period: the year start is a 31 December, the period end after it and at most the following 31 December. */
    public record ReturnPeriod(LocalDate yearStart, LocalDate periodEnd) {

        /** Both dates as the caller sent them (null when already reported missing); violations name {@code from} and {@code to}. */
        public static ReturnPeriod check(LocalDate from, LocalDate to, bankrisk.common.error.Violations violations) {
            if (from != null && !(from.getMonth() == Month.DECEMBER && from.getDayOfMonth() == 31)) {
                violations.add("from", "must be a 31 December (the year start), not " + from);
            }
            if (from != null && to != null && !to.isAfter(from)) {
                violations.add("to", "must be after from (" + from + "), not " + to);
            } else if (from != null && to != null && to.isAfter(from.plusYears(1))) {
                violations.add("to", "must be at most the 31 December after from (" + from.plusYears(1) + "), not " + to);
            }
            return new ReturnPeriod(from, to);
        }
    }
}
