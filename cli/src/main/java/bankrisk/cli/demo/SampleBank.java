package bankrisk.cli.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Random;

import bank.common.v1.Decimal;
import bank.common.v1.Money;
import bank.loanrisk.v1.BorrowerKind;
import bank.loanrisk.v1.CollateralKind;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.Loan;
import bank.loanrisk.v1.Product;
import bank.tiering.v1.AssetType;
import bank.tiering.v1.Balance;
import bank.tiering.v1.FxRate;
import bankrisk.api.convert.Dates;
import bankrisk.cli.csv.BalanceCsv;
import bankrisk.cli.csv.FxRateCsv;
import bankrisk.cli.csv.LoanFactsCsv;

/**
 * A deterministic sample bank (same seed, same files): retail customers with a month of daily balances spread over
 * every tier of the seeded scheme (50k / 300k / 1m / 8m CNY), some holding USD; and a loan book as of the month end
 * with realistic arrears, restructurings, credit-impaired loans, a company overdue at other banks, a company whose
 * non-performing share contaminates all its loans, and a company in bankruptcy liquidation. Written as the CSV files
 * the CLI's verbs load, so the demo loads them exactly as a user would.
 */
final class SampleBank {

    static final String CNY = "CNY";
    static final int COMPANIES = 60;
    /** Retail customers' average assets per tier band: [lower, upper) in CNY, and the share of customers. */
    private static final long[][] BANDS = { { 1_000, 50_000, 28 }, { 50_000, 300_000, 35 }, { 300_000, 1_000_000, 20 },
            { 1_000_000, 8_000_000, 13 }, { 8_000_000, 40_000_000, 4 } };

    final YearMonth month;
    final LocalDate asOf;
    final int customers;
    final int loans;
    private final long seed;

    SampleBank(YearMonth month, int customers, int loans, long seed) {
        this.month = month;
        this.asOf = month.atEndOfMonth();
        this.customers = customers;
        this.loans = loans;
        this.seed = seed;
    }

    record Files3(Path balances, Path fxRates, Path loans, long balanceRows) {
    }

    Files3 write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path balances = dir.resolve("balances.csv");
        Path fx = dir.resolve("fx-rates.csv");
        Path loanFile = dir.resolve("loans.csv");
        Random random = new Random(seed);
        BigDecimal[] usdRates = new BigDecimal[month.lengthOfMonth()];
        try (BufferedWriter w = Files.newBufferedWriter(fx, StandardCharsets.UTF_8)) {
            w.write(FxRateCsv.HEADER + "\n");
            for (int d = 0; d < usdRates.length; d++) {
                usdRates[d] = BigDecimal.valueOf(71_000 + random.nextInt(401) - 200, 4);
                w.write(FxRateCsv.format(FxRate.newBuilder().setCurrencyCode("USD").setBaseCurrencyCode(CNY)
                        .setRateDate(Dates.toDate(month.atDay(d + 1))).setRate(Decimal.newBuilder().setValue(usdRates[d].toPlainString()))
                        .build()) + "\n");
            }
        }
        long rows = 0;
        try (BufferedWriter w = Files.newBufferedWriter(balances, StandardCharsets.UTF_8)) {
            w.write(BalanceCsv.HEADER + "\n");
            for (int c = 1; c <= customers; c++) {
                String customer = customerNumber(c);
                long target = targetAverage(random);
                boolean wealth = random.nextInt(100) < 40;
                boolean usd = random.nextInt(100) < 6;
                long deposit = wealth ? target * 6 / 10 : target;
                long other = target - deposit;
                long usdPart = usd ? deposit / 3 : 0;
                rows += account(w, random, customer, customer + "-D", AssetType.ASSET_TYPE_DEPOSIT, deposit - usdPart, CNY, null);
                if (wealth) {
                    rows += account(w, random, customer, customer + "-W", random.nextBoolean() ? AssetType.ASSET_TYPE_WEALTH_MANAGEMENT
                            : AssetType.ASSET_TYPE_FUND, other, CNY, null);
                }
                if (usd) {
                    rows += account(w, random, customer, customer + "-U", AssetType.ASSET_TYPE_DEPOSIT, usdPart, "USD", usdRates);
                }
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(loanFile, StandardCharsets.UTF_8)) {
            w.write(LoanFactsCsv.HEADER + "\n");
            for (int i = 0; i < loans; i++) {
                w.write(LoanFactsCsv.format(loan(i, random)) + "\n");
            }
        }
        return new Files3(balances, fx, loanFile, rows);
    }

    static String customerNumber(int c) {
        return String.format("C%06d", c);
    }

    private static long targetAverage(Random random) {
        int pick = random.nextInt(100);
        for (long[] band : BANDS) {
            pick -= (int) band[2];
            if (pick < 0) {
                // keep 6 % off both bounds: the daily noise (±2 %) never moves the average into another tier
                double lo = band[0] * 1.06;
                double hi = band[1] * 0.94;
                return (long) (lo * Math.pow(hi / lo, random.nextDouble()));
            }
        }
        throw new IllegalStateException("shares do not add up to 100");
    }

    /** Writes one account's daily balances in CNY-equivalent {@code cnyAverage}; returns the rows written. */
    private int account(BufferedWriter w, Random random, String customer, String accountId, AssetType type, long cnyAverage,
            String currency, BigDecimal[] rates) throws IOException {
        for (int d = 0; d < month.lengthOfMonth(); d++) {
            double noise = 1 + (random.nextDouble() - 0.5) * 0.04;
            long cents = Math.round(cnyAverage * 100 * noise);
            if (rates != null) {
                cents = Math.round(cents / rates[d].doubleValue());
            }
            w.write(BalanceCsv.format(Balance.newBuilder().setCustomerNumber(customer).setAccountId(accountId).setAssetType(type)
                    .setBalanceDate(Dates.toDate(month.atDay(d + 1))).setBalance(money(cents, currency)).build()) + "\n");
        }
        return month.lengthOfMonth();
    }

    private static Money money(long cents, String currency) {
        return Money.newBuilder().setAmount(BigDecimal.valueOf(cents, 2).toPlainString()).setCurrencyCode(currency).build();
    }

    /**
     * Loan i. The first 90 % are retail loans of random customers; the rest belong to {@value #COMPANIES} companies
     * (5 loans each for 3,000 loans). Special borrowers: CORP-0001 overdue elsewhere (35 % of its debt at other banks),
     * CORP-0002 one large loan 120 days overdue (contagion to its other loans), CORP-0003 in bankruptcy liquidation.
     */
    LoadLoanFactsRequest loan(int i, Random random) {
        int retailLoans = loans * 9 / 10;
        boolean retail = i < retailLoans;
        String id = String.format("L%08d", i + 1);
        String borrower;
        Product product;
        long balance;
        CollateralKind collateral;
        int company = 0;
        if (retail) {
            borrower = customerNumber(1 + random.nextInt(customers));
            int p = random.nextInt(100);
            product = p < 50 ? Product.PRODUCT_PERSONAL_CONSUMPTION : p < 80 ? Product.PRODUCT_PERSONAL_MORTGAGE : Product.PRODUCT_PERSONAL_BUSINESS;
            balance = switch (product) {
                case PRODUCT_PERSONAL_CONSUMPTION -> 10_000 + random.nextInt(290_000);
                case PRODUCT_PERSONAL_MORTGAGE -> 300_000 + random.nextInt(2_700_000);
                default -> 100_000 + random.nextInt(1_900_000);
            };
            collateral = product == Product.PRODUCT_PERSONAL_MORTGAGE ? CollateralKind.COLLATERAL_KIND_REAL_ESTATE
                    : product == Product.PRODUCT_PERSONAL_BUSINESS ? CollateralKind.COLLATERAL_KIND_MOVABLE_PROPERTY
                            : CollateralKind.COLLATERAL_KIND_NONE;
        } else {
            company = 1 + (i - retailLoans) % COMPANIES;
            borrower = String.format("CORP-%04d", company);
            int p = random.nextInt(3);
            product = p == 0 ? Product.PRODUCT_CORPORATE_WORKING_CAPITAL : p == 1 ? Product.PRODUCT_CORPORATE_FIXED_ASSET : Product.PRODUCT_TRADE_FINANCE;
            balance = 2_000_000 + random.nextInt(18_000_000);
            int c = random.nextInt(4);
            collateral = c == 0 ? CollateralKind.COLLATERAL_KIND_NONE : c == 1 ? CollateralKind.COLLATERAL_KIND_REAL_ESTATE
                    : c == 2 ? CollateralKind.COLLATERAL_KIND_RECEIVABLES : CollateralKind.COLLATERAL_KIND_CASH_DEPOSIT;
        }
        // companies are screened harder: a quarter of the retail arrears rate
        int dpd = retail || random.nextInt(4) == 0 ? arrears(random) : 0;
        boolean firstOfCompany = !retail && (i - retailLoans) < COMPANIES;
        if (company == 2) {
            dpd = firstOfCompany ? 120 : 0;
            balance = firstOfCompany ? 12_000_000 : 5_000_000;
        }
        long cents = balance * 100 + random.nextInt(100);
        long collateralCents = switch (collateral) {
            case COLLATERAL_KIND_NONE -> 0;
            case COLLATERAL_KIND_REAL_ESTATE -> cents * (120 + random.nextInt(80)) / 100;
            case COLLATERAL_KIND_CASH_DEPOSIT -> cents * (20 + random.nextInt(60)) / 100;
            default -> cents * (30 + random.nextInt(50)) / 100;
        };
        LocalDate origination = asOf.minusDays(60 + random.nextInt(3600));
        int years = product == Product.PRODUCT_PERSONAL_MORTGAGE ? 10 + random.nextInt(21) : 1 + random.nextInt(5);
        LocalDate maturity = origination.plusYears(years);
        long principalCents = cents + cents * random.nextInt(50) / 100;
        LoadLoanFactsRequest.Builder b = LoadLoanFactsRequest.newBuilder()
                .setLoanId(id)
                .setAsOf(Dates.toDate(asOf))
                .setOutstandingBalance(money(cents, CNY))
                .setCollateralValue(money(collateralCents, CNY))
                .setDaysPastDuePrincipal(dpd)
                .setDaysPastDueInterest(dpd > 0 && random.nextBoolean() ? Math.max(0, dpd - 30) : dpd)
                .setLoan(Loan.newBuilder()
                        .setLoanId(id)
                        .setBorrowerCustomerNumber(borrower)
                        .setBorrowerKind(retail ? BorrowerKind.BORROWER_KIND_RETAIL : BorrowerKind.BORROWER_KIND_NON_RETAIL)
                        .setProduct(product)
                        .setBranchCode(String.format("BR%03d", 1 + random.nextInt(12)))
                        .setPrincipal(money(principalCents, CNY))
                        .setOutstandingBalance(money(cents, CNY))
                        .setOriginationDate(Dates.toDate(origination))
                        .setMaturityDate(Dates.toDate(maturity))
                        .setCollateralKind(collateral)
                        .setCollateralValue(money(collateralCents, CNY))
                        .setGuaranteed(!retail && random.nextInt(3) == 0));
        if (retail && i < 15) {
            // restructured for financial difficulty, inside the observation period; the first five were non-performing
            LocalDate on = asOf.minusDays(60 + 6L * i);
            b.setDaysPastDuePrincipal(0).setDaysPastDueInterest(0)
                    .setRestructuredOn(Dates.toDate(on)).setRestructuredForFinancialDifficulty(true)
                    .setObservationEnd(Dates.toDate(on.plusMonths(18))).setNonPerformingBeforeRestructuring(i < 5);
        } else if (retail && i < 25) {
            String[] ecl = { "0.20", "0.35", "0.45", "0.55", "0.60", "0.70", "0.85", "0.92", "0.30", "0.40" };
            b.setCreditImpaired(true).setEclRatio(Decimal.newBuilder().setValue(ecl[i - 15]));
        } else if (retail && i < 35) {
            b.setSignificantExternalDowngrade(true);
        } else if (retail && i < 45 && dpd == 0) {
            // arrears of last year, repaid and paid on time since
            b.setArrearsClearedOn(Dates.toDate(asOf.minusMonths(7))).setConsecutiveOnTimePeriods(7);
        }
        if (company == 1) {
            b.setOverdueElsewhereShare(Decimal.newBuilder().setValue("0.35"));
        } else if (company == 3) {
            b.setBankruptcyLiquidation(true);
        } else if (!retail) {
            b.setOverdueElsewhereShare(Decimal.newBuilder().setValue(random.nextInt(10) == 0 ? "0.05" : "0"));
        }
        return b.build();
    }

    /** Days past due: most loans current, then 1–90, 91–270, 271–360 and over 360 days. */
    private static int arrears(Random random) {
        int r = random.nextInt(1000);
        if (r < 930) {
            return 0;
        } else if (r < 968) {
            return 1 + random.nextInt(90);
        } else if (r < 982) {
            return 91 + random.nextInt(180);
        } else if (r < 991) {
            return 271 + random.nextInt(90);
        }
        return 361 + random.nextInt(720);
    }
}
