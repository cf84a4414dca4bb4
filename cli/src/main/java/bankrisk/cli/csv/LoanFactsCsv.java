package bankrisk.cli.csv;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import bank.common.v1.Date;
import bank.common.v1.Decimal;
import bank.common.v1.Money;
import bank.loanrisk.v1.BorrowerKind;
import bank.loanrisk.v1.CollateralKind;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.Loan;
import bank.loanrisk.v1.Product;

/**
 * Dated loan facts for loan-risk-service (LoadLoanFacts), one row per loan and as-of date. Required:
 * {@code loan_id,as_of,outstanding_balance}. Book data (registers or updates the loan) when borrower_customer_number
 * is filled: borrower_customer_number, borrower_kind, product, branch_code, principal, origination_date,
 * maturity_date, collateral_kind (+ optional guaranteed). Every other fact column is optional; empty means 0 / false
 * / unset. currency defaults to CNY.
 */
public final class LoanFactsCsv {

    public static final List<String> ORDER = List.of("loan_id", "as_of", "currency", "outstanding_balance", "collateral_value",
            "days_past_due_principal", "days_past_due_interest", "borrower_customer_number", "borrower_kind", "product",
            "branch_code", "principal", "origination_date", "maturity_date", "collateral_kind", "guaranteed", "restructured_on",
            "restructured_for_financial_difficulty", "observation_end", "non_performing_before_restructuring", "credit_impaired",
            "ecl_ratio", "bankruptcy_liquidation", "significant_external_downgrade", "debt_evasion", "overdue_elsewhere_share",
            "arrears_cleared_on", "consecutive_on_time_periods");
    public static final Set<String> REQUIRED = Set.of("loan_id", "as_of", "outstanding_balance");
    public static final Set<String> OPTIONAL;
    public static final String HEADER = String.join(",", ORDER);

    static {
        Set<String> optional = new LinkedHashSet<>(ORDER);
        optional.removeAll(REQUIRED);
        OPTIONAL = optional;
    }

    private LoanFactsCsv() {
    }

    public static LoadLoanFactsRequest parse(CsvReader.Row row) {
        String currency = Fields.currency(row, "currency", "CNY");
        String loanId = row.required("loan_id");
        Money zero = Money.newBuilder().setAmount("0").setCurrencyCode(currency).build();
        Money collateral = row.get("collateral_value").isEmpty() ? zero : Fields.amount(row, "collateral_value", currency);
        LoadLoanFactsRequest.Builder b = LoadLoanFactsRequest.newBuilder()
                .setLoanId(loanId)
                .setAsOf(Fields.date(row, "as_of"))
                .setOutstandingBalance(Fields.amount(row, "outstanding_balance", currency))
                .setCollateralValue(collateral)
                .setDaysPastDuePrincipal(Fields.integer(row, "days_past_due_principal", 0, 36500))
                .setDaysPastDueInterest(Fields.integer(row, "days_past_due_interest", 0, 36500))
                .setRestructuredForFinancialDifficulty(Fields.bool(row, "restructured_for_financial_difficulty"))
                .setNonPerformingBeforeRestructuring(Fields.bool(row, "non_performing_before_restructuring"))
                .setCreditImpaired(Fields.bool(row, "credit_impaired"))
                .setBankruptcyLiquidation(Fields.bool(row, "bankruptcy_liquidation"))
                .setSignificantExternalDowngrade(Fields.bool(row, "significant_external_downgrade"))
                .setDebtEvasion(Fields.bool(row, "debt_evasion"))
                .setConsecutiveOnTimePeriods(Fields.integer(row, "consecutive_on_time_periods", 0, 10000));
        Date restructured = Fields.optionalDate(row, "restructured_on");
        Date observationEnd = Fields.optionalDate(row, "observation_end");
        if ((restructured == null) != (observationEnd == null)) {
            throw row.error("observation_end", "is required with restructured_on, and only with it");
        }
        if (restructured != null) {
            b.setRestructuredOn(restructured).setObservationEnd(observationEnd);
        }
        Decimal ecl = Fields.optionalFraction(row, "ecl_ratio");
        if (ecl != null) {
            b.setEclRatio(ecl);
        }
        Decimal elsewhere = Fields.optionalFraction(row, "overdue_elsewhere_share");
        if (elsewhere != null) {
            b.setOverdueElsewhereShare(elsewhere);
        }
        Date cleared = Fields.optionalDate(row, "arrears_cleared_on");
        if (cleared != null) {
            b.setArrearsClearedOn(cleared);
        }
        if (!row.get("borrower_customer_number").isEmpty()) {
            b.setLoan(Loan.newBuilder()
                    .setLoanId(loanId)
                    .setBorrowerCustomerNumber(row.get("borrower_customer_number"))
                    .setBorrowerKind(Fields.enumValue(row, "borrower_kind", BorrowerKind.class, "BORROWER_KIND_"))
                    .setProduct(Fields.enumValue(row, "product", Product.class, "PRODUCT_"))
                    .setBranchCode(row.required("branch_code"))
                    .setPrincipal(Fields.amount(row, "principal", currency))
                    .setOutstandingBalance(b.getOutstandingBalance())
                    .setOriginationDate(Fields.date(row, "origination_date"))
                    .setMaturityDate(Fields.date(row, "maturity_date"))
                    .setCollateralKind(Fields.enumValue(row, "collateral_kind", CollateralKind.class, "COLLATERAL_KIND_"))
                    .setCollateralValue(collateral)
                    .setGuaranteed(Fields.bool(row, "guaranteed")));
        }
        return b.build();
    }

    /** The CSV line of a facts row in {@link #ORDER} (what the demo writes and this class reads back). */
    public static String format(LoadLoanFactsRequest r) {
        Loan l = r.getLoan();
        boolean book = r.hasLoan();
        List<String> v = new ArrayList<>();
        v.add(r.getLoanId());
        v.add(BalanceCsv.iso(r.getAsOf()));
        v.add(r.getOutstandingBalance().getCurrencyCode());
        v.add(r.getOutstandingBalance().getAmount());
        v.add(r.getCollateralValue().getAmount());
        v.add(String.valueOf(r.getDaysPastDuePrincipal()));
        v.add(String.valueOf(r.getDaysPastDueInterest()));
        v.add(book ? l.getBorrowerCustomerNumber() : "");
        v.add(book ? l.getBorrowerKind().name().substring("BORROWER_KIND_".length()) : "");
        v.add(book ? l.getProduct().name().substring("PRODUCT_".length()) : "");
        v.add(book ? l.getBranchCode() : "");
        v.add(book ? l.getPrincipal().getAmount() : "");
        v.add(book ? BalanceCsv.iso(l.getOriginationDate()) : "");
        v.add(book ? BalanceCsv.iso(l.getMaturityDate()) : "");
        v.add(book ? l.getCollateralKind().name().substring("COLLATERAL_KIND_".length()) : "");
        v.add(book && l.getGuaranteed() ? "true" : "");
        v.add(r.hasRestructuredOn() ? BalanceCsv.iso(r.getRestructuredOn()) : "");
        v.add(flag(r.getRestructuredForFinancialDifficulty()));
        v.add(r.hasObservationEnd() ? BalanceCsv.iso(r.getObservationEnd()) : "");
        v.add(flag(r.getNonPerformingBeforeRestructuring()));
        v.add(flag(r.getCreditImpaired()));
        v.add(r.hasEclRatio() ? r.getEclRatio().getValue() : "");
        v.add(flag(r.getBankruptcyLiquidation()));
        v.add(flag(r.getSignificantExternalDowngrade()));
        v.add(flag(r.getDebtEvasion()));
        v.add(r.hasOverdueElsewhereShare() ? r.getOverdueElsewhereShare().getValue() : "");
        v.add(r.hasArrearsClearedOn() ? BalanceCsv.iso(r.getArrearsClearedOn()) : "");
        v.add(r.getConsecutiveOnTimePeriods() == 0 ? "" : String.valueOf(r.getConsecutiveOnTimePeriods()));
        return String.join(",", v);
    }

    private static String flag(boolean b) {
        return b ? "true" : "";
    }
}
