package bankrisk.provision.journal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.error.Violations;
import bankrisk.common.money.Amounts;
import bankrisk.provision.config.ProvisionConfig;
import bankrisk.provision.movement.KeyedMovement;
import bankrisk.provision.movement.MovementLine;
import bankrisk.provision.movement.MovementQuery;
import bankrisk.provision.run.ProvisionRun;
import bankrisk.provision.run.RunRepository;

/**
 * The journal of a run: per branch, the postings for the change in specific provisions since the previous run;
 * at the head-office branch, those for the change in the general reserve (computed on the whole book).
 */
@ApplicationScoped
public class JournalService {

    private final RunRepository runs;
    private final MovementQuery query;
    private final JournalRules rules;
    private final String headOffice;

    @Inject
    JournalService(RunRepository runs, MovementQuery query, ProvisionConfig config) {
        this.runs = runs;
        this.query = query;
        ProvisionConfig.Journal journal = config.journal();
        this.rules = new JournalRules(new JournalRules.Accounts(journal.impairmentLossAccount(), journal.allowanceAccount(),
                journal.loansAccount(), journal.profitDistributionAccount(), journal.generalRiskReserveAccount(), journal.recoveryAccount()));
        this.headOffice = journal.headOfficeBranch();
    }

    /** {@code previousRunId} 0: the latest earlier run of the same policy code, or none. */
    public Journal journal(long runId, long previousRunId) {
        Violations violations = new Violations();
        violations.require(runId > 0, "run_id", "must be a run id");
        violations.require(previousRunId >= 0, "previous_run_id", "must be a run id or 0");
        violations.throwIfAny();
        ProvisionRun run = runs.get(runId);
        ProvisionRun previous = previousRunId == 0 ? runs.previous(run).orElse(null) : runs.get(previousRunId);
        if (previous != null) {
            violations.require(previous.inputs().asOf().isBefore(run.inputs().asOf()), "previous_run_id",
                    "run " + previous.id() + " (as of " + previous.inputs().asOf() + ") is not before run " + runId);
            violations.throwIfAny();
        }
        return journalAgainst(run, previous);
    }

    /**
     * The journal booking the change from {@code previous} (null: none, the whole allowance is booked) to {@code run};
     * the caller has checked that {@code previous} is earlier.
     */
    public Journal journalAgainst(ProvisionRun run, ProvisionRun previous) {
        if (run.isGeneralRiskReserve()) {
            // Its own journal, apart from the impairment journal: the required reserve's change since the previous run.
            BigDecimal opening = previous == null ? Amounts.ZERO : previous.generalRiskReserve().orElseThrow().required();
            return new Journal(run, previous, rules.reserveEntries(headOffice, opening, run.generalRiskReserve().orElseThrow().required()));
        }
        List<KeyedMovement> branches = query.movement(previous, run, MovementQuery.GroupBy.BRANCH);
        MovementLine reserve = MovementLine.ofChange(MovementLine.Kind.GENERAL_RESERVE,
                previous == null ? Amounts.ZERO : previous.totals().generalReserve(), run.totals().generalReserve());
        KeyedMovement general = new KeyedMovement(headOffice, reserve.opening(), reserve.charges(), reserve.releases(), Amounts.ZERO,
                Amounts.ZERO, Amounts.ZERO, Amounts.ZERO, reserve.closing());
        List<KeyedMovement> all = new ArrayList<>(branches);
        all.add(general);
        checkRollForward(all, previous == null ? Amounts.ZERO : previous.totals().allowance(), run.totals().allowance());
        List<JournalEntry> entries = new ArrayList<>();
        for (KeyedMovement branch : branches) {
            entries.addAll(rules.entries(branch, "specific provisions"));
        }
        entries.addAll(rules.entries(general, "the general reserve"));
        return new Journal(run, previous, entries);
    }

    /**
     * What is booked must be the roll-forward: every branch's movement rolls forward to the fen and the branches meet
     * both runs' allowances; anything else is a defect, never booked.
     */
    private static void checkRollForward(List<KeyedMovement> movements, BigDecimal opening, BigDecimal closing) {
        BigDecimal openings = Amounts.ZERO;
        BigDecimal closings = Amounts.ZERO;
        for (KeyedMovement movement : movements) {
            if (movement.rolledForward().compareTo(movement.closing()) != 0) {
                throw new IllegalStateException("journal movement " + movement + " does not roll forward");
            }
            openings = openings.add(movement.opening());
            closings = closings.add(movement.closing());
        }
        if (openings.compareTo(opening) != 0 || closings.compareTo(closing) != 0) {
            throw new IllegalStateException("journal movements " + openings + " → " + closings + " do not meet the runs' allowances "
                    + opening + " → " + closing);
        }
    }
}
