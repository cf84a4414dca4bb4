package bankrisk.provision.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import bankrisk.provision.movement.KeyedMovement;

class JournalRulesTest {

    private final JournalRules rules = new JournalRules(new JournalRules.Accounts("6702", "1304", "1303", "4104", "4102"));

    @Test
    void aNetIncreaseDebitsImpairmentLossAndCreditsTheAllowance() {
        List<JournalEntry> entries = rules.entries(movement("BR02", "2500.00", "32364.20", "0.00", "0.00", "0.00"), "specific provisions");

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(JournalEntry.Kind.CHARGE);
            assertThat(entry.postings()).extracting(p -> p.accountCode() + " Dr " + p.debit() + " Cr " + p.credit())
                    .containsExactly("6702 Dr 32364.20 Cr 0.00", "1304 Dr 0.00 Cr 32364.20");
        });
    }

    @Test
    void aNetDecreaseReversesIt() {
        List<JournalEntry> entries = rules.entries(movement("BR03", "1000.00", "66.67", "1000.00", "0.00", "0.00"), "specific provisions");

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(JournalEntry.Kind.RELEASE);
            assertThat(entry.postings()).extracting(p -> p.accountCode() + " Dr " + p.debit() + " Cr " + p.credit())
                    .containsExactly("1304 Dr 933.33 Cr 0.00", "6702 Dr 0.00 Cr 933.33");
        });
    }

    @Test
    void aWriteOffUsesTheAllowanceAndChargesWhatItDidNotCover() {
        // A Loss loan of 7000.00 with an allowance of 5000.00 (netted of collateral) leaves the book.
        List<JournalEntry> entries = rules.entries(movement("BR02", "5000.00", "0.00", "0.00", "5000.00", "7000.00"), "specific provisions");

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(JournalEntry.Kind.WRITE_OFF);
            assertThat(entry.postings()).extracting(p -> p.accountCode() + " Dr " + p.debit() + " Cr " + p.credit())
                    .containsExactly("1304 Dr 5000.00 Cr 0.00", "6702 Dr 2000.00 Cr 0.00", "1303 Dr 0.00 Cr 7000.00");
            assertThat(entry.totalDebit()).isEqualByComparingTo(entry.totalCredit()).isEqualByComparingTo("7000.00");
        });
    }

    @Test
    void noMovementBooksNothing() {
        assertThat(rules.entries(movement("BR01", "0.00", "0.00", "0.00", "0.00", "0.00"), "specific provisions")).isEmpty();
    }

    @Test
    void anUnbalancedEntryCannotExist() {
        assertThatThrownBy(() -> new JournalEntry("X", "BR01", JournalEntry.Kind.CHARGE, "",
                List.of(new Posting("6702", "", new BigDecimal("1.00"), new BigDecimal("0.00")),
                        new Posting("1304", "", new BigDecimal("0.00"), new BigDecimal("0.99")))))
                .hasMessage("journal entry X does not balance: debits 1.00, credits 0.99");
    }

    private static KeyedMovement movement(String branch, String opening, String charges, String releases, String writeOffs,
            String writeOffBalance) {
        BigDecimal closing = new BigDecimal(opening).add(new BigDecimal(charges)).subtract(new BigDecimal(releases))
                .subtract(new BigDecimal(writeOffs));
        return new KeyedMovement(branch, new BigDecimal(opening), new BigDecimal(charges), new BigDecimal(releases),
                new BigDecimal(writeOffs), new BigDecimal(writeOffBalance), closing);
    }
}
