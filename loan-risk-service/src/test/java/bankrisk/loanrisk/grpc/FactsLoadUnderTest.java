package bankrisk.loanrisk.grpc;

import java.time.LocalDate;

import bank.loanrisk.v1.GetLoanRequest;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.LoanRiskServiceGrpc;
import bankrisk.common.security.Roles;
import bankrisk.testing.LoadUnderTest;
import bankrisk.testing.TestTokens;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * LoadLoanFacts for the load contracts: a key is a new retail loan registered by its row, a round an as-of date in
 * 2090 (no classification of the other tests ever reaches it), the value its outstanding balance on that date.
 */
final class FactsLoadUnderTest implements LoadUnderTest<LoadLoanFactsRequest> {

    @Override
    public MethodDescriptor<LoadLoanFactsRequest, ?> method() {
        return LoanRiskServiceGrpc.getLoadLoanFactsMethod();
    }

    @Override
    public Metadata loader() {
        return TestTokens.headers(TestBook.OFFICER, Roles.RISK_OFFICER);
    }

    @Override
    public LoadLoanFactsRequest row(String key, int round, String value) {
        return TestBook.retail(key, LocalDate.of(2090, 1, 1).plusDays(round), value).build();
    }

    @Override
    public String storedQuery() {
        return "SELECT loan_id, outstanding_balance FROM loan_fact WHERE loan_id LIKE ?";
    }

    @Override
    public String loadedAction() {
        return "FACTS_LOADED";
    }

    @Override
    public String stagingTable() {
        return "staged_facts";
    }

    @Override
    public Status.Code unaryRead(Channel channel) {
        return LoadUnderTest.statusOf(() -> LoanRiskServiceGrpc.newBlockingStub(channel)
                .withCallCredentials(TestTokens.as(TestBook.OFFICER, Roles.RISK_OFFICER))
                .getLoan(GetLoanRequest.newBuilder().setLoanId("NO-SUCH-LOAN").build()));
    }
}
