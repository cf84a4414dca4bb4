package bankrisk.provision.journal;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

import bankrisk.common.money.Amounts;

/** A journal entry of one branch; balanced by construction and checked. */
public record JournalEntry(String entryId, String branchCode, Kind kind, String description, List<Posting> postings) {

    public enum Kind {
        CHARGE,
        RELEASE,
        WRITE_OFF,
        RESERVE_APPROPRIATION,
        RESERVE_RELEASE,
        RECOVERY,
        DERECOGNITION
    }

    public JournalEntry {
        postings = List.copyOf(postings);
        BigDecimal debits = sum(postings, Posting::debit);
        BigDecimal credits = sum(postings, Posting::credit);
        if (debits.compareTo(credits) != 0) {
            throw new IllegalStateException("journal entry " + entryId + " does not balance: debits " + debits + ", credits " + credits);
        }
    }

    public BigDecimal totalDebit() {
        return sum(postings, Posting::debit);
    }

    public BigDecimal totalCredit() {
        return sum(postings, Posting::credit);
    }

    private static BigDecimal sum(List<Posting> postings, Function<Posting, BigDecimal> amount) {
        return postings.stream().map(amount).reduce(Amounts.ZERO, BigDecimal::add);
    }
}
