package bankrisk.loanrisk.grpc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import bank.common.v1.Money;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.LoadLoanFactsResponse;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Decimals;
import bankrisk.api.convert.Texts;
import bankrisk.common.error.Violations;
import bankrisk.common.money.Rates;
import bankrisk.loanrisk.facts.FactsRow;
import bankrisk.loanrisk.facts.LoadResult;
import bankrisk.loanrisk.grading.LoanFacts;
import bankrisk.loanrisk.loan.Loan;
import bankrisk.platform.load.RowReader;

/** Maps the rows of a facts-load stream, addressing each as {@code loans[i]} in errors. */
final class FactsMapper {

    static final int MAX_DAYS = 36500;

    /** The rows of a message, each read when the load takes it (under its index across the whole call). */
    static List<RowReader<FactsRow>> readers(List<LoadLoanFactsRequest> rows) {
        List<RowReader<FactsRow>> readers = new ArrayList<>(rows.size());
        for (LoadLoanFactsRequest row : rows) {
            readers.add((path, violations) -> toDomain(row, path.prefix(), violations));
        }
        return readers;
    }

    private FactsMapper() {
    }

    /**
     * One row; its amounts are in the loan's own currency (any ISO 4217 code): the loan in the row when it carries one,
     * else the registered loan's, which the load checks against the book (FactsLoad).
     */
    static FactsRow toDomain(LoadLoanFactsRequest in, String prefix, Violations violations) {
        String loanId = Texts.identifier(in.getLoanId(), prefix + "loan_id", 40, violations);
        LocalDate asOf = Dates.parse(in.getAsOf(), prefix + "as_of", violations);
        Loan loan = null;
        if (in.hasLoan()) {
            loan = LoanMapper.toDomain(in.getLoan(), prefix + "loan.", violations);
            if (loanId != null && loan.loanId != null && !loan.loanId.equals(loanId)) {
                violations.add(prefix + "loan.loan_id", "must equal loan_id '" + loanId + "'");
            }
        }
        BigDecimal balance = amount(in.getOutstandingBalance(), prefix + "outstanding_balance", violations);
        BigDecimal collateral = amount(in.getCollateralValue(), prefix + "collateral_value", violations);
        String currency = Decimals.parseCurrency(in.getOutstandingBalance().getCurrencyCode(),
                prefix + "outstanding_balance.currency_code", violations);
        if (currency != null && loan != null && loan.currency != null && !currency.equals(loan.currency)) {
            violations.add(prefix + "outstanding_balance.currency_code", "must be the loan's currency " + loan.currency);
        }
        if (currency != null && !currency.equals(in.getCollateralValue().getCurrencyCode())) {
            violations.add(prefix + "collateral_value.currency_code", "must be outstanding_balance's currency " + currency);
        }
        int dpdPrincipal = days(in.getDaysPastDuePrincipal(), prefix + "days_past_due_principal", violations);
        int dpdInterest = days(in.getDaysPastDueInterest(), prefix + "days_past_due_interest", violations);
        LocalDate restructuredOn = in.hasRestructuredOn() ? Dates.parse(in.getRestructuredOn(), prefix + "restructured_on", violations) : null;
        LocalDate observationEnd = in.hasObservationEnd() ? Dates.parse(in.getObservationEnd(), prefix + "observation_end", violations) : null;
        if (in.hasRestructuredOn() != in.hasObservationEnd()) {
            violations.add(prefix + "observation_end", "is required with restructured_on, and only with it");
        } else if (restructuredOn != null && observationEnd != null && observationEnd.isBefore(restructuredOn)) {
            violations.add(prefix + "observation_end", "must not be before restructured_on " + restructuredOn);
        }
        violations.require(in.hasRestructuredOn() || !in.getRestructuredForFinancialDifficulty() && !in.getNonPerformingBeforeRestructuring(),
                prefix + "restructured_on", "is required when the loan is flagged as restructured");
        BigDecimal ecl = in.hasEclRatio() ? fraction(in.getEclRatio(), prefix + "ecl_ratio", violations) : null;
        BigDecimal elsewhere = in.hasOverdueElsewhereShare()
                ? fraction(in.getOverdueElsewhereShare(), prefix + "overdue_elsewhere_share", violations)
                : null;
        LocalDate cleared = in.hasArrearsClearedOn() ? Dates.parse(in.getArrearsClearedOn(), prefix + "arrears_cleared_on", violations) : null;
        if (cleared != null && asOf != null && cleared.isAfter(asOf)) {
            violations.add(prefix + "arrears_cleared_on", "must not be after as_of " + asOf);
        }
        violations.require(in.getConsecutiveOnTimePeriods() >= 0 && in.getConsecutiveOnTimePeriods() <= 10000,
                prefix + "consecutive_on_time_periods", "must be between 0 and 10000");
        LoanFacts facts = new LoanFacts(loanId, null, null, asOf, balance, dpdPrincipal, dpdInterest, restructuredOn,
                in.getRestructuredForFinancialDifficulty(), observationEnd, in.getNonPerformingBeforeRestructuring(),
                in.getCreditImpaired(), ecl, in.getBankruptcyLiquidation(), in.getSignificantExternalDowngrade(),
                in.getDebtEvasion(), elsewhere, cleared, in.getConsecutiveOnTimePeriods());
        return new FactsRow(loan, facts, collateral, currency);
    }

    static LoadLoanFactsResponse toProto(LoadResult result) {
        return LoadLoanFactsResponse.newBuilder()
                .setRowsReceived(result.rowsReceived())
                .setFactsInserted(result.factsInserted())
                .setFactsUpdated(result.factsUpdated())
                .setFactsUnchanged(result.factsUnchanged())
                .setLoansRegistered(result.loansRegistered())
                .setLoansUpdated(result.loansUpdated())
                .build();
    }

    private static BigDecimal amount(Money money, String field, Violations violations) {
        BigDecimal amount = Decimals.parseAmount(money, field, violations);
        if (amount != null && amount.signum() < 0) {
            violations.add(field + ".amount", "must not be negative");
        }
        return amount;
    }

    private static int days(int days, String field, Violations violations) {
        violations.require(days >= 0 && days <= MAX_DAYS, field, "must be between 0 and " + MAX_DAYS);
        return days;
    }

    /** A fraction 0..1 with at most the rate scale's decimals (ratios of the facts, the contractual rate). */
    static BigDecimal fraction(bank.common.v1.Decimal decimal, String field, Violations violations) {
        BigDecimal value = Decimals.parse(decimal, field, violations);
        if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0)) {
            violations.add(field + ".value", "must be between 0 and 1");
            return null;
        }
        if (value != null && value.stripTrailingZeros().scale() > Rates.SCALE) {
            violations.add(field + ".value", "has more than " + Rates.SCALE + " decimals");
            return null;
        }
        return value;
    }
}
