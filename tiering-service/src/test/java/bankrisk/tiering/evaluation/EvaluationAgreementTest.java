package bankrisk.tiering.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.common.v1.Decimal;
import bank.common.v1.Money;
import bank.tiering.v1.AssetWeight;
import bank.tiering.v1.Balance;
import bank.tiering.v1.CreateSchemeRequest;
import bank.tiering.v1.EvaluateMonthRequest;
import bank.tiering.v1.FxRate;
import bank.tiering.v1.GetCustomerTierRequest;
import bank.tiering.v1.PutBalancesRequest;
import bank.tiering.v1.PutFxRatesRequest;
import bank.tiering.v1.StreamTierAssignmentsRequest;
import bank.tiering.v1.Tier;
import bank.tiering.v1.TierAssignment;
import bank.tiering.v1.TieringService;
import bank.tiering.v1.TieringServiceGrpc.TieringServiceBlockingStub;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.testing.TestTokens;
import bankrisk.tiering.TieringFixtures;
import bankrisk.tiering.average.MonthlyAverage;
import bankrisk.tiering.balance.AssetType;
import bankrisk.tiering.balance.BalanceRow;
import bankrisk.tiering.db.Jdbc;
import bankrisk.tiering.scheme.SchemeService;
import bankrisk.tiering.scheme.TierScheme;
import bankrisk.tiering.scheme.ValueClassScheme;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The month-end SQL and the Java rules must agree on the same data: generated balances in CNY, USD and EUR with
 * daily rates, carried forward from December, accounts opened and closed mid-month, leap February 2024, a scheme
 * change in February with asset weights and a one-month downgrade grace (none for XINRAN, its own grace).
 */
@QuarkusTest
class EvaluationAgreementTest {

    private static final YearMonth JANUARY = YearMonth.of(2024, 1);
    private static final YearMonth FEBRUARY = YearMonth.of(2024, 2);
    private static final String[] CURRENCIES = { "CNY", "CNY", "CNY", "USD", "EUR" };

    @GrpcClient("tiering")
    TieringService client;

    @GrpcClient("tiering")
    TieringServiceBlockingStub tiering;

    @Inject
    DataSource dataSource;

    @Inject
    SchemeService schemes;

    @Inject
    Jdbc jdbc;

    private final Random random = new Random(20240229);
    private final List<BalanceRow> rows = new ArrayList<>();
    private final Map<String, BigDecimal> rates = new HashMap<>();

    @BeforeEach
    void authenticateAsTierAdmin() {
        client = GrpcClientUtils.attachHeaders(client, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
        tiering = GrpcClientUtils.attachHeaders(tiering, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
    }

    @Test
    void sqlAndJavaGiveTheSameAveragesTiersGraceAndValueClasses() throws Exception {
        TieringFixtures.reset(dataSource);
        tiering.createScheme(CreateSchemeRequest.newBuilder().setScheme(bank.tiering.v1.TierScheme.newBuilder()
                .setName("Minsheng 2024 with weights")
                .setEffectiveMonth(Dates.toYearMonth(FEBRUARY))
                .setBaseCurrencyCode("CNY")
                .setDowngradeGraceMonths(1)
                // XINRAN's own grace (0) overrides the scheme's single number (1) for its customers.
                .addTiers(tier("XINRAN", "50000.00").toBuilder().setDowngradeGraceMonths(0))
                .addTiers(tier("YOURAN", "300000.00"))
                .addTiers(tier("ZHUORAN", "1000000.00"))
                .addTiers(tier("PRIVATE", "8000000.00"))
                .addAssetWeights(AssetWeight.newBuilder().setAssetType(bank.tiering.v1.AssetType.ASSET_TYPE_FUND)
                        .setWeight(Decimal.newBuilder().setValue("0.8")))).build());
        generateRates();
        generateBalances();
        generateDailyAccounts();
        // A customer the grace holds: YOURAN in January, XINRAN's range in February.
        add(new BalanceRow("G-1", "G-1-A", AssetType.DEPOSIT, LocalDate.of(2023, 12, 31), "CNY", new BigDecimal("400000.00")));
        add(new BalanceRow("G-1", "G-1-A", AssetType.DEPOSIT, LocalDate.of(2024, 2, 1), "CNY", new BigDecimal("100000.00")));
        // A customer its tier's own grace of 0 does not hold: XINRAN in January, nothing in February's range.
        add(new BalanceRow("G-2", "G-2-A", AssetType.DEPOSIT, LocalDate.of(2023, 12, 31), "CNY", new BigDecimal("60000.00")));
        add(new BalanceRow("G-2", "G-2-A", AssetType.DEPOSIT, LocalDate.of(2024, 2, 1), "CNY", new BigDecimal("10000.00")));
        upload();

        tiering.evaluateMonth(EvaluateMonthRequest.newBuilder().setMonth(Dates.toYearMonth(JANUARY)).build())
                .forEachRemaining(progress -> { });
        tiering.evaluateMonth(EvaluateMonthRequest.newBuilder().setMonth(Dates.toYearMonth(FEBRUARY)).build())
                .forEachRemaining(progress -> { });

        Map<String, MonthEvaluation.Result> january = javaResults(JANUARY, Map.of());
        Map<String, MonthEvaluation.Previous> afterJanuary = new HashMap<>();
        january.forEach((customer, result) -> afterJanuary.put(customer,
                new MonthEvaluation.Previous(result.tierCode(), result.standing().monthsBelow())));
        Map<String, MonthEvaluation.Result> february = javaResults(FEBRUARY, afterJanuary);

        assertThat(january).hasSizeGreaterThan(50);
        assertThat(sqlResults(JANUARY)).isEqualTo(expected(january));
        assertThat(sqlResults(FEBRUARY)).isEqualTo(expected(february));
        assertThat(february.get("G-1").standing()).isEqualTo(new Standing(2, 1, true));
        assertThat(february.get("G-2").standing()).isEqualTo(new Standing(0, 0, false));
        var held = tiering.getCustomerTier(GetCustomerTierRequest.newBuilder().setCustomerNumber("G-1")
                .setMonth(Dates.toYearMonth(FEBRUARY)).build());
        assertThat(held.getTierCode()).isEqualTo("YOURAN");
        assertThat(held.getQualifiedTierCode()).isEqualTo("XINRAN");
        assertThat(held.getGraceHeld()).isTrue();
        assertThat(held.getMonthsBelow()).isEqualTo(1);
        // The data really exercises every path: foreign rows, grace and all three classes.
        assertThat(february.values().stream().filter(r -> r.standing().graceHeld()).count()).isGreaterThan(1);
        assertThat(february.values().stream().map(MonthEvaluation.Result::valueClass).distinct()).contains("A", "B", "C");
        assertThat(january).containsKeys("D-000", "D-001", "D-003");
    }

    private Map<String, MonthEvaluation.Result> javaResults(YearMonth month, Map<String, MonthEvaluation.Previous> previous) {
        TierScheme scheme = jdbc.withConnection(connection -> schemes.inForce(connection, month));
        ValueClassScheme classes = jdbc.withConnection(connection -> schemes.valueClassesInForce(connection, month));
        Map<String, BigDecimal> averages = MonthlyAverage.averages(month, "CNY", scheme.assetWeights(), rows,
                (currency, day) -> Optional.ofNullable(rates.get(currency + day)));
        return MonthEvaluation.evaluate(scheme, classes, averages, previous);
    }

    private static Map<String, String> expected(Map<String, MonthEvaluation.Result> results) {
        Map<String, String> expected = new HashMap<>();
        results.forEach((customer, r) -> expected.put(customer, r.average().toPlainString() + " "
                + (r.tierCode() == null ? "-" : r.tierCode()) + " " + r.valueClass()));
        return expected;
    }

    private Map<String, String> sqlResults(YearMonth month) {
        Map<String, String> actual = new HashMap<>();
        client.streamTierAssignments(StreamTierAssignmentsRequest.newBuilder().setMonth(Dates.toYearMonth(month)).build())
                .collect().asList().await().atMost(Duration.ofSeconds(30))
                .forEach((TierAssignment a) -> actual.put(a.getCustomerNumber(), a.getAverageBalance().getAmount() + " "
                        + (a.getTierCode().isEmpty() ? "-" : a.getTierCode()) + " " + a.getValueClass()));
        return actual;
    }

    private void generateRates() {
        PutFxRatesRequest.Builder request = PutFxRatesRequest.newBuilder();
        for (LocalDate day = LocalDate.of(2024, 1, 1); day.isBefore(LocalDate.of(2024, 3, 1)); day = day.plusDays(1)) {
            rate(request, "USD", day, new BigDecimal(690_000_000L + random.nextInt(40_000_000)).movePointLeft(8));
            rate(request, "EUR", day, new BigDecimal(750_000_000L + random.nextInt(50_000_000)).movePointLeft(8));
        }
        tiering.putFxRates(request.build());
    }

    private void rate(PutFxRatesRequest.Builder request, String currency, LocalDate day, BigDecimal rate) {
        rates.put(currency + day, rate);
        request.addRates(FxRate.newBuilder().setCurrencyCode(currency).setBaseCurrencyCode("CNY")
                .setRateDate(Dates.toDate(day)).setRate(Decimal.newBuilder().setValue(rate.toPlainString())));
    }

    private void generateBalances() {
        AssetType[] types = AssetType.values();
        for (int c = 0; c < 60; c++) {
            String customer = String.format("R-%03d", c);
            int accounts = 1 + random.nextInt(3);
            for (int a = 0; a < accounts; a++) {
                String account = customer + "-" + a;
                String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
                AssetType type = types[random.nextInt(types.length)];
                // Opening in December (carried forward) or first row somewhere in January or February.
                LocalDate day = random.nextBoolean() ? LocalDate.of(2023, 12, 1 + random.nextInt(31))
                        : LocalDate.of(2024, 1, 1).plusDays(random.nextInt(59));
                while (day.isBefore(LocalDate.of(2024, 3, 1))) {
                    long scale = random.nextInt(4) == 0 ? 1_000_000_000L : 50_000_000L;
                    BigDecimal amount = random.nextInt(10) == 0 ? new BigDecimal("0.00")
                            : BigDecimal.valueOf(Math.floorMod(random.nextLong(), scale), 2);
                    add(new BalanceRow(customer, account, type, day, currency, amount));
                    day = day.plusDays(1 + random.nextInt(12));
                }
            }
        }
    }

    /**
     * Accounts with a row every day from December 20 on: in CNY the month-end sums them without carry-forward (their
     * December rows must not count), in USD it converts them day by day; half of these customers also hold an account
     * with gaps, so one customer's average adds up both ways.
     */
    private void generateDailyAccounts() {
        Random daily = new Random(31);
        AssetType[] types = { AssetType.DEPOSIT, AssetType.FUND };
        for (int c = 0; c < 8; c++) {
            String customer = String.format("D-%03d", c);
            String currency = c % 4 == 3 ? "USD" : "CNY";
            for (LocalDate day = LocalDate.of(2023, 12, 20); day.isBefore(LocalDate.of(2024, 3, 1)); day = day.plusDays(1)) {
                add(new BalanceRow(customer, customer + "-DAILY", types[c % 2], day, currency,
                        BigDecimal.valueOf(daily.nextInt(900_000_000), 2)));
            }
            if (c % 2 == 0) {
                add(new BalanceRow(customer, customer + "-GAPS", AssetType.DEPOSIT, LocalDate.of(2024, 1, 10), "CNY",
                        new BigDecimal("1234.56")));
                add(new BalanceRow(customer, customer + "-GAPS", AssetType.DEPOSIT, LocalDate.of(2024, 2, 3), "CNY",
                        new BigDecimal("99.99")));
            }
        }
    }

    private void add(BalanceRow row) {
        rows.add(row);
    }

    private void upload() {
        PutBalancesRequest.Builder request = PutBalancesRequest.newBuilder();
        for (BalanceRow row : rows) {
            request.addBalances(Balance.newBuilder()
                    .setCustomerNumber(row.customerNumber())
                    .setAccountId(row.accountId())
                    .setAssetType(bank.tiering.v1.AssetType.valueOf("ASSET_TYPE_" + row.assetType().name()))
                    .setBalanceDate(Dates.toDate(row.date()))
                    .setBalance(Money.newBuilder().setAmount(row.balance().toPlainString()).setCurrencyCode(row.currency())));
        }
        tiering.putBalances(request.build());
    }

    private static Tier tier(String code, String bound) {
        return Tier.newBuilder().setCode(code).setDisplayName(code)
                .setLowerBound(Money.newBuilder().setAmount(bound).setCurrencyCode("CNY")).build();
    }
}
