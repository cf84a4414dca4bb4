package bankrisk.loanrisk.grpc;

import org.junit.jupiter.api.BeforeEach;

import bank.loanrisk.v1.LoadLoanEventsBatch;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bankrisk.testing.IdleLoadsContract;
import bankrisk.testing.LoadUnderTest;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(IdleLoadsContract.ShortIdleTimeout.class)
class IdleEventsLoadsTest extends IdleLoadsContract<LoadLoanEventsBatch> {

    @GrpcClient("loanrisk")
    LoanRiskServiceBlockingStub loanRisk;

    @BeforeEach
    void registerTheLoan() {
        EventsLoadUnderTest.registerLoan(loanRisk);
    }

    @Override
    protected LoadUnderTest<LoadLoanEventsBatch> underTest() {
        return new EventsLoadUnderTest();
    }
}
