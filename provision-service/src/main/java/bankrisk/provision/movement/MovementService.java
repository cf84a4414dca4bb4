package bankrisk.provision.movement;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.error.Violations;
import bankrisk.provision.movement.MovementLine.Kind;
import bankrisk.provision.policy.LoanCategory;
import bankrisk.provision.run.ProvisionRun;
import bankrisk.provision.run.RunRepository;

/**
 * The allowance roll-forward between two runs, per category, from the runs' lines and loan-risk's booked flows between
 * their snapshots ({@link MovementQuery}), checked row by row to the fen before it is shown.
 */
@ApplicationScoped
public class MovementService {

    private final RunRepository runs;
    private final MovementQuery query;

    @Inject
    MovementService(RunRepository runs, MovementQuery query) {
        this.runs = runs;
        this.query = query;
    }

    public Movement movement(long fromRunId, long toRunId) {
        Violations violations = new Violations();
        violations.require(fromRunId > 0, "from_run_id", "must be a run id");
        violations.require(toRunId > 0, "to_run_id", "must be a run id");
        violations.throwIfAny();
        ProvisionRun from = runs.get(fromRunId);
        ProvisionRun to = runs.get(toRunId);
        violations.require(from.inputs().asOf().isBefore(to.inputs().asOf()), "to_run_id",
                "run " + toRunId + " (as of " + to.inputs().asOf() + ") must be later than run " + fromRunId + " (as of "
                        + from.inputs().asOf() + ")");
        violations.throwIfAny();

        Map<LoanCategory, MovementLine> byCategory = new EnumMap<>(LoanCategory.class);
        for (LoanCategory category : LoanCategory.values()) {
            byCategory.put(category, MovementLine.zero(Kind.CATEGORY, category));
        }
        for (KeyedMovement row : query.movement(from, to, MovementQuery.GroupBy.CATEGORY)) {
            LoanCategory category = LoanCategory.valueOf(row.key());
            byCategory.put(category, MovementLine.of(Kind.CATEGORY, category, row));
        }
        List<MovementLine> lines = new ArrayList<>(byCategory.values());
        lines.add(MovementLine.ofChange(Kind.GENERAL_RESERVE, from.totals().generalReserve(), to.totals().generalReserve()));
        MovementLine total = MovementLine.zero(Kind.TOTAL, null);
        for (MovementLine line : lines) {
            total = total.plus(line, Kind.TOTAL);
        }
        lines.add(total);
        checkRollForward(lines, from, to);
        return new Movement(from, to, lines);
    }

    /** Every row must roll forward and the rows must meet the runs' stored totals; anything else is a defect. */
    private static void checkRollForward(List<MovementLine> lines, ProvisionRun from, ProvisionRun to) {
        for (MovementLine line : lines) {
            if (!line.rollsForward()) {
                throw new IllegalStateException("movement row " + line + " does not roll forward");
            }
        }
        MovementLine total = lines.get(lines.size() - 1);
        if (total.opening().compareTo(from.totals().allowance()) != 0 || total.closing().compareTo(to.totals().allowance()) != 0) {
            throw new IllegalStateException("movement total " + total + " does not meet the runs' allowances");
        }
    }
}
