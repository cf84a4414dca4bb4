package bankrisk.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;

import bank.common.v1.Date;
import bank.common.v1.Money;
import bank.loanrisk.v1.BorrowerKind;
import bank.loanrisk.v1.CollateralKind;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.Loan;
import bank.loanrisk.v1.Product;
import bank.tiering.v1.AssetType;
import bank.tiering.v1.Balance;

/**
 * The generated data set, deterministic from its sizes: the same row i is produced as a protobuf message (for the
 * service) and as a COPY text line (for the reference), so both sides of a ratio carry exactly the same values.
 */
final class DataSet {

    final int customers;
    final int loans;
    final YearMonth month;
    final LocalDate asOf;

    DataSet(int customers, int loans, YearMonth month) {
        this.customers = customers;
        this.loans = loans;
        this.month = month;
        this.asOf = month.atEndOfMonth();
    }

    static String customer(int c) {
        return String.format("C%08d", c);
    }

    static String loanId(int i) {
        return String.format("L%09d", i);
    }

    static Date date(LocalDate d) {
        return Date.newBuilder().setYear(d.getYear()).setMonth(d.getMonthValue()).setDay(d.getDayOfMonth()).build();
    }

    private static Money cny(BigDecimal amount) {
        return Money.newBuilder().setAmount(amount.toPlainString()).setCurrencyCode("CNY").build();
    }

    long balanceRows() {
        return (long) customers * month.lengthOfMonth();
    }

    /** Balance row r: customer r / days, day r % days + 1; one CNY deposit account per customer, spread over every tier. */
    BigDecimal balanceAmount(long r) {
        int c = (int) (r / month.lengthOfMonth());
        int day = (int) (r % month.lengthOfMonth()) + 1;
        long cents = ((long) c * 7919L + day * 104729L) % 1_000_000_000L;
        return BigDecimal.valueOf(cents, 2);
    }

    Balance balance(long r) {
        int c = (int) (r / month.lengthOfMonth());
        int day = (int) (r % month.lengthOfMonth()) + 1;
        String cn = customer(c);
        return Balance.newBuilder().setCustomerNumber(cn).setAccountId(cn + "-D").setAssetType(AssetType.ASSET_TYPE_DEPOSIT)
                .setBalanceDate(date(month.atDay(day))).setBalance(cny(balanceAmount(r))).build();
    }

    String balanceCopyLine(long r) {
        int c = (int) (r / month.lengthOfMonth());
        int day = (int) (r % month.lengthOfMonth()) + 1;
        String cn = customer(c);
        return cn + '\t' + cn + "-D\tDEPOSIT\t" + month.atDay(day) + '\t' + balanceAmount(r).toPlainString() + "\tCNY\n";
    }

    // --- loans: 80 % retail, 20 % non-retail; every 7th overdue by 0..420 days; every 3rd secured by real estate ---

    private boolean retail(int i) {
        return i % 5 != 0;
    }

    private BigDecimal outstanding(int i) {
        return BigDecimal.valueOf(10_000_00L + (i * 7_919L) % 5_000_000_00L, 2);
    }

    private BigDecimal principal(int i) {
        return outstanding(i).add(BigDecimal.valueOf(1_000_00L, 2));
    }

    private BigDecimal collateral(int i) {
        return i % 3 == 0 ? outstanding(i).multiply(BigDecimal.valueOf(12, 1)).setScale(2, java.math.RoundingMode.HALF_UP) : BigDecimal.ZERO.setScale(2);
    }

    private int dpd(int i) {
        return i % 7 == 0 ? (i / 7 * 37) % 421 : 0;
    }

    private Product product(int i) {
        return retail(i) ? (i % 2 == 0 ? Product.PRODUCT_PERSONAL_MORTGAGE : Product.PRODUCT_PERSONAL_CONSUMPTION)
                : Product.PRODUCT_CORPORATE_WORKING_CAPITAL;
    }

    private CollateralKind collateralKind(int i) {
        return i % 3 == 0 ? CollateralKind.COLLATERAL_KIND_REAL_ESTATE : CollateralKind.COLLATERAL_KIND_NONE;
    }

    private String branch(int i) {
        return "BR" + (i % 20);
    }

    private String borrower(int i) {
        return customer(i % customers);
    }

    private static final LocalDate ORIGINATION = LocalDate.of(2024, 1, 15);
    private static final LocalDate MATURITY = LocalDate.of(2030, 1, 15);

    LoadLoanFactsRequest loanFacts(int i) {
        Money balance = cny(outstanding(i));
        Money coll = cny(collateral(i));
        return LoadLoanFactsRequest.newBuilder().setLoanId(loanId(i)).setAsOf(date(asOf)).setOutstandingBalance(balance)
                .setCollateralValue(coll).setDaysPastDuePrincipal(dpd(i)).setDaysPastDueInterest(dpd(i))
                .setLoan(Loan.newBuilder().setLoanId(loanId(i)).setBorrowerCustomerNumber(borrower(i))
                        .setBorrowerKind(retail(i) ? BorrowerKind.BORROWER_KIND_RETAIL : BorrowerKind.BORROWER_KIND_NON_RETAIL)
                        .setProduct(product(i)).setBranchCode(branch(i)).setPrincipal(cny(principal(i))).setOutstandingBalance(balance)
                        .setOriginationDate(date(ORIGINATION)).setMaturityDate(date(MATURITY)).setCollateralKind(collateralKind(i))
                        .setCollateralValue(coll).setGuaranteed(i % 11 == 0))
                .build();
    }

    /** The same row as {@link #loanFacts(int)}: loan attributes and the dated facts, one COPY text line. */
    String loanFactsCopyLine(int i) {
        return loanId(i) + '\t' + borrower(i) + '\t' + (retail(i) ? "RETAIL" : "NON_RETAIL") + '\t'
                + product(i).name().substring("PRODUCT_".length()) + '\t' + branch(i) + "\tCNY\t" + principal(i).toPlainString() + '\t'
                + outstanding(i).toPlainString() + '\t' + ORIGINATION + '\t' + MATURITY + '\t'
                + collateralKind(i).name().substring("COLLATERAL_KIND_".length()) + '\t' + collateral(i).toPlainString() + '\t'
                + (i % 11 == 0) + '\t' + asOf + '\t' + dpd(i) + '\t' + dpd(i) + "\tf\tf\tf\tf\tf\tf\t0\n";
    }

    static final String BALANCE_SCRATCH = "CREATE TABLE bench_copy_balance (customer_number VARCHAR(32) NOT NULL, "
            + "account_id VARCHAR(64) NOT NULL, asset_type VARCHAR(32) NOT NULL, balance_date DATE NOT NULL, amount NUMERIC(20,2) NOT NULL, "
            + "currency CHAR(3) NOT NULL, PRIMARY KEY (account_id, balance_date))";

    static final String LOAN_SCRATCH = "CREATE TABLE bench_copy_loan_facts (loan_id VARCHAR(40) PRIMARY KEY, "
            + "borrower_customer_number VARCHAR(32) NOT NULL, borrower_kind VARCHAR(16) NOT NULL, product VARCHAR(32) NOT NULL, "
            + "branch_code VARCHAR(32) NOT NULL, currency CHAR(3) NOT NULL, principal NUMERIC(20,2) NOT NULL, "
            + "outstanding_balance NUMERIC(20,2) NOT NULL, origination_date DATE NOT NULL, maturity_date DATE NOT NULL, "
            + "collateral_kind VARCHAR(32) NOT NULL, collateral_value NUMERIC(20,2) NOT NULL, guaranteed BOOLEAN NOT NULL, "
            + "as_of DATE NOT NULL, dpd_principal INT NOT NULL, dpd_interest INT NOT NULL, restructured BOOLEAN NOT NULL, "
            + "credit_impaired BOOLEAN NOT NULL, bankruptcy BOOLEAN NOT NULL, downgrade BOOLEAN NOT NULL, debt_evasion BOOLEAN NOT NULL, "
            + "npl_before BOOLEAN NOT NULL, on_time_periods INT NOT NULL)";
}
