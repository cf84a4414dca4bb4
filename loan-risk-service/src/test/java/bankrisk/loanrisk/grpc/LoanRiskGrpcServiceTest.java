package bankrisk.loanrisk.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.common.v1.Money;
import bank.loanrisk.v1.BorrowerKind;
import bank.loanrisk.v1.CollateralKind;
import bank.common.v1.Decimal;
import bank.loanrisk.v1.GetLoanRequest;
import bank.loanrisk.v1.ListLoansRequest;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.RepaymentMethod;
import bank.loanrisk.v1.Loan;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bank.loanrisk.v1.Product;
import bank.loanrisk.v1.RegisterLoanRequest;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.StatusDetails;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LoanRiskGrpcServiceTest {

    @GrpcClient("loanrisk")
    LoanRiskServiceBlockingStub loanRisk;

    @BeforeEach
    void authenticateAsOfficer() {
        loanRisk = TestBook.asOfficer(loanRisk);
    }

    @Test
    void registersALoanAndReturnsItExactly() {
        Loan loan = mortgage("L-0001").build();

        Loan registered = loanRisk.registerLoan(RegisterLoanRequest.newBuilder().setLoan(loan).build());
        Loan read = loanRisk.getLoan(GetLoanRequest.newBuilder().setLoanId("L-0001").build());

        assertThat(registered).isEqualTo(loan);
        assertThat(read).isEqualTo(loan);
        assertThat(read.getOutstandingBalance().getAmount()).isEqualTo("812345.67");
        assertThat(read.getPrincipal().getAmount()).isEqualTo("1000000.00");
    }

    @Test
    void aLoanInAnyIso4217CurrencyIsBookedInItAndAnUnknownCodeIsNamed() {
        Loan usd = inCurrency(mortgage("L-0010"), "USD").build();

        assertThat(loanRisk.registerLoan(RegisterLoanRequest.newBuilder().setLoan(usd).build())).isEqualTo(usd);
        assertThat(loanRisk.getLoan(GetLoanRequest.newBuilder().setLoanId("L-0010").build()).getPrincipal())
                .isEqualTo(Money.newBuilder().setAmount("1000000.00").setCurrencyCode("USD").build());
        assertThatThrownBy(() -> loanRisk.registerLoan(RegisterLoanRequest.newBuilder()
                .setLoan(inCurrency(mortgage("L-0011"), "XYZ")).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e)).containsEntry("loan.principal.currency_code",
                            "'XYZ' is not a known ISO 4217 currency");
                });
        assertNotStored("L-0011");
    }

    @Test
    void contractTermsForEclAreStoredAndReturnedAndBadOnesNamed() {
        Loan withTerms = mortgage("L-0012").setContractualInterestRate(Decimal.newBuilder().setValue("0.04350000"))
                .setRepaymentMethod(RepaymentMethod.REPAYMENT_METHOD_EQUAL_PRINCIPAL)
                .setUndrawnCommitment(Money.newBuilder().setAmount("200000.00").setCurrencyCode("CNY"))
                .setCategoryAtOrigination(LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION).build();

        assertThat(loanRisk.registerLoan(RegisterLoanRequest.newBuilder().setLoan(withTerms).build())).isEqualTo(withTerms);
        assertThat(loanRisk.getLoan(GetLoanRequest.newBuilder().setLoanId("L-0012").build())).isEqualTo(withTerms);
        assertThat(loanRisk.listLoans(ListLoansRequest.newBuilder().setBorrowerCustomerNumber(withTerms.getBorrowerCustomerNumber())
                .build()).getLoansList()).filteredOn(l -> l.getLoanId().equals("L-0012")).containsExactly(withTerms);

        Loan bad = mortgage("L-0013").setContractualInterestRate(Decimal.newBuilder().setValue("1.5"))
                .setRepaymentMethodValue(99)
                .setUndrawnCommitment(Money.newBuilder().setAmount("-1.00").setCurrencyCode("USD"))
                .setCategoryAtOriginationValue(6).build();
        assertThatThrownBy(() -> loanRisk.registerLoan(RegisterLoanRequest.newBuilder().setLoan(bad).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("loan.contractual_interest_rate.value",
                            "loan.repayment_method", "loan.undrawn_commitment.amount", "loan.undrawn_commitment.currency_code",
                            "loan.category_at_origination");
                });
        assertNotStored("L-0013");
    }

    private static Loan.Builder inCurrency(Loan.Builder loan, String currency) {
        return loan.setPrincipal(loan.getPrincipal().toBuilder().setCurrencyCode(currency))
                .setOutstandingBalance(loan.getOutstandingBalance().toBuilder().setCurrencyCode(currency))
                .setCollateralValue(loan.getCollateralValue().toBuilder().setCurrencyCode(currency));
    }

    @Test
    void aDuplicateLoanIdIsAlreadyExists() {
        loanRisk.registerLoan(RegisterLoanRequest.newBuilder().setLoan(mortgage("L-0002")).build());

        assertThatThrownBy(() -> loanRisk.registerLoan(RegisterLoanRequest.newBuilder().setLoan(mortgage("L-0002")).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
                    assertThat(e.getStatus().getDescription()).isEqualTo("loan 'L-0002' already exists");
                });
    }

    @Test
    void anUnknownLoanIsNotFound() {
        assertThatThrownBy(() -> loanRisk.getLoan(GetLoanRequest.newBuilder().setLoanId("L-404").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void badFieldsAreInvalidArgumentWithEveryFieldNamedAndNothingIsStored() {
        Loan bad = mortgage("L-0003")
                .setProduct(Product.PRODUCT_UNSPECIFIED)
                .setPrincipal(Money.newBuilder().setAmount("1e9").setCurrencyCode("CNY"))
                .setOutstandingBalance(Money.newBuilder().setAmount("10.001").setCurrencyCode("CNY"))
                .setCollateralValue(Money.newBuilder().setAmount("1.00").setCurrencyCode("USD"))
                .build();

        assertThatThrownBy(() -> loanRisk.registerLoan(RegisterLoanRequest.newBuilder().setLoan(bad).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys(
                            "loan.product", "loan.principal.amount", "loan.outstanding_balance.amount",
                            "loan.collateral_value.currency_code");
                });
        assertNotStored("L-0003");
    }

    @Test
    void maturityBeforeOriginationAndCollateralOnAnUnsecuredLoanAreInvalid() {
        Loan bad = mortgage("L-0004")
                .setMaturityDate(Dates.toDate(LocalDate.of(2019, 1, 1)))
                .setCollateralKind(CollateralKind.COLLATERAL_KIND_NONE)
                .build();

        assertThatThrownBy(() -> loanRisk.registerLoan(RegisterLoanRequest.newBuilder().setLoan(bad).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(StatusDetails.fieldViolations(e))
                        .containsExactly(
                                entry("loan.maturity_date", "must not be before origination_date 2020-06-30"),
                                entry("loan.collateral_value.amount", "must be 0 for an unsecured loan (COLLATERAL_KIND_NONE)")));
        assertNotStored("L-0004");
    }

    private void assertNotStored(String loanId) {
        assertThatThrownBy(() -> loanRisk.getLoan(GetLoanRequest.newBuilder().setLoanId(loanId).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    private static Loan.Builder mortgage(String loanId) {
        return Loan.newBuilder()
                .setLoanId(loanId)
                .setBorrowerCustomerNumber("C-0001")
                .setBorrowerKind(BorrowerKind.BORROWER_KIND_RETAIL)
                .setProduct(Product.PRODUCT_PERSONAL_MORTGAGE)
                .setBranchCode("BJ-001")
                .setPrincipal(cny("1000000.00"))
                .setOutstandingBalance(cny("812345.67"))
                .setOriginationDate(Dates.toDate(LocalDate.of(2020, 6, 30)))
                .setMaturityDate(Dates.toDate(LocalDate.of(2050, 6, 30)))
                .setCollateralKind(CollateralKind.COLLATERAL_KIND_REAL_ESTATE)
                .setCollateralValue(cny("1500000.00"))
                .setGuaranteed(false);
    }

    private static Money cny(String amount) {
        return Money.newBuilder().setAmount(amount).setCurrencyCode("CNY").build();
    }
}
