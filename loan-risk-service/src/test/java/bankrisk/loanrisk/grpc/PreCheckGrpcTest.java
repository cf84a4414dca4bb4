package bankrisk.loanrisk.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.loanrisk.v1.CardKind;
import bank.loanrisk.v1.IdDocumentKind;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bank.loanrisk.v1.PreCheckConsumerLoanRequest;
import bank.loanrisk.v1.PreCheckConsumerLoanResponse;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.StatusDetails;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PreCheckGrpcTest {

    @GrpcClient("loanrisk")
    LoanRiskServiceBlockingStub loanRisk;

    @BeforeEach
    void authenticateAsOfficer() {
        loanRisk = TestBook.asOfficer(loanRisk);
    }

    @Test
    void aValidApplicantIsEligibleWithHerAge() {
        PreCheckConsumerLoanResponse response = loanRisk.preCheckConsumerLoan(application("11010519491231002X",
                LocalDate.of(2004, 12, 31)).build());

        assertThat(response.getEligible()).isTrue();
        assertThat(response.getReasonsList()).isEmpty();
        assertThat(response.getAge()).isEqualTo(55);
    }

    @Test
    void ineligibilityIsAnAnswerWithEveryReason() {
        PreCheckConsumerLoanResponse response = loanRisk.preCheckConsumerLoan(application("11010519491231002X",
                LocalDate.of(2005, 12, 31)).setStudent(true).setCardKind(CardKind.CARD_KIND_CREDIT).setCardHolderName("Li Lei").build());

        assertThat(response.getEligible()).isFalse();
        assertThat(response.getReasonsList()).containsExactly("AGE_OVER_55", "STUDENT", "NOT_A_DEBIT_CARD", "CARD_NOT_IN_OWN_NAME");
        assertThat(response.getAge()).isEqualTo(56);
    }

    @Test
    void aWrongCheckCharacterIsAReason() {
        assertThat(loanRisk.preCheckConsumerLoan(application("110105194912310021", LocalDate.of(2000, 1, 1)).build())
                .getReasonsList()).containsExactly("RESIDENT_ID_CHECK_DIGIT");
    }

    @Test
    void idDocumentsThatAreNotAValidSecondGenerationCardHaveTheirOwnReasons() {
        LocalDate applied = LocalDate.of(2026, 11, 30);
        PreCheckConsumerLoanRequest.Builder card = application("11010519900101002" + checkOf("11010519900101002"), applied)
                .setIdDocumentKind(IdDocumentKind.ID_DOCUMENT_KIND_SECOND_GENERATION_CARD);

        assertThat(loanRisk.preCheckConsumerLoan(card.setIdValidUntil(Dates.toDate(applied)).build()).getEligible()).isTrue();
        assertThat(loanRisk.preCheckConsumerLoan(card.setIdValidUntil(Dates.toDate(applied.minusDays(1))).build())
                .getReasonsList()).containsExactly("ID_DOCUMENT_EXPIRED");
        assertThat(loanRisk.preCheckConsumerLoan(card.clearIdValidUntil()
                .setIdDocumentKind(IdDocumentKind.ID_DOCUMENT_KIND_TEMPORARY_CARD).build()).getReasonsList())
                .containsExactly("ID_DOCUMENT_TEMPORARY");
        assertThat(loanRisk.preCheckConsumerLoan(card.setIdDocumentKind(IdDocumentKind.ID_DOCUMENT_KIND_OTHER).build())
                .getReasonsList()).containsExactly("ID_DOCUMENT_NOT_RESIDENT_CARD");
        assertThat(loanRisk.preCheckConsumerLoan(application("110105491231002", applied).build()).getReasonsList())
                .containsExactly("RESIDENT_ID_FIRST_GENERATION");
    }

    @Test
    void anUnknownDocumentKindOrAnImpossibleValidityDateIsInvalid() {
        assertThatThrownBy(() -> loanRisk.preCheckConsumerLoan(application("11010519491231002X", LocalDate.of(2004, 12, 31))
                .setIdDocumentKindValue(99).setIdValidUntil(bank.common.v1.Date.newBuilder().setYear(2030).setMonth(2).setDay(30))
                .build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(StatusDetails.fieldViolations(e))
                        .containsOnlyKeys("id_document_kind", "id_valid_until"));
    }

    private static char checkOf(String first17) {
        return bankrisk.loanrisk.precheck.ResidentId.checkCharacter(first17);
    }

    @Test
    void missingFieldsAreInvalidArguments() {
        assertThatThrownBy(() -> loanRisk.preCheckConsumerLoan(PreCheckConsumerLoanRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(StatusDetails.fieldViolations(e))
                        .containsOnlyKeys("applicant_name", "resident_id", "application_date", "card_kind", "card_holder_name"));
    }

    private static PreCheckConsumerLoanRequest.Builder application(String residentId, LocalDate applied) {
        return PreCheckConsumerLoanRequest.newBuilder()
                .setApplicantName("Wang Fang")
                .setResidentId(residentId)
                .setApplicationDate(Dates.toDate(applied))
                .setStudent(false)
                .setCardKind(CardKind.CARD_KIND_DEBIT)
                .setCardHolderName("Wang Fang");
    }
}
