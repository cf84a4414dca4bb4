package bankrisk.tiering;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import javax.sql.DataSource;

import bank.common.v1.Money;
import bank.tiering.v1.AssetType;
import bank.tiering.v1.Balance;
import bank.tiering.v1.EvaluateMonthRequest;
import bank.tiering.v1.EvaluationProgress;
import bank.tiering.v1.FxRate;
import bank.tiering.v1.PutFxRatesRequest;
import bank.tiering.v1.PutBalancesRequest;
import bank.tiering.v1.TieringService;
import bank.tiering.v1.TieringServiceGrpc.TieringServiceBlockingStub;
import bankrisk.api.convert.Dates;
import bankrisk.testing.SchemaOwner;
import bankrisk.testing.TestTokens;
import io.grpc.Metadata;

/** Small named builders and helpers for the tiering service's @QuarkusTests. */
public final class TieringFixtures {

    private TieringFixtures() {
    }

    /**
     * Empties everything the tests write (the seeded schemes stay), so each test starts from the seeds alone; as the
     * schema owner, because the service's own login may not TRUNCATE.
     */
    public static void reset(DataSource dataSource) throws SQLException {
        try (Connection connection = SchemaOwner.connect(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE balance, fx_rate, tier_evaluation, evaluation_run, tier_floor, tier_change");
            statement.execute("DELETE FROM tier_scheme_weight WHERE scheme_version > 1");
            statement.execute("DELETE FROM tier_scheme_tier WHERE scheme_version > 1");
            statement.execute("DELETE FROM tier_scheme WHERE version > 1");
            statement.execute("DELETE FROM value_class WHERE scheme_version > 1");
            statement.execute("DELETE FROM value_class_scheme WHERE version > 1");
        }
    }

    /** A valid token for {@code subject} with {@code roles}, and the reason of the change (percent-encoded UTF-8). */
    public static Metadata headers(String subject, String reason, String... roles) {
        Metadata headers = TestTokens.headers(subject, roles);
        headers.put(Metadata.Key.of("x-change-reason", Metadata.ASCII_STRING_MARSHALLER),
                URLEncoder.encode(reason, StandardCharsets.UTF_8));
        return headers;
    }

    public static long count(DataSource dataSource, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    public static Balance balance(String customer, String account, String date, String amount, String currency) {
        return balance(customer, account, AssetType.ASSET_TYPE_DEPOSIT, date, amount, currency);
    }

    public static Balance balance(String customer, String account, AssetType type, String date, String amount, String currency) {
        return Balance.newBuilder()
                .setCustomerNumber(customer)
                .setAccountId(account)
                .setAssetType(type)
                .setBalanceDate(Dates.toDate(LocalDate.parse(date)))
                .setBalance(Money.newBuilder().setAmount(amount).setCurrencyCode(currency))
                .build();
    }

    /** The same rate for every day of a month. */
    public static PutFxRatesRequest rates(String currency, YearMonth month, String rate) {
        PutFxRatesRequest.Builder request = PutFxRatesRequest.newBuilder();
        for (int day = 1; day <= month.lengthOfMonth(); day++) {
            request.addRates(FxRate.newBuilder()
                    .setCurrencyCode(currency)
                    .setBaseCurrencyCode("CNY")
                    .setRateDate(Dates.toDate(month.atDay(day)))
                    .setRate(bank.common.v1.Decimal.newBuilder().setValue(rate)));
        }
        return request.build();
    }

    public static bank.common.v1.YearMonth month(int year, int month) {
        return Dates.toYearMonth(YearMonth.of(year, month));
    }

    public static List<EvaluationProgress> evaluate(TieringService client, int year, int month, boolean force) {
        return client.evaluateMonth(EvaluateMonthRequest.newBuilder().setMonth(month(year, month)).setForce(force).build())
                .collect().asList().await().indefinitely();
    }

    /**
     * The bank of the projection's tests (seeded Minsheng 2017 scheme, grace 0), September 2024 evaluated:
     * R-DROP held XINRAN (60,000) and holds 40,000 from 1 October; R-SLIP held YOURAN (400,000) and holds 280,000;
     * R-STAY held XINRAN and keeps 60,000; U-NEW holds 10,000 USD at 7.00 from 1 October and held no tier; R-DAILY has
     * a row every day of October, 100,000 + 1,000 × day.
     */
    public static void projectionBank(DataSource dataSource, TieringServiceBlockingStub tiering, TieringService client)
            throws SQLException {
        TieringFixtures.reset(dataSource);
        tiering.putFxRates(rates("USD", YearMonth.of(2024, 10), "7.00000000"));
        PutBalancesRequest.Builder rows = PutBalancesRequest.newBuilder()
                // R-DROP held XINRAN in September (60,000), holds 40,000 from 1 October: projected to drop.
                .addBalances(balance("R-DROP", "R-DROP-1", "2024-09-01", "60000.00", "CNY"))
                .addBalances(balance("R-DROP", "R-DROP-1", "2024-10-01", "40000.00", "CNY"))
                // R-SLIP held YOURAN (400,000), holds 280,000 from 1 October: projected XINRAN.
                .addBalances(balance("R-SLIP", "R-SLIP-1", "2024-09-01", "400000.00", "CNY"))
                .addBalances(balance("R-SLIP", "R-SLIP-1", "2024-10-01", "280000.00", "CNY"))
                // R-STAY held XINRAN and keeps 60,000: not at risk.
                .addBalances(balance("R-STAY", "R-STAY-1", "2024-09-01", "60000.00", "CNY"))
                // U-NEW: 10,000 USD from 1 October at 7.00, no tier in September (no row then).
                .addBalances(balance("U-NEW", "U-NEW-1", "2024-10-01", "10000.00", "USD"));
        // R-DAILY: a row every day of October (the evaluation's "complete" account), 100,000 + 1,000 × day.
        for (int day = 1; day <= 31; day++) {
            rows.addBalances(balance("R-DAILY", "R-DAILY-1", LocalDate.of(2024, 10, day).toString(),
                    (100000 + 1000 * day) + ".00", "CNY"));
        }
        tiering.putBalances(rows.build());
        evaluate(client, 2024, 9, false);
    }
}
