package bankrisk.loanrisk.event;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What happened to a loan, and how it moves the loan's event balance (its on-balance principal as the events say).
 * This enum is the one home of that rule: the SQL that sums balances is generated from it ({@link #balanceDeltaSql}).
 * The CHECK of {@code loan_event.kind} (V7) lists the same kinds: a kind added here needs a migration that widens it.
 */
public enum EventKind {
    /** A draw, first or further: the balance rises. */
    DISBURSEMENT(1),
    /** Principal repaid. */
    REPAYMENT(-1),
    /** Principal written off (核銷): off balance, still claimable (賬銷案存); counts once a second person approved it. */
    WRITE_OFF(-1),
    /** Cash recovered on a written-off loan: off balance already, so no balance change. */
    RECOVERY(0),
    /** Principal derecognised by sale or transfer (e.g. an NPL batch sale). */
    TRANSFER(-1),
    /** Principal settled by a foreclosed asset (以物抵債). */
    FORECLOSURE(-1),
    /** The contract changed; no amount, no balance change. */
    RESTRUCTURE(0);

    private final int balanceSign;

    EventKind(int balanceSign) {
        this.balanceSign = balanceSign;
    }

    /** +1 when the event raises the balance by its amount, -1 when it lowers it, 0 when it leaves it alone. */
    public int balanceSign() {
        return balanceSign;
    }

    /** Every kind but a restructuring moves an amount. */
    public boolean hasAmount() {
        return this != RESTRUCTURE;
    }

    /**
     * SQL for the balance change of one event row, from its {@code kind} and {@code amount} columns; every kind is
     * listed, so there is no ELSE that could hide a kind added here and forgotten there.
     */
    public static String balanceDeltaSql(String kindColumn, String amountColumn) {
        return Arrays.stream(values())
                .map(k -> " WHEN '" + k.name() + "' THEN " + switch (k.balanceSign) {
                    case 1 -> amountColumn;
                    case -1 -> "-" + amountColumn;
                    default -> "0";
                })
                .collect(Collectors.joining("", "(CASE " + kindColumn, " END)"));
    }
}
