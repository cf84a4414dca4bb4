package bankrisk.tiering.rest;

import static org.hamcrest.Matchers.equalTo;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.tiering.v1.TieringService;
import bank.tiering.v1.TieringServiceGrpc.TieringServiceBlockingStub;
import bankrisk.common.security.Roles;
import bankrisk.testing.TestTokens;
import bankrisk.tiering.TieringFixtures;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** The relationship managers' CSV of the customers projected to drop: the rows of ListTierRisks, errors as HTTP. */
@QuarkusTest
class TierRiskResourceTest {

    @GrpcClient("tiering")
    TieringService client;

    @GrpcClient("tiering")
    TieringServiceBlockingStub tiering;

    /** Without the tier-admin's headers, for calls as someone else (a second header would not replace the first). */
    @GrpcClient("tiering")
    TieringServiceBlockingStub plain;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void loadTheBank() throws Exception {
        client = GrpcClientUtils.attachHeaders(client, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
        tiering = GrpcClientUtils.attachHeaders(tiering, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
        TieringFixtures.projectionBank(dataSource, tiering, client);
    }

    @Test
    void listsTheCustomersProjectedToDropWithTheExactBalanceNeeded() {
        // The rows ProjectionGrpcTest works out by hand: R-DROP 68,181.81 needed, 28,181.81 short; R-SLIP 336,363.63
        // needed, 56,363.63 short; the seeded scheme has no grace, so each drops at the month end (1 month below).
        as(Roles.AUDITOR).get("/tiering/risks.csv?month=2024-10&business_date=2024-10-20").then()
                .statusCode(200)
                .contentType("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"tier-risks-2024-10-20.csv\"")
                .body(equalTo("month,2024-10\r\n"
                        + "business_date,2024-10-20\r\n"
                        + "scheme_version,1\r\n"
                        + "currency,CNY\r\n"
                        + "\r\n"
                        + "customer_number,held_tier,projected_tier,projected_average,today_balance,status,balance_needed,shortfall,"
                        + "months_below,grace_holds,grace_last_month,floor_tier\r\n"
                        + "R-DROP,XINRAN,,40000.00,40000.00,NEEDED,68181.81,28181.81,1,false,,\r\n"
                        + "R-SLIP,YOURAN,XINRAN,280000.00,280000.00,NEEDED,336363.63,56363.63,1,false,,\r\n"));
    }

    /**
     * An approved floor below the tier held is the row's last column. R-SLIP was granted XINRAN for October while it
     * held no tier in September (10,000), then held YOURAN there by its average (400,000, re-evaluated); its row is
     * otherwise as above.
     */
    @Test
    void aFloorBelowTheHeldTierIsTheRowsLastColumn() {
        tiering.putBalances(bank.tiering.v1.PutBalancesRequest.newBuilder()
                .addBalances(TieringFixtures.balance("R-SLIP", "R-SLIP-1", "2024-09-01", "10000.00", "CNY")).build());
        TieringFixtures.evaluate(client, 2024, 9, true);
        long floorId = GrpcClientUtils.attachHeaders(plain, TestTokens.headers("maker-1", Roles.TIER_ADMIN))
                .proposeTierFloor(bank.tiering.v1.ProposeTierFloorRequest.newBuilder().setCustomerNumber("R-SLIP")
                        .setTierCode("XINRAN").setFirstMonth(TieringFixtures.month(2024, 10))
                        .setLastMonth(TieringFixtures.month(2024, 10)).setReason("特批").build()).getFloorId();
        GrpcClientUtils.attachHeaders(plain, TestTokens.headers("checker-1", Roles.TIER_APPROVER))
                .approveTierFloor(bank.tiering.v1.DecideTierFloorRequest.newBuilder().setFloorId(floorId).build());
        tiering.putBalances(bank.tiering.v1.PutBalancesRequest.newBuilder()
                .addBalances(TieringFixtures.balance("R-SLIP", "R-SLIP-1", "2024-09-01", "400000.00", "CNY")).build());
        TieringFixtures.evaluate(client, 2024, 9, true);

        as(Roles.AUDITOR).get("/tiering/risks.csv?month=2024-10&business_date=2024-10-20").then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.endsWith("\r\n"
                        + "R-DROP,XINRAN,,40000.00,40000.00,NEEDED,68181.81,28181.81,1,false,,\r\n"
                        + "R-SLIP,YOURAN,XINRAN,280000.00,280000.00,NEEDED,336363.63,56363.63,1,false,,XINRAN\r\n"));
    }

    @Test
    void badDatesAreBadRequestsNamingTheField() {
        as(Roles.TIER_ADMIN).get("/tiering/risks.csv?month=2024-10&business_date=2024-11-01").then()
                .statusCode(400)
                .body("violations[0].field", equalTo("business_date"))
                .body("violations[0].description", equalTo("2024-11-01 is not in 2024-10"));
        as(Roles.TIER_ADMIN).get("/tiering/risks.csv?month=２０２４-10&business_date=2024-10-01").then()
                .statusCode(400)
                .body("violations[0].field", equalTo("month"))
                .body("violations[0].description", equalTo("must be YYYY-MM"));
        as(Roles.TIER_ADMIN).get("/tiering/risks.csv?month=2024-10").then()
                .statusCode(400)
                .body("violations[0].field", equalTo("business_date"))
                .body("violations[0].description", equalTo("is required"));
    }

    /**
     * The list is computed once, in the transaction the rows are then streamed from: a missing FX rate is still a
     * 409 before the first byte, and neither the refusals nor the downloads keep a pooled connection (more calls
     * than the pool's 16 connections, each of which would wait 5 s for one and fail if any had leaked).
     */
    @Test
    void aMissingRateIsAConflictBeforeTheBodyAndNoCallKeepsAConnection() {
        for (int call = 0; call < 20; call++) {
            as(Roles.AUDITOR).get("/tiering/risks.csv?month=2024-10&business_date=2024-10-20").then().statusCode(200);
        }
        // 100 EUR from 1 October and no EUR rate at all.
        tiering.putBalances(bank.tiering.v1.PutBalancesRequest.newBuilder()
                .addBalances(TieringFixtures.balance("E-1", "E-1-1", "2024-10-01", "100.00", "EUR")).build());
        for (int call = 0; call < 20; call++) {
            as(Roles.AUDITOR).get("/tiering/risks.csv?month=2024-10&business_date=2024-10-20").then()
                    .statusCode(409)
                    .body(org.hamcrest.Matchers.containsString("FX_RATE_MISSING"));
        }
    }

    @Test
    void onlyTheReadersOfTiersMayDownloadIt() {
        RestAssured.given().get("/tiering/risks.csv?month=2024-10&business_date=2024-10-20").then().statusCode(401);
        as(Roles.FINANCE).get("/tiering/risks.csv?month=2024-10&business_date=2024-10-20").then().statusCode(403);
    }

    private static RequestSpecification as(String role) {
        return RestAssured.given().header("Authorization", TestTokens.authorizationHeader("rm-1", role));
    }
}
