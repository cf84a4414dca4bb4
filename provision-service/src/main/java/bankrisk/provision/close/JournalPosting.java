package bankrisk.provision.close;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A posting as stored: the journal of a run booked once ({@code POSTING}, the delta against {@code previousRunId},
 * 0 when the book had no posted run), or the undoing of one ({@code REVERSAL} of {@code reversesId}).
 */
public record JournalPosting(long id, Kind kind, long runId, long previousRunId, long reversesId, LocalDate postingDate,
        String period, String currencyCode, String postedBy, OffsetDateTime postedAt, BigDecimal totalDebit,
        BigDecimal totalCredit, List<PostingLine> lines) {

    public enum Kind {
        POSTING,
        REVERSAL
    }

    public JournalPosting {
        lines = List.copyOf(lines);
    }
}
