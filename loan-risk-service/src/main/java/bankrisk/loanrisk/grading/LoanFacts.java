package bankrisk.loanrisk.grading;

import java.math.BigDecimal;
import java.time.LocalDate;

import bankrisk.loanrisk.loan.BorrowerKind;

/**
 * The facts the rules read about one loan on one date (the latest facts on or before the grading date).
 * {@code outstandingBalance} is in the reporting currency (converted at the grading date's rate, see
 * {@code fx.Conversion}): the debtor-centred rule adds balances of loans in several currencies.
 */
public record LoanFacts(
        String loanId,
        String borrower,
        BorrowerKind borrowerKind,
        LocalDate asOf,
        BigDecimal outstandingBalance,
        int daysPastDuePrincipal,
        int daysPastDueInterest,
        LocalDate restructuredOn,
        boolean restructuredForFinancialDifficulty,
        LocalDate observationEnd,
        boolean nonPerformingBeforeRestructuring,
        boolean creditImpaired,
        BigDecimal eclRatio,
        boolean bankruptcyLiquidation,
        boolean significantExternalDowngrade,
        boolean debtEvasion,
        BigDecimal overdueElsewhereShare,
        LocalDate arrearsClearedOn,
        int consecutiveOnTimePeriods) {

    /** Days past due as the rules read it: the larger of principal and interest. */
    public int daysPastDue() {
        return Math.max(daysPastDuePrincipal, daysPastDueInterest);
    }

    /** A fresh, performing loan; tests and the loader derive variants with the {@code with…} methods. */
    public static LoanFacts performing(String loanId, String borrower, BorrowerKind kind, LocalDate asOf, BigDecimal balance) {
        return new LoanFacts(loanId, borrower, kind, asOf, balance, 0, 0, null, false, null, false, false, null, false,
                false, false, null, null, 0);
    }

    public LoanFacts withDaysPastDue(int principal, int interest) {
        return new LoanFacts(loanId, borrower, borrowerKind, asOf, outstandingBalance, principal, interest, restructuredOn,
                restructuredForFinancialDifficulty, observationEnd, nonPerformingBeforeRestructuring, creditImpaired, eclRatio,
                bankruptcyLiquidation, significantExternalDowngrade, debtEvasion, overdueElsewhereShare, arrearsClearedOn,
                consecutiveOnTimePeriods);
    }

    public LoanFacts withRestructuring(LocalDate on, boolean financialDifficulty, LocalDate observationEnd,
            boolean nonPerformingBefore) {
        return new LoanFacts(loanId, borrower, borrowerKind, asOf, outstandingBalance, daysPastDuePrincipal, daysPastDueInterest,
                on, financialDifficulty, observationEnd, nonPerformingBefore, creditImpaired, eclRatio, bankruptcyLiquidation,
                significantExternalDowngrade, debtEvasion, overdueElsewhereShare, arrearsClearedOn, consecutiveOnTimePeriods);
    }

    public LoanFacts withCreditImpairment(boolean impaired, BigDecimal ecl) {
        return new LoanFacts(loanId, borrower, borrowerKind, asOf, outstandingBalance, daysPastDuePrincipal, daysPastDueInterest,
                restructuredOn, restructuredForFinancialDifficulty, observationEnd, nonPerformingBeforeRestructuring, impaired,
                ecl, bankruptcyLiquidation, significantExternalDowngrade, debtEvasion, overdueElsewhereShare, arrearsClearedOn,
                consecutiveOnTimePeriods);
    }

    public LoanFacts withDebtorEvents(boolean bankruptcy, boolean downgrade, boolean evasion, BigDecimal overdueElsewhere) {
        return new LoanFacts(loanId, borrower, borrowerKind, asOf, outstandingBalance, daysPastDuePrincipal, daysPastDueInterest,
                restructuredOn, restructuredForFinancialDifficulty, observationEnd, nonPerformingBeforeRestructuring,
                creditImpaired, eclRatio, bankruptcy, downgrade, evasion, overdueElsewhere, arrearsClearedOn,
                consecutiveOnTimePeriods);
    }

    public LoanFacts withRepaymentRecord(LocalDate clearedOn, int onTimePeriods) {
        return new LoanFacts(loanId, borrower, borrowerKind, asOf, outstandingBalance, daysPastDuePrincipal, daysPastDueInterest,
                restructuredOn, restructuredForFinancialDifficulty, observationEnd, nonPerformingBeforeRestructuring,
                creditImpaired, eclRatio, bankruptcyLiquidation, significantExternalDowngrade, debtEvasion, overdueElsewhereShare,
                clearedOn, onTimePeriods);
    }
}
