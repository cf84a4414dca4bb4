package bankrisk.loanrisk.loan;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import bankrisk.common.error.AlreadyExistsException;
import bankrisk.common.error.NotFoundException;
import bankrisk.common.error.Violations;
import bankrisk.platform.audit.AuditLog;

/** Registers loans in the book and looks them up. */
@ApplicationScoped
public class LoanService {

    static final String RESOURCE = "loan";

    private final AuditLog audit;

    @Inject
    LoanService(AuditLog audit) {
        this.audit = audit;
    }

    /** Books {@code loan}; {@code actor} (the verified caller) and {@code reason} go to the audit log with it. */
    @Transactional
    public Loan register(Loan loan, String actor, String reason) {
        Violations violations = new Violations();
        checkConsistency(loan, "loan.", violations);
        violations.throwIfAny();
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
        audit.recordAs(actor, reason, "LOAN_REGISTERED", Loan.auditSubject(loan.loanId), Map.of("borrower",
                loan.borrowerCustomerNumber, "principal", loan.principal.toPlainString(), "currency", loan.currency));
        return loan;
    }

    public Loan get(String loanId) {
        return Loan.<Loan> findByIdOptional(loanId).orElseThrow(() -> notFound(loanId));
    }

    /** NOT_FOUND: no loan has this id. */
    public static NotFoundException notFound(String loanId) {
        return new NotFoundException(RESOURCE, loanId);
    }

    /**
     * Rules that tie fields together; each field on its own was checked by the caller. {@code prefix} is the
     * loan's path in the request, e.g. "loan." or "loans[17].loan.".
     */
    public static void checkConsistency(Loan loan, String prefix, Violations violations) {
        violations.require(!loan.maturityDate.isBefore(loan.originationDate), prefix + "maturity_date",
                "must not be before origination_date " + loan.originationDate);
        violations.require(loan.principal.signum() > 0, prefix + "principal.amount", "must be positive");
        violations.require(loan.outstandingBalance.signum() >= 0, prefix + "outstanding_balance.amount", "must not be negative");
        violations.require(loan.collateralValue.signum() >= 0, prefix + "collateral_value.amount", "must not be negative");
        violations.require(loan.collateralKind != CollateralKind.NONE || loan.collateralValue.signum() == 0,
                prefix + "collateral_value.amount", "must be 0 for an unsecured loan (COLLATERAL_KIND_NONE)");
    }
}
