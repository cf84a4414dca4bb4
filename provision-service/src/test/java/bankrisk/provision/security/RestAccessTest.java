package bankrisk.provision.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.provision.v1.GetRunRequest;
import bank.provision.v1.ProvisionRun;
import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bank.provision.v1.RunStepRequest;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.provision.PolicyRequests;
import bankrisk.provision.fake.FakeLoanRisk;
import bankrisk.testing.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The REST downloads admit finance and auditors only: 401 without a token or with a bad one (foreign signer,
 * expired, valid until 2999, not a JWT), 403 for every other role, 200 for both admitted roles. Health, metrics and OpenAPI stay open.
 */
@QuarkusTest
class RestAccessTest {

    @GrpcClient("provision")
    ProvisionServiceBlockingStub provision;

    @GrpcClient("provision")
    ProvisionServiceBlockingStub unauthenticated;

    private ProvisionServiceBlockingStub approver;

    private List<String> downloads;

    @BeforeEach
    void aCompletedRunToDownload() {
        approver = GrpcClientUtils.attachHeaders(unauthenticated, TestTokens.headers("approver-1", Roles.FINANCE_APPROVER));
        provision = GrpcClientUtils.attachHeaders(provision, TestTokens.headers("finance-1", Roles.FINANCE));
        ProvisionRun nov = run(FakeLoanRisk.NOV);
        String dec = "/provision/runs/" + run(FakeLoanRisk.DEC).getRunId();
        downloads = List.of(dec + "/report.csv", dec + "/report.xlsx", dec + "/report.pdf", dec + "/journal.csv",
                dec + "/movement.csv?fromRunId=" + nov.getRunId(), "/provision/postings/" + postedRun().getLifecycle().getPostingId() + "/gl.csv");
    }

    @Test
    void withoutATokenOrWithABadOneEveryDownloadIsUnauthorized() {
        List<String> badTokens = List.of("Bearer " + TestTokens.foreignToken("mallory", Roles.FINANCE),
                "Bearer " + TestTokens.expiredToken("alice", Roles.FINANCE),
                "Bearer " + TestTokens.longLivedToken("alice", Roles.FINANCE), "Bearer not-a-jwt", "Basic YWxpY2U6c2VjcmV0");
        int checked = 0;
        for (String path : downloads) {
            given().get(path).then().statusCode(401);
            checked++;
            for (String header : badTokens) {
                given().header("Authorization", header).get(path).then().statusCode(401);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(36);
    }

    @Test
    void aRoleOtherThanFinanceOrAuditorIsForbidden() {
        int checked = 0;
        for (String role : Roles.ALL) {
            if (role.equals(Roles.FINANCE) || role.equals(Roles.AUDITOR)) {
                continue;
            }
            for (String path : downloads) {
                given().header("Authorization", TestTokens.authorizationHeader("someone", role)).get(path).then().statusCode(403);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(6 * (Roles.ALL.size() - 2));
    }

    @Test
    void financeAndAuditorsDownloadEveryFile() {
        for (String role : List.of(Roles.FINANCE, Roles.AUDITOR)) {
            for (String path : downloads) {
                given().header("Authorization", TestTokens.authorizationHeader(role + "-1", role)).get(path).then().statusCode(200);
            }
        }
    }

    @Test
    void healthMetricsAndOpenApiNeedNoToken() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    /** A November run of a book of its own, taken through the close once (the next test finds it posted). */
    private ProvisionRun postedRun() {
        try {
            provision.createPolicy(PolicyRequests.pboc2002As("REST-GL", LocalDate.of(2024, 1, 1)));
        } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        }
        List<RunProvisioningProgress> progress = new ArrayList<>();
        provision.runProvisioning(RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(FakeLoanRisk.NOV)).setPolicyCode("REST-GL")
                .setPolicyVersion(1).build()).forEachRemaining(progress::add);
        RunStepRequest step = RunStepRequest.newBuilder().setRunId(progress.get(progress.size() - 1).getRun().getRunId()).build();
        if (provision.getRun(GetRunRequest.newBuilder().setRunId(step.getRunId()).build()).getLifecycle().getPostingId() == 0) {
            provision.submitRun(step);
            approver.approveRun(step);
            provision.postRun(step);
        }
        return provision.getRun(GetRunRequest.newBuilder().setRunId(step.getRunId()).build());
    }

    private ProvisionRun run(LocalDate asOf) {
        List<RunProvisioningProgress> progress = new ArrayList<>();
        provision.runProvisioning(RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(asOf)).setPolicyCode("PBOC-2002")
                .setPolicyVersion(1).build()).forEachRemaining(progress::add);
        return progress.get(progress.size() - 1).getRun();
    }
}
