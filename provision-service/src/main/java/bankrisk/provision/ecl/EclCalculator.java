package bankrisk.provision.ecl;

import java.math.BigDecimal;

import bankrisk.common.money.Amounts;
import bankrisk.common.money.Rates;
import bankrisk.provision.policy.LoanCategory;
import bankrisk.provision.run.GradedLoan;

/**
 * Expected credit loss of a loan, IFRS 9 / CAS 22 simplified: ECL = PD × LGD × EAD, rounded once to the fen.
 *
 * <ul>
 * <li>Stage: the category's configured stage (by default Normal 1, Special mention 2, non-performing 3); a stage 1
 * loan more than {@code stage2DaysPastDue} (30) days past due moves to stage 2 and any loan more than
 * {@code stage3DaysPastDue} (90) days past due to stage 3 (the standard's rebuttable presumptions).</li>
 * <li>PD: the 12-month PD of the category in stage 1, the lifetime PD in stages 2 and 3.</li>
 * <li>EAD: the outstanding balance (no undrawn commitments, no credit conversion factor).</li>
 * <li>Simplifications: no discounting at the effective interest rate, no forward-looking scenarios, no collateral
 * in the LGD beyond what the configured LGD assumes.</li>
 * </ul>
 */
public final class EclCalculator {

    private final EclParameters parameters;

    public EclCalculator(EclParameters parameters) {
        this.parameters = parameters;
    }

    public int stage(LoanCategory category, int daysPastDue) {
        int stage = parameters.baseStage().get(category);
        if (daysPastDue > parameters.stage3DaysPastDue()) {
            return 3;
        }
        if (stage == 1 && daysPastDue > parameters.stage2DaysPastDue()) {
            return 2;
        }
        return stage;
    }

    public EclResult ecl(GradedLoan loan) {
        int stage = stage(loan.category(), loan.daysPastDue());
        BigDecimal pd = stage == 1 ? parameters.pd12Month().get(loan.category()) : parameters.pdLifetime().get(loan.category());
        BigDecimal lgd = parameters.lgd().get(loan.category());
        BigDecimal ecl = Amounts.round(pd.multiply(lgd).multiply(loan.balance()));
        return new EclResult(stage, Rates.round(pd), Rates.round(lgd), ecl);
    }

    public EclParameters parameters() {
        return parameters;
    }
}
