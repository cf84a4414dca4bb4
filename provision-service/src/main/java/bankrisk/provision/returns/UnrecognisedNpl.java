package bankrisk.provision.returns;

import java.math.BigDecimal;

import bankrisk.provision.policy.LoanCategory;

/** A loan more than 90 days overdue that is not non-performing: the NPL recognition check lists each one. */
public record UnrecognisedNpl(String loanId, String customerNumber, LoanCategory category, int daysPastDue, BigDecimal balance) {
}
