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
 * <li>write-off: Dr loan-loss allowance (the allowance the loan used), Dr credit-impairment loss (any balance the
 * allowance did not cover), Cr loans (the balance taken off the book).</li>
 * <li>MOF 2012 general risk reserve (an appropriation of profit, never the allowance; domain notes §5): a rise of
 * the required reserve Dr profit distribution – appropriation to general risk reserve 利潤分配—提取一般風險準備 / Cr
 * general risk reserve 一般風險準備; a fall the reverse.</li>
 * </ul>
 */
public final class JournalRules {

    public static final String IMPAIRMENT_NAME = "Credit-impairment loss (信用減值損失)";
    public static final String ALLOWANCE_NAME = "Loan-loss allowance (貸款損失準備)";
    public static final String LOANS_NAME = "Loans (貸款)";
    public static final String PROFIT_DISTRIBUTION_NAME = "Profit distribution - appropriation to general risk reserve (利潤分配—提取一般風險準備)";
    public static final String GENERAL_RISK_RESERVE_NAME = "General risk reserve (一般風險準備)";

    private final Accounts accounts;

    /** The general-ledger account codes. */
    public record Accounts(String impairmentLoss, String allowance, String loans, String profitDistribution,
            String generalRiskReserve) {
    }

    public JournalRules(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The entries of one branch (or the head office for the general reserve): charge or release, then write-off. */
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
        if (movement.writeOffBalance().signum() > 0 || movement.writeOffs().signum() > 0) {
            List<Posting> postings = new ArrayList<>();
            postings.add(debit(accounts.allowance(), ALLOWANCE_NAME, movement.writeOffs()));
            BigDecimal uncovered = movement.writeOffBalance().subtract(movement.writeOffs()).max(Amounts.ZERO);
            if (uncovered.signum() > 0) {
                postings.add(debit(accounts.impairmentLoss(), IMPAIRMENT_NAME, uncovered));
            }
            postings.add(credit(accounts.loans(), LOANS_NAME, movement.writeOffs().add(uncovered)));
            entries.add(new JournalEntry(branch + "-WRITE_OFF", branch, JournalEntry.Kind.WRITE_OFF,
                    "Write-off of Loss loans that left the book", postings));
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
