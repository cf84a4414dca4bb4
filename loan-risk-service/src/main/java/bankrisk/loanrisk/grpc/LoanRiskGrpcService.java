package bankrisk.loanrisk.grpc;

import jakarta.inject.Inject;

import bank.loanrisk.v1.GetLoanRequest;
import bank.loanrisk.v1.Loan;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.RegisterLoanRequest;
import bankrisk.api.convert.Texts;
import bankrisk.common.error.Violations;
import bankrisk.loanrisk.loan.LoanService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** gRPC adapter of {@code bank.loanrisk.v1.LoanRiskService}. */
@GrpcService
@Blocking
public class LoanRiskGrpcService implements LoanRiskService {

    private final LoanService loans;

    @Inject
    LoanRiskGrpcService(LoanService loans) {
        this.loans = loans;
    }

    @Override
    public Uni<Loan> registerLoan(RegisterLoanRequest request) {
        return Uni.createFrom().item(() -> LoanMapper.toProto(loans.register(LoanMapper.toDomain(request))));
    }

    @Override
    public Uni<Loan> getLoan(GetLoanRequest request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            String loanId = Texts.identifier(request.getLoanId(), "loan_id", 40, violations);
            violations.throwIfAny();
            return LoanMapper.toProto(loans.get(loanId));
        });
    }
}
