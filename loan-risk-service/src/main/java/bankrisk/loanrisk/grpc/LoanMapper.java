package bankrisk.loanrisk.grpc;

import java.util.Objects;

import bank.common.v1.Money;
import bank.loanrisk.v1.RegisterLoanRequest;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Decimals;
import bankrisk.api.convert.Enums;
import bankrisk.api.convert.Texts;
import bankrisk.common.error.Violations;
import bankrisk.common.money.Rates;
import bankrisk.loanrisk.grading.Category;
import bankrisk.loanrisk.loan.BorrowerKind;
import bankrisk.loanrisk.loan.CollateralKind;
import bankrisk.loanrisk.loan.ContractTerms;
import bankrisk.loanrisk.loan.Loan;
import bankrisk.loanrisk.loan.Product;
import bankrisk.loanrisk.loan.RepaymentMethod;

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
        readContractTerms(in, prefix, loan, violations);
        return loan;
    }

    /** The ECL contract terms, each optional (unset: unknown): a rate 0..1 of at most 8 decimals, known enum values. */
    private static void readContractTerms(bank.loanrisk.v1.Loan in, String prefix, Loan loan, Violations violations) {
        if (in.hasContractualInterestRate()) {
            loan.contractualInterestRate = FactsMapper.fraction(in.getContractualInterestRate(), prefix + "contractual_interest_rate",
                    violations);
        }
        if (in.getRepaymentMethodValue() != 0) {
            loan.repaymentMethod = Enums.fromProto(in.getRepaymentMethod(), RepaymentMethod.class, prefix + "repayment_method",
                    violations);
        }
        if (in.hasUndrawnCommitment()) {
            String field = prefix + "undrawn_commitment";
            loan.undrawnCommitment = Decimals.parseAmount(in.getUndrawnCommitment(), field, violations);
            if (loan.undrawnCommitment != null && loan.undrawnCommitment.signum() < 0) {
                violations.add(field + ".amount", "must not be negative");
            }
            sameCurrency(in.getUndrawnCommitment(), loan.currency, field + ".currency_code", violations);
        }
        if (in.getCategoryAtOriginationValue() != 0) {
            Category category = Enums.fromProto(in.getCategoryAtOrigination(), Category.class, prefix + "category_at_origination",
                    violations);
            loan.categoryAtOrigination = category == null ? null : (short) category.rank();
        }
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
                .mergeFrom(contractTerms(new ContractTerms(loan.contractualInterestRate, loan.repaymentMethod,
                        loan.undrawnCommitment, loan.categoryAtOrigination == null ? null : (int) loan.categoryAtOrigination),
                        loan.currency))
                .build();
    }

    /**
     * The terms as the Loan fields 13..16 (unset when unknown); SnapshotGrade's 19..22 have the same names, types
     * and meaning (GradeMapper copies them).
     */
    static bank.loanrisk.v1.Loan contractTerms(ContractTerms terms, String currency) {
        bank.loanrisk.v1.Loan.Builder out = bank.loanrisk.v1.Loan.newBuilder();
        if (terms.contractualInterestRate() != null) {
            out.setContractualInterestRate(Decimals.toDecimal(Rates.round(terms.contractualInterestRate())));
        }
        if (terms.repaymentMethod() != null) {
            out.setRepaymentMethod(Enums.toProto(terms.repaymentMethod(), bank.loanrisk.v1.RepaymentMethod.class));
        }
        if (terms.undrawnCommitment() != null) {
            out.setUndrawnCommitment(Decimals.toMoney(terms.undrawnCommitment(), currency));
        }
        if (terms.categoryAtOrigination() != null) {
            out.setCategoryAtOrigination(GradeMapper.category(Category.ofRank(terms.categoryAtOrigination())));
        }
        return out.build();
    }

    /** Every amount of a loan is in the principal's currency. */
    static void sameCurrency(Money money, String currency, String field, Violations violations) {
        if (currency != null && !Objects.equals(money.getCurrencyCode(), currency)) {
            violations.add(field, "must be the principal's currency " + currency);
        }
    }
}
