package bankrisk.tiering.audit;

import static bankrisk.tiering.TieringFixtures.balance;
import static bankrisk.tiering.TieringFixtures.evaluate;
import static bankrisk.tiering.TieringFixtures.rates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import bank.common.v1.AuditEvent;
import bank.common.v1.Decimal;
import bank.common.v1.ListAuditEventsRequest;
import bank.common.v1.ListAuditEventsResponse;
import bank.common.v1.Money;
import bank.common.v1.PageRequest;
import bank.tiering.v1.CreateCustomerRequest;
import bank.tiering.v1.CreateSchemeRequest;
import bank.tiering.v1.CreateValueClassSchemeRequest;
import bank.tiering.v1.Customer;
import bank.tiering.v1.CustomerKind;
import bank.tiering.v1.LoadBalancesRequest;
import bank.tiering.v1.PutBalancesRequest;
import bank.tiering.v1.Tier;
import bank.tiering.v1.TierScheme;
import bank.tiering.v1.TieringService;
import bank.tiering.v1.TieringServiceGrpc.TieringServiceBlockingStub;
import bank.tiering.v1.ValueClass;
import bank.tiering.v1.ValueClassScheme;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.testing.SchemaOwner;
import bankrisk.testing.TableFingerprints;
import bankrisk.testing.TestTokens;
import bankrisk.tiering.TieringFixtures;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;

/**
 * The audit trail: every change writes exactly one entry naming the token's subject and the stated reason, in the
 * change's own transaction; a refused change writes none; the table is append-only in PostgreSQL; the log reads
 * back paged and filtered.
 */
@QuarkusTest
class AuditTrailTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ADMIN = "ops-li";
    private static final String REASON = "月末批量";
    private static final ObjectMapper JSON = new ObjectMapper();

    @GrpcClient("tiering")
    TieringService client;

    @GrpcClient("tiering")
    TieringServiceBlockingStub plain;

    TieringServiceBlockingStub tiering;
    TieringServiceBlockingStub auditor;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void reset() throws Exception {
        client = GrpcClientUtils.attachHeaders(client, TieringFixtures.headers(ADMIN, REASON, Roles.TIER_ADMIN));
        tiering = GrpcClientUtils.attachHeaders(plain, TieringFixtures.headers(ADMIN, REASON, Roles.TIER_ADMIN));
        auditor = GrpcClientUtils.attachHeaders(plain, TestTokens.headers("auditor-wang", Roles.AUDITOR));
        TieringFixtures.reset(dataSource);
    }

    @Test
    void everyChangeWritesOneEntryNamingTheCallerAndTheReason() throws Exception {
        long mark = lastEventId();
        tiering.createCustomer(CreateCustomerRequest.newBuilder().setCustomer(person("AUD-1")).build());
        assertThat(details(onlyEventSince(mark, "CUSTOMER_CREATED", "customer/AUD-1")))
                .containsOnly(entry("kind", "PERSON"), entry("branch_code", "BJ-01"));

        mark = lastEventId();
        tiering.putFxRates(rates("USD", YearMonth.of(2024, 1), "7.00000000"));
        assertThat(details(onlyEventSince(mark, "FX_RATES_STORED", ""))).containsOnly(entry("stored", 31),
                entry("pairs", "USD/CNY"), entry("first_date", "2024-01-01"), entry("last_date", "2024-01-31"));

        mark = lastEventId();
        client.loadBalances(Multi.createFrom().items(
                LoadBalancesRequest.newBuilder()
                        .addBalances(balance("AUD-1", "AUD-1-CNY", "2023-12-31", "60000.00", "CNY"))
                        .addBalances(balance("AUD-2", "AUD-2-CNY", "2024-01-01", "10.00", "CNY")).build(),
                LoadBalancesRequest.newBuilder()
                        .addBalances(balance("AUD-2", "AUD-2-USD", "2024-01-05", "100.00", "USD")).build()))
                .await().atMost(WAIT);
        assertThat(details(onlyEventSince(mark, "BALANCES_LOADED", ""))).containsOnly(entry("received", 3),
                entry("inserted", 3), entry("replaced", 0), entry("first_date", "2023-12-31"),
                entry("last_date", "2024-01-05"));

        mark = lastEventId();
        tiering.putBalances(PutBalancesRequest.newBuilder()
                .addBalances(balance("AUD-2", "AUD-2-CNY", "2024-01-01", "20.00", "CNY"))
                .addBalances(balance("AUD-2", "AUD-2-CNY", "2024-01-10", "30.00", "CNY")).build());
        assertThat(details(onlyEventSince(mark, "BALANCES_LOADED", ""))).containsOnly(entry("received", 2),
                entry("inserted", 1), entry("replaced", 1), entry("first_date", "2024-01-01"),
                entry("last_date", "2024-01-10"));

        mark = lastEventId();
        int version = tiering.createScheme(scheme("Audit scheme", 2023, 6)).getVersion();
        assertThat(details(onlyEventSince(mark, "SCHEME_CREATED", "tier-scheme/" + version))).containsOnly(
                entry("name", "Audit scheme"), entry("effective_month", "2023-06"), entry("tiers", 2),
                entry("downgrade_grace_months", 1));

        mark = lastEventId();
        int classes = tiering.createValueClassScheme(valueClasses(2023, 6, "0.7")).getVersion();
        assertThat(details(onlyEventSince(mark, "VALUE_CLASS_SCHEME_CREATED", "value-class-scheme/" + classes)))
                .containsOnly(entry("effective_month", "2023-06"), entry("classes", 2));

        mark = lastEventId();
        evaluate(client, 2024, 1, false);
        assertThat(details(onlyEventSince(mark, "MONTH_EVALUATED", "month/2024-01"))).containsOnly(
                entry("month", "2024-01"), entry("customers", 2), entry("forced", false), entry("replaced", false),
                entry("scheme_version", version), entry("value_class_scheme_version", classes));

        mark = lastEventId();
        evaluate(client, 2024, 1, true);
        assertThat(details(onlyEventSince(mark, "MONTH_EVALUATED", "month/2024-01")))
                .contains(entry("customers", 2), entry("forced", true), entry("replaced", true));
    }

    @Test
    void aRefusedOrIdleCallWritesNoEntry() throws Exception {
        tiering.createCustomer(CreateCustomerRequest.newBuilder().setCustomer(person("AUD-R1")).build());
        tiering.createScheme(scheme("Refusals", 2023, 7));
        tiering.putBalances(PutBalancesRequest.newBuilder()
                .addBalances(balance("AUD-R1", "AUD-R1-CNY", "2024-01-01", "5.00", "CNY")).build());
        evaluate(client, 2024, 1, false);
        long entries = TieringFixtures.count(dataSource, "audit_event");

        assertThat(statusOf(() -> tiering.createCustomer(CreateCustomerRequest.newBuilder().setCustomer(person("AUD-R1")).build())))
                .isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(statusOf(() -> tiering.createScheme(scheme("Refusals", 2023, 7)))).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(statusOf(() -> tiering.putBalances(PutBalancesRequest.newBuilder()
                .addBalances(balance("AUD-R1", "AUD-R1-CNY", "2024-01-02", "-1.00", "CNY")).build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(statusOf(() -> client.loadBalances(Multi.createFrom().items(LoadBalancesRequest.newBuilder()
                .addBalances(balance("AUD-R1", "AUD-R1-CNY", "2024-01-03", "1.00", "CNY"))
                .addBalances(balance("AUD-R1", "AUD-R1-CNY", "2024-01-04", "1.001", "CNY")).build())).await().atMost(WAIT)))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        YearMonth current = YearMonth.now(ZoneId.of("Asia/Shanghai"));
        assertThat(statusOf(() -> evaluate(client, current.getYear(), current.getMonthValue(), false)))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(evaluate(client, 2024, 1, false)).last().satisfies(done -> assertThat(done.getRecomputed()).isFalse());
        assertThat(statusOf(() -> auditor.createCustomer(CreateCustomerRequest.newBuilder().setCustomer(person("AUD-R2")).build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);

        assertThat(TieringFixtures.count(dataSource, "audit_event")).isEqualTo(entries);
    }

    @Test
    void whenTheEntryCannotBeWrittenTheChangeIsNotStoredEither() throws Exception {
        // A constraint that refuses these three actions makes the audit insert fail inside the change's transaction.
        SchemaOwner.execute("ALTER TABLE audit_event ADD CONSTRAINT refuse_for_test "
                + "CHECK (action NOT IN ('CUSTOMER_CREATED', 'BALANCES_LOADED', 'MONTH_EVALUATED')) NOT VALID");
        try {
            assertThatThrownBy(() -> tiering.createCustomer(CreateCustomerRequest.newBuilder()
                    .setCustomer(person("AUD-LOST")).build())).isInstanceOf(StatusRuntimeException.class);
            assertThatThrownBy(() -> client.loadBalances(Multi.createFrom().items(LoadBalancesRequest.newBuilder()
                    .addBalances(balance("AUD-LOST", "AUD-LOST-1", "2024-01-01", "5.00", "CNY")).build())).await().atMost(WAIT))
                    .isInstanceOf(StatusRuntimeException.class);
            assertThatThrownBy(() -> tiering.putBalances(PutBalancesRequest.newBuilder()
                    .addBalances(balance("AUD-LOST", "AUD-LOST-1", "2024-01-01", "5.00", "CNY")).build()))
                    .isInstanceOf(StatusRuntimeException.class);
            assertThatThrownBy(() -> evaluate(client, 2024, 1, false)).isInstanceOf(StatusRuntimeException.class);
        } finally {
            SchemaOwner.execute("ALTER TABLE audit_event DROP CONSTRAINT refuse_for_test");
        }

        assertThat(TieringFixtures.count(dataSource, "customer WHERE customer_number = 'AUD-LOST'")).isZero();
        assertThat(TieringFixtures.count(dataSource, "balance")).isZero();
        assertThat(TableFingerprints.temporaryTables(dataSource, "staged_balance")).isZero();
        assertThat(TieringFixtures.count(dataSource, "evaluation_run")).isZero();
        assertThat(TieringFixtures.count(dataSource, "tier_evaluation")).isZero();
    }

    @Test
    void theTableRefusesUpdateDeleteAndTruncateEvenToItsOwner() throws Exception {
        // The service's own login is refused by privileges already (AuditTrailAccessTest); the triggers hold the owner.
        tiering.createCustomer(CreateCustomerRequest.newBuilder().setCustomer(person("AUD-T1")).build());
        long entries = TieringFixtures.count(dataSource, "audit_event");

        for (String statement : List.of("UPDATE audit_event SET actor = 'mallory'", "DELETE FROM audit_event",
                "TRUNCATE audit_event", "UPDATE audit_event SET reason = '' WHERE subject = 'customer/AUD-T1'")) {
            assertThatThrownBy(() -> SchemaOwner.execute(statement)).as(statement).isInstanceOf(SQLException.class)
                    .hasMessageContaining("audit_event is append-only");
        }

        assertThat(TieringFixtures.count(dataSource, "audit_event")).isEqualTo(entries);
        assertThat(TieringFixtures.count(dataSource, "audit_event WHERE actor = 'mallory'")).isZero();
        assertThat(TieringFixtures.count(dataSource,
                "audit_event WHERE subject = 'customer/AUD-T1' AND actor = 'ops-li' AND reason = '月末批量'")).isEqualTo(1);
    }

    @Test
    void theLogReadsBackNewestFirstPagedAndFiltered() {
        TieringServiceBlockingStub pager = GrpcClientUtils.attachHeaders(plain,
                TieringFixtures.headers("pager-zhao", "onboarding batch 7", Roles.TIER_ADMIN));
        for (String number : List.of("AUD-P1", "AUD-P2", "AUD-P3")) {
            pager.createCustomer(CreateCustomerRequest.newBuilder().setCustomer(person(number)).build());
        }

        ListAuditEventsResponse first = auditor.listAuditEvents(ListAuditEventsRequest.newBuilder()
                .setActor("pager-zhao").setAction("CUSTOMER_CREATED")
                .setPage(PageRequest.newBuilder().setPageSize(2)).build());
        ListAuditEventsResponse second = auditor.listAuditEvents(ListAuditEventsRequest.newBuilder()
                .setActor("pager-zhao").setAction("CUSTOMER_CREATED")
                .setPage(PageRequest.newBuilder().setPageSize(2).setPageToken(first.getPage().getNextPageToken())).build());
        ListAuditEventsResponse bySubject = auditor.listAuditEvents(ListAuditEventsRequest.newBuilder()
                .setSubject("customer/AUD-P2").build());

        assertThat(first.getPage().getTotalSize()).isEqualTo(3);
        assertThat(first.getEventsList()).extracting(AuditEvent::getSubject, AuditEvent::getReason)
                .containsExactly(tuple("customer/AUD-P3", "onboarding batch 7"), tuple("customer/AUD-P2", "onboarding batch 7"));
        assertThat(second.getEventsList()).extracting(AuditEvent::getSubject).containsExactly("customer/AUD-P1");
        assertThat(second.getPage().getNextPageToken()).isEmpty();
        assertThat(bySubject.getEventsList()).extracting(AuditEvent::getActor, AuditEvent::getAction)
                .containsExactly(tuple("pager-zhao", "CUSTOMER_CREATED"));
        assertThat(auditor.listAuditEvents(ListAuditEventsRequest.newBuilder().setAction("NO_SUCH_ACTION").build())
                .getPage().getTotalSize()).isZero();
        assertThat(statusOf(() -> auditor.listAuditEvents(ListAuditEventsRequest.newBuilder().setSubject("customer/\u0000").build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    /** The one entry written since {@code mark}, checked for action, subject, actor and reason. */
    private AuditEvent onlyEventSince(long mark, String action, String subject) {
        List<AuditEvent> since = auditor.listAuditEvents(ListAuditEventsRequest.newBuilder()
                .setPage(PageRequest.newBuilder().setPageSize(50)).build()).getEventsList().stream()
                .filter(event -> event.getEventId() > mark).toList();
        assertThat(since).hasSize(1);
        AuditEvent event = since.get(0);
        assertThat(event).extracting(AuditEvent::getAction, AuditEvent::getSubject, AuditEvent::getActor, AuditEvent::getReason)
                .containsExactly(action, subject, ADMIN, REASON);
        return event;
    }

    private static Map<String, Object> details(AuditEvent event) throws Exception {
        return JSON.readValue(event.getDetailsJson(), new TypeReference<Map<String, Object>>() {
        });
    }

    private long lastEventId() throws SQLException {
        return TieringFixtures.count(dataSource, "audit_event") == 0 ? 0
                : auditor.listAuditEvents(ListAuditEventsRequest.newBuilder()
                        .setPage(PageRequest.newBuilder().setPageSize(1)).build()).getEvents(0).getEventId();
    }

    private static Status.Code statusOf(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    private static Customer person(String number) {
        return Customer.newBuilder().setCustomerNumber(number).setName("王五").setKind(CustomerKind.CUSTOMER_KIND_PERSON)
                .setBranchCode("BJ-01").setOnboardedOn(Dates.toDate(LocalDate.of(2020, 3, 15))).build();
    }

    static CreateSchemeRequest scheme(String name, int year, int month) {
        return CreateSchemeRequest.newBuilder().setScheme(TierScheme.newBuilder()
                .setName(name)
                .setEffectiveMonth(TieringFixtures.month(year, month))
                .setBaseCurrencyCode("CNY")
                .setDowngradeGraceMonths(1)
                .addTiers(Tier.newBuilder().setCode("SILVER").setDisplayName("银卡")
                        .setLowerBound(Money.newBuilder().setAmount("50000.00").setCurrencyCode("CNY")))
                .addTiers(Tier.newBuilder().setCode("GOLD").setDisplayName("金卡")
                        .setLowerBound(Money.newBuilder().setAmount("500000.00").setCurrencyCode("CNY"))))
                .build();
    }

    static CreateValueClassSchemeRequest valueClasses(int year, int month, String a) {
        return CreateValueClassSchemeRequest.newBuilder().setScheme(ValueClassScheme.newBuilder()
                .setEffectiveMonth(TieringFixtures.month(year, month))
                .addClasses(ValueClass.newBuilder().setCode("A").setCumulativeShare(Decimal.newBuilder().setValue(a)))
                .addClasses(ValueClass.newBuilder().setCode("B").setCumulativeShare(Decimal.newBuilder().setValue("1"))))
                .build();
    }
}
