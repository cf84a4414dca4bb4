package bankrisk.loanrisk.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import bank.loanrisk.v1.SnapshotGrade;
import bank.loanrisk.v1.SnapshotGradeBatch;
import bankrisk.loanrisk.grading.Category;
import bankrisk.loanrisk.loan.BorrowerKind;
import bankrisk.loanrisk.loan.CollateralKind;
import bankrisk.loanrisk.loan.Product;
import bankrisk.loanrisk.snapshot.GradedLoan;
import bankrisk.loanrisk.snapshot.PeriodFlows;
import bankrisk.loanrisk.snapshot.StreamedGrade;

class SnapshotBatchesTest {

    static final SnapshotGrpcService.Period PERIOD = new SnapshotGrpcService.Period("CNY", "", null, LocalDate.of(2026, 6, 30));
    static final PeriodFlows NO_FLOWS = new PeriodFlows(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    @Test
    void aPageIsOneBatchInItsOrder() {
        List<StreamedGrade> page = List.of(row("L1", 1), row("L2", 1), row("L3", 1));

        List<SnapshotGradeBatch> batches = SnapshotGrpcService.batches(page, PERIOD);

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).getGradesList()).extracting(SnapshotGrade::getLoanId).containsExactly("L1", "L2", "L3");
        assertThat(batches.get(0).getGrades(0).getOutstandingBalance().getAmount()).isEqualTo("1234.50");
    }

    @Test
    void aPageOverTheByteLimitIsSplitWithoutLosingOrReorderingARow() {
        // Rows of ~300 KiB each (a huge reason code): three fit under 1 MiB, the fourth starts a new batch.
        int reasonLength = 300 * 1024;
        List<StreamedGrade> page = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            page.add(row("L" + i, reasonLength));
        }

        List<SnapshotGradeBatch> batches = SnapshotGrpcService.batches(page, PERIOD);

        assertThat(batches).extracting(SnapshotGradeBatch::getGradesCount).containsExactly(3, 3, 1);
        assertThat(batches).allSatisfy(b -> assertThat(b.getSerializedSize()).isLessThanOrEqualTo(SnapshotGrpcService.MAX_BATCH_BYTES));
        assertThat(batches.stream().flatMap(b -> b.getGradesList().stream()).map(SnapshotGrade::getLoanId).toList())
                .containsExactly("L1", "L2", "L3", "L4", "L5", "L6", "L7");
    }

    @Test
    void anEmptyPageIsNoBatch() {
        assertThat(SnapshotGrpcService.batches(List.of(), PERIOD)).isEmpty();
    }

    private static StreamedGrade row(String loanId, int reasonLength) {
        return new StreamedGrade(new GradedLoan(loanId, "C1", BorrowerKind.RETAIL, Product.PERSONAL_CONSUMPTION, "BR01",
                new BigDecimal("1234.5"), CollateralKind.NONE, BigDecimal.ZERO, Category.ofRank(2), Category.ofRank(2), 10,
                List.of("R".repeat(reasonLength))), "CNY", new BigDecimal("1234.5"), BigDecimal.ONE,
                new bankrisk.loanrisk.loan.ContractTerms(null, null, null, null), NO_FLOWS);
    }
}
