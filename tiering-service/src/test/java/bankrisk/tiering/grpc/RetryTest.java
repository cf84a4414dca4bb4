package bankrisk.tiering.grpc;

import static bankrisk.tiering.TieringFixtures.balance;
import static bankrisk.tiering.TieringFixtures.evaluate;
import static bankrisk.tiering.TieringFixtures.month;
import static bankrisk.tiering.TieringFixtures.rates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.common.v1.Decimal;
import bank.common.v1.Money;
import bank.tiering.v1.CreateCustomerRequest;
import bank.tiering.v1.CreateSchemeRequest;
import bank.tiering.v1.CreateValueClassSchemeRequest;
import bank.tiering.v1.Customer;
import bank.tiering.v1.CustomerKind;
import bank.tiering.v1.CustomerTier;
import bank.tiering.v1.EvaluationProgress;
import bank.tiering.v1.GetCustomerTierRequest;
import bank.tiering.v1.GetTierDistributionRequest;
import bank.tiering.v1.LoadBalancesRequest;
import bank.tiering.v1.PutBalancesRequest;
import bank.tiering.v1.Tier;
import bank.tiering.v1.TierDistribution;
import bank.tiering.v1.TierScheme;
import bank.tiering.v1.TieringService;
import bank.tiering.v1.TieringServiceGrpc.TieringServiceBlockingStub;
import bank.tiering.v1.ValueClass;
import bank.tiering.v1.ValueClassScheme;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.testing.TestTokens;
import bankrisk.tiering.TieringFixtures;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;

/**
 * A client that lost the response retries: every write RPC sent twice must leave the state a single application
 * leaves. The same writes are applied once, the state recorded (rows of every business table without their
 * timestamps, averages, tiers, the month's totals), then everything again from scratch with each write sent twice.
 */
@QuarkusTest
class RetryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @GrpcClient("tiering")
    TieringService client;

    @GrpcClient("tiering")
    TieringServiceBlockingStub tiering;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void authenticate() {
        client = GrpcClientUtils.attachHeaders(client, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
        tiering = GrpcClientUtils.attachHeaders(tiering, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
    }

    @Test
    void everyWriteSentTwiceLeavesWhatOneApplicationLeaves() throws Exception {
        State once = applyEveryWrite(1);
        long mark = lastAuditEvent();
        State twice = applyEveryWrite(2);

        // What a single application gives, by hand: R-1 holds 60,000.00 for 15 days and 40,000.00 for 16 days of
        // January 2024 = 1,540,000 / 31 = 49,677.42 (SILVER from 45,000); R-2 holds USD 10,000.00 at 7.1 = 71,000.00.
        assertThat(once.tiers()).containsExactly(
                tuple("R-1", "49677.42", "SILVER", "B"),
                tuple("R-2", "71000.00", "SILVER", "A"));
        assertThat(once.distribution()).isEqualTo("customers 2, total 120677.42, scheme 2");
        assertThat(once.rows()).containsEntry("balance", 3L).containsEntry("fx_rate", 31L).containsEntry("tier_scheme", 2L)
                .containsEntry("value_class_scheme", 2L).containsEntry("evaluation_run", 1L).containsEntry("tier_evaluation", 2L);

        assertThat(twice).isEqualTo(once);
        // The retried changes that did apply are in the audit log each time; the refused ones are not.
        assertThat(auditActionsSince(mark)).containsOnly(entry("CUSTOMER_CREATED", 1L), entry("FX_RATES_STORED", 2L),
                entry("BALANCES_LOADED", 4L), entry("SCHEME_CREATED", 1L), entry("VALUE_CLASS_SCHEME_CREATED", 1L),
                entry("MONTH_EVALUATED", 3L));
    }

    /** The state a run leaves: rows per table, the content of every business table, tiers and totals. */
    record State(Map<String, Long> rows, Map<String, String> content, List<org.assertj.core.groups.Tuple> tiers,
            String distribution) {
    }

    private State applyEveryWrite(int times) throws Exception {
        TieringFixtures.reset(dataSource);
        execute("DELETE FROM customer WHERE customer_number LIKE 'R-%'");

        sendTimes(times, () -> tiering.createCustomer(CreateCustomerRequest.newBuilder().setCustomer(Customer.newBuilder()
                .setCustomerNumber("R-1").setName("李四").setKind(CustomerKind.CUSTOMER_KIND_PERSON).setBranchCode("GZ-03")
                .setOnboardedOn(Dates.toDate(LocalDate.of(2018, 5, 2)))).build()));
        sendTimes(times, () -> tiering.putFxRates(rates("USD", YearMonth.of(2024, 1), "7.10000000")));
        sendTimes(times, () -> client.loadBalances(Multi.createFrom().items(
                LoadBalancesRequest.newBuilder().addBalances(balance("R-1", "R-1-CNY", "2023-12-31", "60000.00", "CNY")).build(),
                LoadBalancesRequest.newBuilder().addBalances(balance("R-2", "R-2-USD", "2024-01-01", "10000.00", "USD")).build()))
                .await().atMost(WAIT));
        sendTimes(times, () -> tiering.putBalances(PutBalancesRequest.newBuilder()
                .addBalances(balance("R-1", "R-1-CNY", "2024-01-16", "40000.00", "CNY"))
                .addBalances(balance("R-2", "R-2-USD", "2024-01-01", "10000.00", "USD")).build()));
        sendTimes(times, () -> tiering.createScheme(CreateSchemeRequest.newBuilder().setScheme(TierScheme.newBuilder()
                .setName("Retry scheme").setEffectiveMonth(month(2023, 6)).setBaseCurrencyCode("CNY")
                .addTiers(tier("SILVER", "45000.00")).addTiers(tier("GOLD", "500000.00"))).build()));
        sendTimes(times, () -> tiering.createValueClassScheme(CreateValueClassSchemeRequest.newBuilder()
                .setScheme(ValueClassScheme.newBuilder().setEffectiveMonth(month(2023, 6))
                        .addClasses(valueClass("A", "0.5")).addClasses(valueClass("B", "1"))).build()));

        List<EvaluationProgress> first = evaluate(client, 2024, 1, false);
        assertThat(first.get(first.size() - 1).getRecomputed()).isTrue();
        if (times == 2) {
            Map<String, String> evaluated = content();
            EvaluationProgress again = last(evaluate(client, 2024, 1, false));
            assertThat(again.getRecomputed()).isFalse();
            assertThat(again.getCustomers()).isEqualTo(last(first).getCustomers());
            assertThat(again.getSchemeVersion()).isEqualTo(last(first).getSchemeVersion());
            assertThat(content()).isEqualTo(evaluated);
            // A forced re-run twice recomputes the same month to the same rows.
            EvaluationProgress forced = last(evaluate(client, 2024, 1, true));
            EvaluationProgress forcedAgain = last(evaluate(client, 2024, 1, true));
            assertThat(forced.getRecomputed()).isTrue();
            assertThat(forcedAgain.getCustomers()).isEqualTo(forced.getCustomers()).isEqualTo(2);
            assertThat(content()).isEqualTo(evaluated);
        }
        return new State(rows(), content(), tiers(), distribution());
    }

    /** Sends a write; every send after the first must be refused as ALREADY_EXISTS or succeed without effect. */
    private static void sendTimes(int times, Supplier<?> write) {
        write.get();
        for (int retry = 1; retry < times; retry++) {
            try {
                write.get();
            } catch (StatusRuntimeException refused) {
                assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
            }
        }
    }

    private List<org.assertj.core.groups.Tuple> tiers() {
        return List.of("R-1", "R-2").stream().map(number -> {
            CustomerTier tier = tiering.getCustomerTier(GetCustomerTierRequest.newBuilder().setCustomerNumber(number)
                    .setMonth(month(2024, 1)).build());
            return tuple(number, tier.getAverageBalance().getAmount(), tier.getTierCode(), tier.getValueClass());
        }).toList();
    }

    private String distribution() {
        TierDistribution distribution = tiering.getTierDistribution(GetTierDistributionRequest.newBuilder()
                .setMonth(month(2024, 1)).build());
        return "customers " + distribution.getCustomers() + ", total " + distribution.getTotalAverageBalance().getAmount()
                + ", scheme " + distribution.getSchemeVersion();
    }

    private Map<String, Long> rows() throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        for (String table : BUSINESS_TABLES.keySet()) {
            rows.put(table, TieringFixtures.count(dataSource, table));
        }
        rows.put("customer R-%", TieringFixtures.count(dataSource, "customer WHERE customer_number LIKE 'R-%'"));
        return rows;
    }

    /** Every business table's rows as text, ordered, without the columns that record when a row was written. */
    private static final Map<String, String> BUSINESS_TABLES = Map.of(
            "balance", "SELECT account_id, balance_date, customer_number, asset_type, currency, balance FROM balance",
            "fx_rate", "SELECT currency, base_currency, rate_date, rate FROM fx_rate",
            "tier_scheme", "SELECT version, name, effective_month, base_currency, downgrade_grace_months FROM tier_scheme",
            "tier_scheme_tier", "SELECT * FROM tier_scheme_tier",
            "tier_scheme_weight", "SELECT * FROM tier_scheme_weight",
            "value_class_scheme", "SELECT version, effective_month FROM value_class_scheme",
            "value_class", "SELECT * FROM value_class",
            "evaluation_run", "SELECT month, scheme_version, value_class_scheme_version, customers FROM evaluation_run",
            "tier_evaluation", "SELECT * FROM tier_evaluation");

    private Map<String, String> content() throws SQLException {
        Map<String, String> content = new TreeMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> table : BUSINESS_TABLES.entrySet()) {
                try (ResultSet rows = statement.executeQuery("SELECT coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '') "
                        + "FROM (" + table.getValue() + ") r")) {
                    rows.next();
                    content.put(table.getKey(), rows.getString(1));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT string_agg(customer_number || '|' || name || '|' || kind || '|' "
                    + "|| branch_code || '|' || onboarded_on, ',' ORDER BY customer_number) FROM customer "
                    + "WHERE customer_number LIKE 'R-%'")) {
                rows.next();
                content.put("customer R-%", rows.getString(1));
            }
        }
        return content;
    }

    private long lastAuditEvent() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT coalesce(max(event_id), 0) FROM audit_event")) {
            row.next();
            return row.getLong(1);
        }
    }

    private Map<String, Long> auditActionsSince(long mark) throws SQLException {
        Map<String, Long> actions = new TreeMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT action, count(*) FROM audit_event WHERE event_id > " + mark
                        + " GROUP BY action")) {
            while (rows.next()) {
                actions.put(rows.getString(1), rows.getLong(2));
            }
        }
        return actions;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static EvaluationProgress last(List<EvaluationProgress> progress) {
        return progress.get(progress.size() - 1);
    }

    private static Tier tier(String code, String bound) {
        return Tier.newBuilder().setCode(code).setDisplayName(code)
                .setLowerBound(Money.newBuilder().setAmount(bound).setCurrencyCode("CNY")).build();
    }

    private static ValueClass valueClass(String code, String share) {
        return ValueClass.newBuilder().setCode(code).setCumulativeShare(Decimal.newBuilder().setValue(share)).build();
    }
}
