package bankrisk.provision.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import bankrisk.common.money.Amounts;
import bankrisk.provision.policy.LoanCategory;

/** G12's rules without Quarkus: a write-off is a decrease, not a migration; a foreign loan's translation difference. */
class G12MatrixTest {

    @Test
    void aPartWrittenOffLoanMigratesOnlyWithWhatRemainsAndTheWriteOffIsADecrease() {
        G12Matrix matrix = new G12Matrix("CNY");
        // D1: Doubtful 100000 at the year start, 60000 written off, the remaining 40000 now Loss
        matrix.add(flow("D1", "CNY", LoanCategory.DOUBTFUL, LoanCategory.LOSS, "100000.00", "40000.00", "0", "60000.00", "0", "0"));
        // D2: Doubtful 50000, sold whole (transferred)
        matrix.add(flow("D2", "CNY", LoanCategory.DOUBTFUL, null, "50000.00", "0.00", "0", "0", "50000.00", "0"));

        // Doubtful migration = now Loss 40000 / (150000 − (60000 + 50000) = 40000) = 1.00000000;
        // were the write-off a migration it would read 100000 / 40000
        ReturnRatio doubtful = matrix.ratios().get(3);
        assertThat(doubtful.code()).isEqualTo("DOUBTFUL_MIGRATION");
        assertThat(doubtful.numerator()).isEqualByComparingTo("40000.00");
        assertThat(doubtful.denominator()).isEqualByComparingTo("40000.00");
        assertThat(doubtful.value()).contains(new BigDecimal("1.00000000"));
        assertThat(matrix.row(LoanCategory.DOUBTFUL).writtenOff()).isEqualByComparingTo("60000.00");
        assertThat(matrix.row(LoanCategory.DOUBTFUL).leftBook()).isEqualTo(1);
        // Normal has no year-start loans: 0 / 0, not applicable
        assertThat(matrix.ratios().get(0).applicable()).isFalse();
        assertThat(matrix.ratios().get(0).value()).isEmpty();
    }

    @Test
    void aForeignLoansTranslationDifferenceReconcilesItsRowAndAMisreportedDifferenceFailsTheCheck() {
        G12Matrix matrix = new G12Matrix("CNY");
        // N1: USD 10000 at 7.00 = 70000.00 at the year start, at 7.20 = 72000.00 at the period end, no flows:
        // difference 72000 − 70000 = 2000.00 (translation), so 70000 + 0 − 0 + 2000 = 72000
        matrix.add(flow("N1", "USD", LoanCategory.NORMAL, LoanCategory.NORMAL, "70000.00", "72000.00", "0", "0", "0", "0"));
        assertThat(matrix.row(LoanCategory.NORMAL).difference()).isEqualByComparingTo("2000.00");
        G11Grid start = grid(LoanCategory.NORMAL, "70000.00");
        G11Grid end = grid(LoanCategory.NORMAL, "72000.00");
        assertThat(matrix.checks(start, end)).allMatch(FormCheck::passed);

        // a CNY loan whose balance fell by 1000 with no booked event and loan-risk reporting no unexplained difference
        G12Matrix broken = new G12Matrix("CNY");
        broken.add(flow("N2", "CNY", LoanCategory.NORMAL, LoanCategory.NORMAL, "70000.00", "69000.00", "0", "0", "0", "0"));
        assertThat(broken.checks(start, grid(LoanCategory.NORMAL, "69000.00"))).filteredOn(c -> !c.passed()).extracting(FormCheck::code)
                .containsExactly("G12_PARTS_RECONCILE");
    }

    private static G11Grid grid(LoanCategory category, String balance) {
        G11Grid grid = new G11Grid();
        grid.add(category, "RETAIL", "PERSONAL_MORTGAGE", 0, new Cell(1, new BigDecimal(balance), Amounts.ZERO));
        return grid;
    }

    private static LoanFlowFact flow(String id, String currency, LoanCategory from, LoanCategory to, String opening, String closing, String repaid,
            String writtenOff, String transferred, String foreclosed) {
        return new LoanFlowFact(id, "C-" + id, currency, from, to, new BigDecimal(opening), new BigDecimal(closing), Amounts.ZERO,
                new BigDecimal(repaid), new BigDecimal(writtenOff), new BigDecimal(transferred), new BigDecimal(foreclosed), Amounts.ZERO, "BR01", Amounts.ZERO, Amounts.ZERO, Amounts.ZERO);
    }
}
