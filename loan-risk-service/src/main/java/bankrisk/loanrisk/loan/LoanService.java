package bankrisk.loanrisk.loan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import bankrisk.common.error.AlreadyExistsException;
import bankrisk.common.error.NotFoundException;
import bankrisk.common.error.Violations;

/** Registers loans in the book and looks them up. */
@ApplicationScoped
public class LoanService {

    static final String RESOURCE = "loan";

    @Transactional
    public Loan register(Loan loan) {
        checkConsistency(loan);
        if (Loan.findById(loan.loanId) != null) {
            throw new AlreadyExistsException(RESOURCE, loan.loanId);
        }
        try {
            loan.persistAndFlush();
        } catch (PersistenceException e) {
            // A concurrent registration of the same id won the race between the check and the insert.
            if (e.getCause() instanceof ConstraintViolationException || e instanceof ConstraintViolationException) {
                throw new AlreadyExistsException(RESOURCE, loan.loanId);
            }
            throw e;
        }
        return loan;
    }

    public Loan get(String loanId) {
        return Loan.<Loan> findByIdOptional(loanId).orElseThrow(() -> new NotFoundException(RESOURCE, loanId));
    }

    /** Rules that tie fields together; each field on its own was checked by the caller. */
    static void checkConsistency(Loan loan) {
        Violations violations = new Violations();
        violations.require(!loan.maturityDate.isBefore(loan.originationDate), "loan.maturity_date",
                "must not be before origination_date " + loan.originationDate);
        violations.require(loan.principal.signum() > 0, "loan.principal.amount", "must be positive");
        violations.require(loan.outstandingBalance.signum() >= 0, "loan.outstanding_balance.amount", "must not be negative");
        violations.require(loan.collateralValue.signum() >= 0, "loan.collateral_value.amount", "must not be negative");
        violations.require(loan.collateralKind != CollateralKind.NONE || loan.collateralValue.signum() == 0,
                "loan.collateral_value.amount", "must be 0 for an unsecured loan (COLLATERAL_KIND_NONE)");
        violations.throwIfAny();
    }
}
