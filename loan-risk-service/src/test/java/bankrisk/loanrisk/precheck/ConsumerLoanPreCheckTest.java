package bankrisk.loanrisk.precheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class ConsumerLoanPreCheckTest {

    static final LocalDate APPLIED = LocalDate.of(2026, 11, 29);

    @Test
    void anApplicantOfThirtyWithADebitCardInHerNameIsEligible() {
        ConsumerLoanPreCheck.Result result = check(idBornOn(LocalDate.of(1996, 5, 1)), false, true, "Wang Fang");

        assertThat(result.eligible()).isTrue();
        assertThat(result.reasons()).isEmpty();
        assertThat(result.age()).isEqualTo(30);
    }

    @Test
    void eighteenOnTheApplicationDayIsEligibleTheDayBeforeIsNot() {
        assertThat(check(idBornOn(APPLIED.minusYears(18)), false, true, "Wang Fang").reasons()).isEmpty();
        assertThat(check(idBornOn(APPLIED.minusYears(18).plusDays(1)), false, true, "Wang Fang").reasons())
                .containsExactly("AGE_UNDER_18");
    }

    @Test
    void fiftyFiveUntilTheDayBeforeTheFiftySixthBirthday() {
        ConsumerLoanPreCheck.Result last = check(idBornOn(APPLIED.minusYears(56).plusDays(1)), false, true, "Wang Fang");
        ConsumerLoanPreCheck.Result over = check(idBornOn(APPLIED.minusYears(56)), false, true, "Wang Fang");

        assertThat(last.reasons()).isEmpty();
        assertThat(last.age()).isEqualTo(55);
        assertThat(over.reasons()).containsExactly("AGE_OVER_55");
        assertThat(over.age()).isEqualTo(56);
    }

    @Test
    void everyReasonIsListed() {
        ConsumerLoanPreCheck.Result result = check(idBornOn(APPLIED.minusYears(17)), true, false, "Li Lei");

        assertThat(result.eligible()).isFalse();
        assertThat(result.reasons()).containsExactly("AGE_UNDER_18", "STUDENT", "NOT_A_DEBIT_CARD", "CARD_NOT_IN_OWN_NAME");
    }

    @Test
    void anInvalidIdIsAReasonAndGivesNoAge() {
        ConsumerLoanPreCheck.Result result = check("110105194912310021", false, true, "Wang Fang");

        assertThat(result.reasons()).containsExactly("RESIDENT_ID_CHECK_DIGIT");
        assertThat(result.age()).isZero();
    }

    @Test
    void namesCompareWithoutExtraBlanksOrCase() {
        assertThat(check(idBornOn(LocalDate.of(1990, 1, 1)), false, true, "  wang   fang ").reasons()).isEmpty();
    }

    @Test
    void aFirstGenerationFifteenDigitNumberHasItsOwnReason() {
        // 15 digits: 6 area, 6 birth (yyMMdd), 3 sequence, no check character (GB 11643-1989).
        ConsumerLoanPreCheck.Result result = check("110105491231002", false, true, "Wang Fang");

        assertThat(result.reasons()).containsExactly("RESIDENT_ID_FIRST_GENERATION");
        assertThat(result.age()).isZero();
        assertThat(check("11010549123100", false, true, "Wang Fang").reasons()).containsExactly("RESIDENT_ID_MALFORMED");
    }

    @Test
    void aTemporaryOrOtherDocumentIsRefusedWithItsOwnReason() {
        String id = idBornOn(LocalDate.of(1990, 1, 1));

        assertThat(withDocument(id, new IdDocument(IdDocument.Kind.TEMPORARY_CARD, APPLIED.plusMonths(3))).reasons())
                .containsExactly("ID_DOCUMENT_TEMPORARY");
        assertThat(withDocument(id, new IdDocument(IdDocument.Kind.OTHER, null)).reasons())
                .containsExactly("ID_DOCUMENT_NOT_RESIDENT_CARD");
        assertThat(withDocument(id, new IdDocument(IdDocument.Kind.SECOND_GENERATION_CARD, null)).reasons()).isEmpty();
    }

    @Test
    void aCardIsValidThroughItsLastDayAndExpiredTheDayAfter() {
        String id = idBornOn(LocalDate.of(1990, 1, 1));

        assertThat(withDocument(id, new IdDocument(IdDocument.Kind.SECOND_GENERATION_CARD, APPLIED)).eligible()).isTrue();
        assertThat(withDocument(id, new IdDocument(IdDocument.Kind.SECOND_GENERATION_CARD, APPLIED.minusDays(1))).reasons())
                .containsExactly("ID_DOCUMENT_EXPIRED");
        // Not stated (older callers): the number alone is checked.
        assertThat(withDocument(id, IdDocument.NOT_STATED).eligible()).isTrue();
    }

    private static ConsumerLoanPreCheck.Result withDocument(String id, IdDocument document) {
        return ConsumerLoanPreCheck.check(new ConsumerLoanPreCheck.Application("Wang Fang", id, document, APPLIED, false,
                true, "Wang Fang"));
    }

    static String idBornOn(LocalDate birth) {
        String first17 = "110105" + birth.toString().replace("-", "") + "002";
        return first17 + ResidentId.checkCharacter(first17);
    }

    private static ConsumerLoanPreCheck.Result check(String id, boolean student, boolean debit, String holder) {
        return ConsumerLoanPreCheck.check(new ConsumerLoanPreCheck.Application("Wang Fang", id, APPLIED, student, debit, holder));
    }
}
