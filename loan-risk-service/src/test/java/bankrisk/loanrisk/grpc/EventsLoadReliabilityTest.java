package bankrisk.loanrisk.grpc;

import org.junit.jupiter.api.BeforeEach;

import bank.loanrisk.v1.LoadLoanEventsBatch;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bankrisk.testing.LoadReliabilityContract;
import bankrisk.testing.LoadUnderTest;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/** LoadLoanEvents under the reliability contract every load keeps (broken clients, dropped connections). */
@QuarkusTest
class EventsLoadReliabilityTest extends LoadReliabilityContract<LoadLoanEventsBatch> {

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
