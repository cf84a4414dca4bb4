package bankrisk.e2e;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import bank.common.v1.Date;
import bank.common.v1.Decimal;
import bank.common.v1.Money;
import bank.loanrisk.v1.BorrowerKind;
import bank.loanrisk.v1.CollateralKind;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.Loan;
import bank.loanrisk.v1.LoanEvent;
import bank.loanrisk.v1.LoanEventKind;
import bank.loanrisk.v1.TransferDetails;
import bank.loanrisk.v1.WriteOffDetails;
import bank.loanrisk.v1.Product;
import bank.tiering.v1.AssetType;
import bank.tiering.v1.Balance;
import bank.tiering.v1.FxRate;
import bankrisk.api.convert.Dates;

/**
 * The fixed sample bank of the end-to-end suite: eight retail customers with January 2024 balances and twelve loans
 * graded on 2024-01-31. Every figure the suite expects is computed by hand in {@link PortfolioIT}.
 */
final class SamplePortfolio {

    static final LocalDate AS_OF = LocalDate.of(2024, 1, 31);
    /** The next month end: the book after February's booked events ({@link #februaryEvents()}). */
    static final LocalDate FEBRUARY = LocalDate.of(2024, 2, 29);
    /** The write-off of L07, proposed by the risk officer and approved by the risk approver before its recovery. */
    static final String L07_WRITE_OFF = "E-L07-WO";

    private SamplePortfolio() {
    }

    /** Balance rows: one per account and change, the service carries each forward day by day. */
    static List<Balance> balances() {
        return List.of(
                balance("C01", "A01", AssetType.ASSET_TYPE_DEPOSIT, "2024-01-01", "50000.00", "CNY"),
                balance("C02", "A02", AssetType.ASSET_TYPE_DEPOSIT, "2024-01-01", "49999.99", "CNY"),
                // December row only: carried forward through all of January.
                balance("C03", "A03", AssetType.ASSET_TYPE_DEPOSIT, "2023-12-15", "310000.00", "CNY"),
                // Opened on the 17th: 15 days of January.
                balance("C04", "A04", AssetType.ASSET_TYPE_DEPOSIT, "2024-01-17", "620000.00", "CNY"),
                // US dollars, converted at each day's rate.
                balance("C05", "A05", AssetType.ASSET_TYPE_DEPOSIT, "2024-01-01", "150000.00", "USD"),
                // Closed by a 0 row on the 11th, beside a wealth-management product held all month.
                balance("C06", "A06D", AssetType.ASSET_TYPE_DEPOSIT, "2024-01-01", "1000000.00", "CNY"),
                balance("C06", "A06D", AssetType.ASSET_TYPE_DEPOSIT, "2024-01-11", "0.00", "CNY"),
                balance("C06", "A06W", AssetType.ASSET_TYPE_WEALTH_MANAGEMENT, "2024-01-01", "100000.00", "CNY"),
                balance("C07", "A07", AssetType.ASSET_TYPE_FUND, "2024-01-01", "8000000.00", "CNY"),
                balance("C08", "A08", AssetType.ASSET_TYPE_DEPOSIT, "2024-01-01", "999999.99", "CNY"));
    }

    /** USD/CNY 7.1000 on January 1–15 and 7.2000 on January 16–31 (a rate for every calendar day). */
    static List<FxRate> usdRates() {
        List<FxRate> rates = new ArrayList<>();
        for (int day = 1; day <= 31; day++) {
            rates.add(FxRate.newBuilder().setCurrencyCode("USD").setBaseCurrencyCode("CNY")
                    .setRateDate(Dates.toDate(LocalDate.of(2024, 1, day)))
                    .setRate(Decimal.newBuilder().setValue(day <= 15 ? "7.1000" : "7.2000")).build());
        }
        return rates;
    }

    /** The loan book with its facts on 2024-01-31 (BR01 retail, BR02 corporate). */
    static List<LoadLoanFactsRequest> loanFacts() {
        return List.of(
                retail("L01", "C01", Product.PRODUCT_PERSONAL_CONSUMPTION, "100000.00").build(),
                retail("L02", "C03", Product.PRODUCT_PERSONAL_MORTGAGE, "800000.00")
                        .setDaysPastDuePrincipal(30).setCollateralValue(cny("1000000.00"))
                        .setLoan(book("L02", "C03", BorrowerKind.BORROWER_KIND_RETAIL, Product.PRODUCT_PERSONAL_MORTGAGE, "BR01",
                                "800000.00", CollateralKind.COLLATERAL_KIND_REAL_ESTATE, "1000000.00"))
                        .build(),
                retail("L03", "C04", Product.PRODUCT_PERSONAL_BUSINESS, "200000.25").setDaysPastDueInterest(90).build(),
                retail("L04", "C05", Product.PRODUCT_PERSONAL_CONSUMPTION, "50000.02").setDaysPastDuePrincipal(91).build(),
                retail("L05", "C06", Product.PRODUCT_PERSONAL_MORTGAGE, "300000.00")
                        .setRestructuredOn(date("2023-10-01")).setRestructuredForFinancialDifficulty(true)
                        .setObservationEnd(date("2024-12-31")).build(),
                retail("L06", "C07", Product.PRODUCT_PERSONAL_CONSUMPTION, "40000.00").setDaysPastDuePrincipal(271).build(),
                retail("L07", "C08", Product.PRODUCT_PERSONAL_CONSUMPTION, "10000.00").setDaysPastDuePrincipal(361).build(),
                corporate("L08", "CORP1", Product.PRODUCT_CORPORATE_WORKING_CAPITAL, "1000000.00",
                        CollateralKind.COLLATERAL_KIND_MOVABLE_PROPERTY, "300000.00").setDaysPastDuePrincipal(100).build(),
                corporate("L09", "CORP1", Product.PRODUCT_CORPORATE_FIXED_ASSET, "4000000.00",
                        CollateralKind.COLLATERAL_KIND_CASH_DEPOSIT, "500000.00").build(),
                corporate("L10", "CORP2", Product.PRODUCT_TRADE_FINANCE, "1800000.00", CollateralKind.COLLATERAL_KIND_NONE, "0.00")
                        .build(),
                corporate("L11", "CORP2", Product.PRODUCT_CORPORATE_WORKING_CAPITAL, "200000.00", CollateralKind.COLLATERAL_KIND_NONE,
                        "0.00").setDaysPastDuePrincipal(95).build(),
                retail("L12", "C02", Product.PRODUCT_PERSONAL_CONSUMPTION, "20000.00").build());
    }

    /**
     * February's booked events, in feed order, each with the loan's currency (CNY): L01 and L04 repay 10,000.00 and
     * 10,000.02, L06 (Doubtful) is sold to an asset management company, 40,000.00 of principal at 12,000.00, L07 (Loss)
     * is written off, 10,000.00, and 1,500.00 is recovered on it five days later. The four loans were booked before the
     * events feed, so their January balance comes first as the disbursement on their origination date (before the
     * period: no flow of February). The write-off is a proposal until a second person approves it; the recovery needs
     * the approved write-off, so it is sent after the approval ({@link #februaryRecovery()}).
     */
    static List<LoanEvent> februaryEvents() {
        return List.of(
                event("E-L01-D", "L01", LoanEventKind.LOAN_EVENT_KIND_DISBURSEMENT, "2022-06-01", "100000.00").build(),
                event("E-L04-D", "L04", LoanEventKind.LOAN_EVENT_KIND_DISBURSEMENT, "2022-06-01", "50000.02").build(),
                event("E-L06-D", "L06", LoanEventKind.LOAN_EVENT_KIND_DISBURSEMENT, "2022-06-01", "40000.00").build(),
                event("E-L07-D", "L07", LoanEventKind.LOAN_EVENT_KIND_DISBURSEMENT, "2022-06-01", "10000.00").build(),
                event("E-L01-R", "L01", LoanEventKind.LOAN_EVENT_KIND_REPAYMENT, "2024-02-10", "10000.00").build(),
                event("E-L04-R", "L04", LoanEventKind.LOAN_EVENT_KIND_REPAYMENT, "2024-02-10", "10000.02").build(),
                event("E-L06-T", "L06", LoanEventKind.LOAN_EVENT_KIND_TRANSFER, "2024-02-15", "40000.00")
                        .setTransfer(TransferDetails.newBuilder().setPrice(cny("12000.00")).setCounterparty("Great Wall AMC")).build(),
                event(L07_WRITE_OFF, "L07", LoanEventKind.LOAN_EVENT_KIND_WRITE_OFF, "2024-02-20", "10000.00")
                        .setWriteOff(WriteOffDetails.newBuilder().setApprovalReference("HQ-WO-2024-007")).build());
    }

    /** 1,500.00 recovered on L07 after its write-off. */
    static LoanEvent februaryRecovery() {
        return event("E-L07-V", "L07", LoanEventKind.LOAN_EVENT_KIND_RECOVERY, "2024-02-25", "1500.00").build();
    }

    /**
     * The facts on 2024-02-29: January's, with L06 (sold) and L07 (written off) at 0.00 — a loan leaves loan-risk's book
     * by a facts row without a balance — and L01 at 90,000.00 and L04 at 40,000.00 after their repayments; the loans
     * are known, so no book data.
     */
    static List<LoadLoanFactsRequest> februaryFacts() {
        List<LoadLoanFactsRequest> rows = new ArrayList<>();
        for (LoadLoanFactsRequest january : loanFacts()) {
            String loanId = january.getLoanId();
            LoadLoanFactsRequest.Builder february = january.toBuilder().clearLoan().setAsOf(Dates.toDate(FEBRUARY));
            if (loanId.equals("L06") || loanId.equals("L07")) {
                february.setOutstandingBalance(cny("0.00"));
            } else if (loanId.equals("L01")) {
                february.setOutstandingBalance(cny("90000.00"));
            } else if (loanId.equals("L04")) {
                february.setOutstandingBalance(cny("40000.00"));
            }
            rows.add(february.build());
        }
        return rows;
    }

    private static LoanEvent.Builder event(String id, String loanId, LoanEventKind kind, String day, String amount) {
        return LoanEvent.newBuilder().setEventId(id).setLoanId(loanId).setKind(kind).setEffectiveDate(date(day)).setAmount(cny(amount));
    }

    private static LoadLoanFactsRequest.Builder retail(String loanId, String customer, Product product, String balance) {
        return facts(loanId, balance, "0.00").setLoan(book(loanId, customer, BorrowerKind.BORROWER_KIND_RETAIL, product, "BR01", balance,
                CollateralKind.COLLATERAL_KIND_NONE, "0.00"));
    }

    private static LoadLoanFactsRequest.Builder corporate(String loanId, String customer, Product product, String balance,
            CollateralKind collateral, String collateralValue) {
        return facts(loanId, balance, collateralValue).setLoan(book(loanId, customer, BorrowerKind.BORROWER_KIND_NON_RETAIL, product,
                "BR02", balance, collateral, collateralValue));
    }

    private static LoadLoanFactsRequest.Builder facts(String loanId, String balance, String collateralValue) {
        return LoadLoanFactsRequest.newBuilder().setLoanId(loanId).setAsOf(Dates.toDate(AS_OF)).setOutstandingBalance(cny(balance))
                .setCollateralValue(cny(collateralValue));
    }

    private static Loan book(String loanId, String customer, BorrowerKind kind, Product product, String branch, String balance,
            CollateralKind collateral, String collateralValue) {
        return Loan.newBuilder().setLoanId(loanId).setBorrowerCustomerNumber(customer).setBorrowerKind(kind).setProduct(product)
                .setBranchCode(branch).setPrincipal(cny(balance)).setOutstandingBalance(cny(balance))
                .setOriginationDate(date("2022-06-01")).setMaturityDate(date("2032-06-01")).setCollateralKind(collateral)
                .setCollateralValue(cny(collateralValue)).build();
    }

    private static Balance balance(String customer, String account, AssetType type, String day, String amount, String currency) {
        return Balance.newBuilder().setCustomerNumber(customer).setAccountId(account).setAssetType(type).setBalanceDate(date(day))
                .setBalance(Money.newBuilder().setAmount(amount).setCurrencyCode(currency)).build();
    }

    static Money cny(String amount) {
        return Money.newBuilder().setAmount(amount).setCurrencyCode("CNY").build();
    }

    static Date date(String iso) {
        return Dates.toDate(LocalDate.parse(iso));
    }
}
