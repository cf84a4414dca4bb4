package bankrisk.provision.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import bankrisk.provision.movement.KeyedMovement;

class JournalRulesTest {

    private final JournalRules rules = new JournalRules(new JournalRules.Accounts("6702", "1304", "1303", "4104", "4102", "1001"));

    @Test
    void aNetIncreaseDebitsImpairmentLossAndCreditsTheAllowance() {
        List<JournalEntry> entries = rules.entries(movement("BR02", "2500.00", "32364.20", "0.00", "0.00", "0.00", "0.00", "0.00"), "specific provisions");

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(JournalEntry.Kind.CHARGE);
            assertThat(entry.postings()).extracting(p -> p.accountCode() + " Dr " + p.debit() + " Cr " + p.credit())
                    .containsExactly("6702 Dr 32364.20 Cr 0.00", "1304 Dr 0.00 Cr 32364.20");
        });
    }

    @Test
    void aNetDecreaseReversesIt() {
        List<JournalEntry> entries = rules.entries(movement("BR03", "1000.00", "66.67", "1000.00", "0.00", "0.00", "0.00", "0.00"), "specific provisions");

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(JournalEntry.Kind.RELEASE);
            assertThat(entry.postings()).extracting(p -> p.accountCode() + " Dr " + p.debit() + " Cr " + p.credit())
                    .containsExactly("1304 Dr 933.33 Cr 0.00", "6702 Dr 0.00 Cr 933.33");
        });
    }

    @Test
    void aWriteOffUsesTheAllowanceAfterTheShortfallIsCharged() {
        // A Loss loan of 7000.00 with an allowance of 5000.00 (netted of collateral) is written off in full: the movement
        // charges the 2000.00 shortfall (closing 0.00 − opening 5000.00 + used 7000.00), then the write-off uses 7000.00.
        List<JournalEntry> entries = rules.entries(movement("BR02", "5000.00", "2000.00", "0.00", "7000.00", "0.00", "0.00", "0.00"),
                "specific provisions");

        assertThat(entries).extracting(e -> e.kind() + ": " + e.postings().stream().map(p -> p.accountCode() + " Dr " + p.debit() + " Cr "
                + p.credit()).toList()).containsExactly(
                        "CHARGE: [6702 Dr 2000.00 Cr 0.00, 1304 Dr 0.00 Cr 2000.00]",
                        "WRITE_OFF: [1304 Dr 7000.00 Cr 0.00, 1303 Dr 0.00 Cr 7000.00]");
    }

    @Test
    void aTransferBelowPrincipalAndARecoveryToTheAllowanceMoveTheAllowanceByClosingMinusOpening() {
        // BR03: Substandard 4000.00 at 25 % = 1000.00 sold for 2500.00 → 1500.00 used, 500.00 charged first; 300.00 recovered on
        // a loan written off before, to the allowance, then released (nothing on the book needs it): opening 1000.00 +
        // charge 500.00 − release 300.00 − derecognition 1500.00 + recovery 300.00 = closing 0.00.
        List<JournalEntry> entries = rules.entries(movement("BR03", "1000.00", "500.00", "300.00", "0.00", "1500.00", "300.00", "0.00"),
                "specific provisions");

        assertThat(entries).extracting(e -> e.kind() + ": " + e.postings().stream().map(p -> p.accountCode() + " Dr " + p.debit() + " Cr "
                + p.credit()).toList()).containsExactly(
                        "CHARGE: [6702 Dr 200.00 Cr 0.00, 1304 Dr 0.00 Cr 200.00]",
                        "DERECOGNITION: [1304 Dr 1500.00 Cr 0.00, 1303 Dr 0.00 Cr 1500.00]",
                        "RECOVERY: [1001 Dr 300.00 Cr 0.00, 1304 Dr 0.00 Cr 300.00]");
        // The allowance account 1304: +200.00 − 1500.00 + 300.00 = −1000.00 = closing 0.00 − opening 1000.00.
        BigDecimal allowance = entries.stream().flatMap(e -> e.postings().stream()).filter(p -> p.accountCode().equals("1304"))
                .map(p -> p.credit().subtract(p.debit())).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(allowance).isEqualByComparingTo("-1000.00");
    }

    @Test
    void aRecoveryToProfitCreditsTheImpairmentLossAndLeavesTheAllowance() {
        List<JournalEntry> entries = rules.entries(movement("BR03", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "300.00"),
                "specific provisions");

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(JournalEntry.Kind.RECOVERY);
            assertThat(entry.postings()).extracting(p -> p.accountCode() + " Dr " + p.debit() + " Cr " + p.credit())
                    .containsExactly("1001 Dr 300.00 Cr 0.00", "6702 Dr 0.00 Cr 300.00");
        });
    }

    @Test
    void noMovementBooksNothing() {
        assertThat(rules.entries(movement("BR01", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"), "specific provisions")).isEmpty();
    }

    @Test
    void anUnbalancedEntryCannotExist() {
        assertThatThrownBy(() -> new JournalEntry("X", "BR01", JournalEntry.Kind.CHARGE, "",
                List.of(new Posting("6702", "", new BigDecimal("1.00"), new BigDecimal("0.00")),
                        new Posting("1304", "", new BigDecimal("0.00"), new BigDecimal("0.99")))))
                .hasMessage("journal entry X does not balance: debits 1.00, credits 0.99");
    }

    private static KeyedMovement movement(String branch, String opening, String charges, String releases, String writeOffs,
            String derecognitionLosses, String recoveries, String recoveredToProfit) {
        BigDecimal closing = new BigDecimal(opening).add(new BigDecimal(charges)).subtract(new BigDecimal(releases))
                .subtract(new BigDecimal(writeOffs)).subtract(new BigDecimal(derecognitionLosses)).add(new BigDecimal(recoveries));
        return new KeyedMovement(branch, new BigDecimal(opening), new BigDecimal(charges), new BigDecimal(releases),
                new BigDecimal(writeOffs), new BigDecimal(derecognitionLosses), new BigDecimal(recoveries), new BigDecimal(recoveredToProfit),
                closing);
    }
}
