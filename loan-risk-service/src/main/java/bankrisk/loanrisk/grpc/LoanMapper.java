package bankrisk.loanrisk.grpc;

import java.util.Objects;

import bank.common.v1.Money;
import bank.loanrisk.v1.RegisterLoanRequest;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Decimals;
import bankrisk.api.convert.Enums;
import bankrisk.api.convert.Texts;
import bankrisk.common.error.Violations;
import bankrisk.loanrisk.loan.BorrowerKind;
import bankrisk.loanrisk.loan.CollateralKind;
import bankrisk.loanrisk.loan.Loan;
import bankrisk.loanrisk.loan.Product;

/** Maps loans between the contract and the domain, checking every field of a request. */
final class LoanMapper {

    private LoanMapper() {
    }

    static Loan toDomain(RegisterLoanRequest request) {
        Violations violations = new Violations();
        if (!request.hasLoan()) {
            violations.add("loan", "is required");
            violations.throwIfAny();
        }
        bank.loanrisk.v1.Loan in = request.getLoan();
        Loan loan = new Loan();
        loan.loanId = Texts.identifier(in.getLoanId(), "loan.loan_id", 40, violations);
        loan.borrowerCustomerNumber = Texts.identifier(in.getBorrowerCustomerNumber(), "loan.borrower_customer_number", 32, violations);
        loan.borrowerKind = Enums.fromProto(in.getBorrowerKind(), BorrowerKind.class, "loan.borrower_kind", violations);
        loan.product = Enums.fromProto(in.getProduct(), Product.class, "loan.product", violations);
        loan.branchCode = Texts.identifier(in.getBranchCode(), "loan.branch_code", 32, violations);
        loan.currency = Decimals.parseCurrency(in.getPrincipal().getCurrencyCode(), "loan.principal.currency_code", violations);
        loan.principal = Decimals.parseAmount(in.getPrincipal(), "loan.principal", violations);
        loan.outstandingBalance = Decimals.parseAmount(in.getOutstandingBalance(), "loan.outstanding_balance", violations);
        loan.originationDate = Dates.parse(in.getOriginationDate(), "loan.origination_date", violations);
        loan.maturityDate = Dates.parse(in.getMaturityDate(), "loan.maturity_date", violations);
        loan.collateralKind = Enums.fromProto(in.getCollateralKind(), CollateralKind.class, "loan.collateral_kind", violations);
        loan.collateralValue = Decimals.parseAmount(in.getCollateralValue(), "loan.collateral_value", violations);
        loan.guaranteed = in.getGuaranteed();
        sameCurrency(in.getOutstandingBalance(), loan.currency, "loan.outstanding_balance.currency_code", violations);
        sameCurrency(in.getCollateralValue(), loan.currency, "loan.collateral_value.currency_code", violations);
        violations.throwIfAny();
        return loan;
    }

    static bank.loanrisk.v1.Loan toProto(Loan loan) {
        return bank.loanrisk.v1.Loan.newBuilder()
                .setLoanId(loan.loanId)
                .setBorrowerCustomerNumber(loan.borrowerCustomerNumber)
                .setBorrowerKind(Enums.toProto(loan.borrowerKind, bank.loanrisk.v1.BorrowerKind.class))
                .setProduct(Enums.toProto(loan.product, bank.loanrisk.v1.Product.class))
                .setBranchCode(loan.branchCode)
                .setPrincipal(Decimals.toMoney(loan.principal, loan.currency))
                .setOutstandingBalance(Decimals.toMoney(loan.outstandingBalance, loan.currency))
                .setOriginationDate(Dates.toDate(loan.originationDate))
                .setMaturityDate(Dates.toDate(loan.maturityDate))
                .setCollateralKind(Enums.toProto(loan.collateralKind, bank.loanrisk.v1.CollateralKind.class))
                .setCollateralValue(Decimals.toMoney(loan.collateralValue, loan.currency))
                .setGuaranteed(loan.guaranteed)
                .build();
    }

    /** Every amount of a loan is in the principal's currency. */
    private static void sameCurrency(Money money, String currency, String field, Violations violations) {
        if (currency != null && !Objects.equals(money.getCurrencyCode(), currency)) {
            violations.add(field, "must be the principal's currency " + currency);
        }
    }
}
