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
 * </ul>
 */
public final class JournalRules {

    public static final String IMPAIRMENT_NAME = "Credit-impairment loss (信用減值損失)";
    public static final String ALLOWANCE_NAME = "Loan-loss allowance (貸款損失準備)";
    public static final String LOANS_NAME = "Loans (貸款)";

    private final Accounts accounts;

    /** The general-ledger account codes. */
    public record Accounts(String impairmentLoss, String allowance, String loans) {
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

    private static Posting debit(String account, String name, BigDecimal amount) {
        return new Posting(account, name, amount, Amounts.ZERO);
    }

    private static Posting credit(String account, String name, BigDecimal amount) {
        return new Posting(account, name, Amounts.ZERO, amount);
    }
}
