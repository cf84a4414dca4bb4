package bankrisk.loanrisk.grpc;

import java.time.LocalDate;

import bank.loanrisk.v1.BorrowerKind;
import bank.loanrisk.v1.GetLoanRequest;
import bank.loanrisk.v1.LoadLoanEventsBatch;
import bank.loanrisk.v1.LoanRiskServiceGrpc;
import bank.loanrisk.v1.RegisterLoanRequest;
import bankrisk.common.security.Roles;
import bankrisk.testing.LoadUnderTest;
import bankrisk.testing.TestTokens;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * LoadLoanEvents for the load contracts: a key is a new event id, every event a disbursement (so no balance rule
 * refuses it) of the one loan {@link #LOAN}, dated by the round in 2026, the value its amount.
 */
final class EventsLoadUnderTest implements LoadUnderTest<LoadLoanEventsBatch> {

    static final String LOAN = "EVL-LOAN";

    /** Registers {@link #LOAN} once (ALREADY_EXISTS afterwards is fine). */
    static void registerLoan(LoanRiskServiceGrpc.LoanRiskServiceBlockingStub loanRisk) {
        try {
            TestBook.asOfficer(loanRisk).registerLoan(RegisterLoanRequest.newBuilder()
                    .setLoan(TestBook.loan(LOAN, "P-EVL", BorrowerKind.BORROWER_KIND_RETAIL)).build());
        } catch (StatusRuntimeException exists) {
            if (exists.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                throw exists;
            }
        }
    }

    @Override
    public MethodDescriptor<LoadLoanEventsBatch, ?> method() {
        return LoanRiskServiceGrpc.getLoadLoanEventsMethod();
    }

    @Override
    public Metadata loader() {
        return TestTokens.headers(TestBook.OFFICER, Roles.RISK_OFFICER);
    }

    @Override
    public LoadLoanEventsBatch row(String key, int round, String value) {
        return LoadLoanEventsBatch.newBuilder()
                .addEvents(EventsTestBook.disbursement(key, LOAN, LocalDate.of(2026, 1, 1).plusDays(round), value))
                .build();
    }

    /** An event never changes once stored: the same id with another amount is ALREADY_EXISTS. */
    @Override
    public boolean replacesValues() {
        return false;
    }

    @Override
    public String storedQuery() {
        return "SELECT event_id, amount FROM loan_event WHERE event_id LIKE ?";
    }

    @Override
    public String loadedAction() {
        return "LOAN_EVENTS_LOADED";
    }

    @Override
    public String stagingTable() {
        return "staged_events";
    }

    @Override
    public Status.Code unaryRead(Channel channel) {
        return LoadUnderTest.statusOf(() -> LoanRiskServiceGrpc.newBlockingStub(channel)
                .withCallCredentials(TestTokens.as(TestBook.OFFICER, Roles.RISK_OFFICER))
                .getLoan(GetLoanRequest.newBuilder().setLoanId("NO-SUCH-LOAN").build()));
    }
}
