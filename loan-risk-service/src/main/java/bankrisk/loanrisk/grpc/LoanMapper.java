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

    static final String NOT_STORED_YET = "is not stored by this version of the service yet; leave it unset";

    private LoanMapper() {
    }

    static Loan toDomain(RegisterLoanRequest request) {
        Violations violations = new Violations();
        if (!request.hasLoan()) {
            violations.add("loan", "is required");
            violations.throwIfAny();
        }
        Loan loan = toDomain(request.getLoan(), "loan.", violations);
        violations.throwIfAny();
        return loan;
    }

    /** Reads a loan whose path in the request is {@code prefix} ("loan." or "loans[17].loan."), recording violations. */
    static Loan toDomain(bank.loanrisk.v1.Loan in, String prefix, Violations violations) {
        Loan loan = new Loan();
        loan.loanId = Texts.identifier(in.getLoanId(), prefix + "loan_id", 40, violations);
        loan.borrowerCustomerNumber = Texts.identifier(in.getBorrowerCustomerNumber(), prefix + "borrower_customer_number", 32, violations);
        loan.borrowerKind = Enums.fromProto(in.getBorrowerKind(), BorrowerKind.class, prefix + "borrower_kind", violations);
        loan.product = Enums.fromProto(in.getProduct(), Product.class, prefix + "product", violations);
        loan.branchCode = Texts.identifier(in.getBranchCode(), prefix + "branch_code", 32, violations);
        loan.currency = Decimals.parseCurrency(in.getPrincipal().getCurrencyCode(), prefix + "principal.currency_code", violations);
        loan.principal = Decimals.parseAmount(in.getPrincipal(), prefix + "principal", violations);
        loan.outstandingBalance = Decimals.parseAmount(in.getOutstandingBalance(), prefix + "outstanding_balance", violations);
        loan.originationDate = Dates.parse(in.getOriginationDate(), prefix + "origination_date", violations);
        loan.maturityDate = Dates.parse(in.getMaturityDate(), prefix + "maturity_date", violations);
        loan.collateralKind = Enums.fromProto(in.getCollateralKind(), CollateralKind.class, prefix + "collateral_kind", violations);
        loan.collateralValue = Decimals.parseAmount(in.getCollateralValue(), prefix + "collateral_value", violations);
        loan.guaranteed = in.getGuaranteed();
        sameCurrency(in.getOutstandingBalance(), loan.currency, prefix + "outstanding_balance.currency_code", violations);
        sameCurrency(in.getCollateralValue(), loan.currency, prefix + "collateral_value.currency_code", violations);
        // The ECL inputs are in the contract but not stored yet: refused rather than silently dropped.
        violations.require(!in.hasContractualInterestRate(), prefix + "contractual_interest_rate", NOT_STORED_YET);
        violations.require(in.getRepaymentMethodValue() == 0, prefix + "repayment_method", NOT_STORED_YET);
        violations.require(!in.hasUndrawnCommitment(), prefix + "undrawn_commitment", NOT_STORED_YET);
        violations.require(in.getCategoryAtOriginationValue() == 0, prefix + "category_at_origination", NOT_STORED_YET);
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
    static void sameCurrency(Money money, String currency, String field, Violations violations) {
        if (currency != null && !Objects.equals(money.getCurrencyCode(), currency)) {
            violations.add(field, "must be the principal's currency " + currency);
        }
    }
}
