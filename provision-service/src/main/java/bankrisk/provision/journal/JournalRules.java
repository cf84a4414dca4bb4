package bankrisk.provision.journal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import bankrisk.common.money.Amounts;
import bankrisk.provision.movement.KeyedMovement;

/**
 * The postings that book a branch's movement of allowance (PBOC/CAS practice):
 *
 * <ul>
 * <li>net increase (charges − releases &gt; 0): Dr credit-impairment loss 信用減值損失 / Cr loan-loss allowance 貸款損失準備;</li>
 * <li>net decrease: Dr loan-loss allowance / Cr credit-impairment loss (a release reverses the charge);</li>
 * <li>write-off (a booked WRITE_OFF in loan-risk; domain notes §5): Dr loan-loss allowance / Cr loans for the
 * principal written off — the allowance is used; any shortfall was charged first (the movement's charge);</li>
 * <li>transfer or foreclosure below principal (domain notes §5: derecognitions whose difference uses the allowance):
 * Dr loan-loss allowance / Cr loans for the principal the price or asset value did not cover;</li>
 * <li>recovery on a written-off loan: Dr recoveries account / Cr loan-loss allowance, or Cr credit-impairment loss
 * under a policy that books recoveries to profit (domain notes §5: "or profit, by the bank's policy").</li>
 * <li>MOF 2012 general risk reserve (an appropriation of profit, never the allowance; domain notes §5): a rise of
 * the required reserve Dr profit distribution – appropriation to general risk reserve 利潤分配—提取一般風險準備 / Cr
 * general risk reserve 一般風險準備; a fall the reverse.</li>
 * </ul>
 */
public final class JournalRules {

    public static final String IMPAIRMENT_NAME = "Credit-impairment loss (信用減值損失)";
    public static final String ALLOWANCE_NAME = "Loan-loss allowance (貸款損失準備)";
    public static final String LOANS_NAME = "Loans (貸款)";
    public static final String RECOVERY_NAME = "Recoveries of loans written off (已核銷貸款收回)";
    public static final String PROFIT_DISTRIBUTION_NAME = "Profit distribution - appropriation to general risk reserve (利潤分配—提取一般風險準備)";
    public static final String GENERAL_RISK_RESERVE_NAME = "General risk reserve (一般風險準備)";

    private final Accounts accounts;

    /** The general-ledger account codes. */
    public record Accounts(String impairmentLoss, String allowance, String loans, String profitDistribution,
            String generalRiskReserve, String recovery) {
    }

    public JournalRules(Accounts accounts) {
        this.accounts = accounts;
    }

    /**
     * The entries of one branch (or the head office for the general reserve): charge or release, then write-off,
     * derecognition and recovery. The allowance account moves by exactly closing − opening of the movement.
     */
    public List<JournalEntry> entries(KeyedMovement movement, String description) {
        List<JournalEntry> entries = new ArrayList<>();
        String branch = movement.key();
        BigDecimal net = movement.charges().subtract(movement.releases());
        if (net.signum() > 0) {
            entries.add(new JournalEntry(branch + "-CHARGE", branch, JournalEntry.Kind.CHARGE, "Increase of " + description,
                    List.of(debit(accounts.impairmentLoss(), IMPAIRMENT_NAME, net), credit(accounts.allowance(), ALLOWANCE_NAME, net))));
        } else if (net.signum() < 0) {
            BigDecimal release = net.negate();
            entries.add(new JournalEntry(branch + "-RELEASE", branch, JournalEntry.Kind.RELEASE, "Release of " + description,
                    List.of(debit(accounts.allowance(), ALLOWANCE_NAME, release), credit(accounts.impairmentLoss(), IMPAIRMENT_NAME, release))));
        }
        if (movement.writeOffs().signum() > 0) {
            entries.add(new JournalEntry(branch + "-WRITE_OFF", branch, JournalEntry.Kind.WRITE_OFF, "Write-off of loans against the allowance",
                    List.of(debit(accounts.allowance(), ALLOWANCE_NAME, movement.writeOffs()),
                            credit(accounts.loans(), LOANS_NAME, movement.writeOffs()))));
        }
        if (movement.derecognitionLosses().signum() > 0) {
            entries.add(new JournalEntry(branch + "-DERECOGNITION", branch, JournalEntry.Kind.DERECOGNITION,
                    "Loss on loans transferred or foreclosed, against the allowance",
                    List.of(debit(accounts.allowance(), ALLOWANCE_NAME, movement.derecognitionLosses()),
                            credit(accounts.loans(), LOANS_NAME, movement.derecognitionLosses()))));
        }
        if (movement.recoveries().signum() > 0) {
            entries.add(new JournalEntry(branch + "-RECOVERY", branch, JournalEntry.Kind.RECOVERY,
                    "Recovery of loans written off, to the allowance", List.of(debit(accounts.recovery(), RECOVERY_NAME, movement.recoveries()),
                            credit(accounts.allowance(), ALLOWANCE_NAME, movement.recoveries()))));
        }
        if (movement.recoveredToProfit().signum() > 0) {
            entries.add(new JournalEntry(branch + "-RECOVERY", branch, JournalEntry.Kind.RECOVERY,
                    "Recovery of loans written off, to profit", List.of(debit(accounts.recovery(), RECOVERY_NAME, movement.recoveredToProfit()),
                            credit(accounts.impairmentLoss(), IMPAIRMENT_NAME, movement.recoveredToProfit()))));
        }
        return entries;
    }

    /** The entry that moves the general risk reserve from {@code opening} to {@code closing} at {@code branch}; none when equal. */
    public List<JournalEntry> reserveEntries(String branch, BigDecimal opening, BigDecimal closing) {
        BigDecimal change = closing.subtract(opening);
        if (change.signum() > 0) {
            return List.of(new JournalEntry(branch + "-RESERVE_APPROPRIATION", branch, JournalEntry.Kind.RESERVE_APPROPRIATION,
                    "Appropriation to the general risk reserve (MOF 2012)", List.of(debit(accounts.profitDistribution(), PROFIT_DISTRIBUTION_NAME,
                            change), credit(accounts.generalRiskReserve(), GENERAL_RISK_RESERVE_NAME, change))));
        }
        if (change.signum() < 0) {
            BigDecimal release = change.negate();
            return List.of(new JournalEntry(branch + "-RESERVE_RELEASE", branch, JournalEntry.Kind.RESERVE_RELEASE,
                    "Release of the general risk reserve (MOF 2012)", List.of(debit(accounts.generalRiskReserve(), GENERAL_RISK_RESERVE_NAME,
                            release), credit(accounts.profitDistribution(), PROFIT_DISTRIBUTION_NAME, release))));
        }
        return List.of();
    }

    private static Posting debit(String account, String name, BigDecimal amount) {
        return new Posting(account, name, amount, Amounts.ZERO);
    }

    private static Posting credit(String account, String name, BigDecimal amount) {
        return new Posting(account, name, Amounts.ZERO, amount);
    }
}
