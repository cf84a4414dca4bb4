package bankrisk.loanrisk.precheck;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The identity document an application is made with (seed, section 7: only a valid second-generation resident identity
 * card is accepted; temporary cards, expired cards and first-generation numbers are not).
 *
 * @param kind what the applicant showed; {@link Kind#NOT_STATED} when the caller did not say (callers from before the
 *        field): the number alone is checked, as before
 * @param validUntil the last day the card is valid (inclusive), or null when not stated or valid long-term (长期)
 */
public record IdDocument(Kind kind, LocalDate validUntil) {

    /** What was shown. */
    public enum Kind {
        NOT_STATED,
        SECOND_GENERATION_CARD,
        TEMPORARY_CARD,
        OTHER
    }

    /** A document about which nothing was said: only the number is checked. */
    public static final IdDocument NOT_STATED = new IdDocument(Kind.NOT_STATED, null);

    /** The stable reason a document is refused on the application date, or empty when it is acceptable. */
    public Optional<String> refusal(LocalDate applicationDate) {
        if (kind == Kind.TEMPORARY_CARD) {
            return Optional.of("ID_DOCUMENT_TEMPORARY");
        }
        if (kind == Kind.OTHER) {
            return Optional.of("ID_DOCUMENT_NOT_RESIDENT_CARD");
        }
        // The card is valid through its end date: expired from the day after.
        if (validUntil != null && validUntil.isBefore(applicationDate)) {
            return Optional.of("ID_DOCUMENT_EXPIRED");
        }
        return Optional.empty();
    }
}
