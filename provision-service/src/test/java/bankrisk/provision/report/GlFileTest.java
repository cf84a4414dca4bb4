package bankrisk.provision.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import bankrisk.provision.close.JournalPosting;
import bankrisk.provision.close.PostingLine;

class GlFileTest {

    /**
     * A December posting: BR02 charges 32364.20 and writes off 7000.00 against the allowance; the head
     * office releases 217.10. Debits 32364.20 + 7000.00 + 217.10 = 39581.30 = credits.
     */
    private static final List<PostingLine> LINES = List.of(
            line(1, "BR02-CHARGE", "CHARGE", "BR02", "6702", "32364.20", "0.00", "Increase of specific provisions"),
            line(2, "BR02-CHARGE", "CHARGE", "BR02", "1304", "0.00", "32364.20", "Increase of specific provisions"),
            line(3, "BR02-WRITE_OFF", "WRITE_OFF", "BR02", "1304", "7000.00", "0.00", "Write-off of loans against the allowance"),
            line(4, "BR02-WRITE_OFF", "WRITE_OFF", "BR02", "1303", "0.00", "7000.00", "Write-off of loans against the allowance"),
            line(5, "HEAD_OFFICE-RELEASE", "RELEASE", "HEAD_OFFICE", "1304", "217.10", "0.00", "=Release of the general reserve"),
            line(6, "HEAD_OFFICE-RELEASE", "RELEASE", "HEAD_OFFICE", "6702", "0.00", "217.10", "=Release of the general reserve"));

    @Test
    void oneRowPerLineAfterTheHeaderWithFormulaTextDefusedAndAmountsLeftNumbers() {
        String csv = GlFile.csv(posting(LINES, "39581.30"));

        assertThat(csv.split("\r\n")).containsExactly(
                "posting_id,date,branch,account_code,currency,debit,credit,description",
                "17,2024-12-31,BR02,6702,CNY,32364.20,0.00,\"Increase of specific provisions (BR02-CHARGE, run 5)\"",
                "17,2024-12-31,BR02,1304,CNY,0.00,32364.20,\"Increase of specific provisions (BR02-CHARGE, run 5)\"",
                "17,2024-12-31,BR02,1304,CNY,7000.00,0.00,\"Write-off of loans against the allowance (BR02-WRITE_OFF, run 5)\"",
                "17,2024-12-31,BR02,1303,CNY,0.00,7000.00,\"Write-off of loans against the allowance (BR02-WRITE_OFF, run 5)\"",
                "17,2024-12-31,HEAD_OFFICE,1304,CNY,217.10,0.00,\"'=Release of the general reserve (HEAD_OFFICE-RELEASE, run 5)\"",
                "17,2024-12-31,HEAD_OFFICE,6702,CNY,0.00,217.10,\"'=Release of the general reserve (HEAD_OFFICE-RELEASE, run 5)\"");
    }

    @Test
    void aBranchThatDoesNotBalanceIsNeverWritten() {
        // BR02's charge credited at the head office: both balance in total (39581.30) but neither branch does.
        List<PostingLine> lines = List.of(LINES.get(0), line(2, "BR02-CHARGE", "CHARGE", "HEAD_OFFICE", "1304", "0.00", "32364.20", "x"),
                LINES.get(2), LINES.get(3), LINES.get(4), LINES.get(5));

        assertThatThrownBy(() -> GlFile.csv(posting(lines, "39581.30"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("posting 17: branch BR02 CNY does not balance (debits − credits = 32364.20)");
    }

    @Test
    void linesThatDoNotAddUpToThePostingsTotalsAreNeverWritten() {
        assertThatThrownBy(() -> GlFile.csv(posting(LINES, "39581.31"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("posting 17: lines add up to 39581.30 / 39581.30, the posting says 39581.31 / 39581.31");
    }

    private static JournalPosting posting(List<PostingLine> lines, String total) {
        return new JournalPosting(17, JournalPosting.Kind.POSTING, 5, 4, 0, LocalDate.of(2024, 12, 31), "2024-12", "CNY", "alice",
                OffsetDateTime.parse("2025-01-02T10:00:00+08:00"), new BigDecimal(total), new BigDecimal(total), lines);
    }

    private static PostingLine line(int no, String entry, String kind, String branch, String account, String debit, String credit,
            String description) {
        return new PostingLine(no, entry, kind, branch, account, account, new BigDecimal(debit), new BigDecimal(credit), description);
    }
}
