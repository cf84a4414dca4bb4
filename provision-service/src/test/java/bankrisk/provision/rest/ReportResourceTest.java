package bankrisk.provision.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.provision.v1.ProvisionRun;
import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.provision.fake.FakeLoanRisk;
import bankrisk.testing.TestTokens;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Finance downloads of the December run (amounts as in ProvisionRunGrpcTest), read back as a user would. */
@QuarkusTest
class ReportResourceTest {

    @GrpcClient("provision")
    ProvisionServiceBlockingStub provision;

    @BeforeEach
    void authenticateAsFinance() {
        provision = GrpcClientUtils.attachHeaders(provision, TestTokens.headers("finance-1", Roles.FINANCE));
    }

    @Test
    void theCsvStartsWithTheInputsAndHasEveryView() {
        ProvisionRun run = run(FakeLoanRisk.DEC);

        String csv = asFinance().get("/provision/runs/{id}/report.csv", run.getRunId()).then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"provision-run-" + run.getRunId() + ".csv\"")
                .extract().asString();

        List<String> lines = csv.lines().toList();
        assertThat(lines).startsWith("section,Inputs", "Run id," + run.getRunId(), "As of,2024-12-31", "Snapshot id,S-2024-12-31",
                "Snapshot fingerprint,fp-2024-12-31", "Snapshot rule set,CN-2023 v1", "Policy,PBOC-2002 v1");
        assertThat(lines).contains("Run fingerprint," + run.getFingerprint(),
                "Allowance (specific + general),99598.78,",
                "Provision coverage (min 150 %),0.46659926,BREACH",
                "Loan provision ratio (min 2.5 %),0.06790254,ok",
                "section,By Category",
                "SUBSTANDARD,SUBSTANDARD,1,123456.78,123456.78,30864.20,55555.55,ECL",
                "LOSS,LOSS,1,10000.01,10000.01,10000.01,10000.01,EQUAL",
                "BR02,BR02,2,323456.78,123456.78,34864.20,73555.55,ECL",
                "XINRAN,欣然,2,1003333.33,0.00,66.67,4800.00,ECL");
        assertThat(lines).filteredOn(l -> l.startsWith("section,By ")).containsExactly("section,By Category", "section,By Product",
                "section,By Branch", "section,By Customer tier");
    }

    @Test
    void oneViewOnlyWhenAskedAndAnUnknownViewIsABadRequest() {
        ProvisionRun run = run(FakeLoanRisk.DEC);

        String csv = asFinance().queryParam("view", "branch").get("/provision/runs/{id}/report.csv", run.getRunId()).then().statusCode(200)
                .extract().asString();
        assertThat(csv.lines().filter(l -> l.startsWith("section,By "))).containsExactly("section,By Branch");

        asFinance().queryParam("view", "REGION").get("/provision/runs/{id}/report.csv", run.getRunId()).then()
                .statusCode(400)
                .body("code", equalTo("INVALID_ARGUMENT"))
                .body("violations[0].field", equalTo("view"));
        asFinance().get("/provision/runs/{id}/report.csv", 999999).then().statusCode(404).body("message", equalTo("provision run '999999' not found"));
    }

    @Test
    void aRunIdThatIsNotPlainAsciiDigitsIsRefused() {
        ProvisionRun run = run(FakeLoanRisk.DEC);

        // Path parameters would be dropped silently and serve the run: refused.
        asFinance().urlEncodingEnabled(false).get("/provision/runs/" + run.getRunId() + ";DROP/report.csv").then()
                .statusCode(400).body("code", equalTo("INVALID_ARGUMENT"));
        // Long.valueOf would read full-width digits ("１") as 1: not a run id here.
        asFinance().urlEncodingEnabled(false).get("/provision/runs/%EF%BC%91/report.csv").then().statusCode(404);
        asFinance().get("/provision/runs/-1/report.csv").then().statusCode(404);
    }

    @Test
    void runIdsInQueryParametersAreAsciiDigitsOnly() {
        ProvisionRun nov = run(FakeLoanRisk.NOV);
        ProvisionRun dec = run(FakeLoanRisk.DEC);
        String id = Long.toString(nov.getRunId());
        String fullWidth = id.chars().mapToObj(c -> String.valueOf((char) (c - '0' + '０'))).reduce("", String::concat);
        String arabicIndic = id.chars().mapToObj(c -> String.valueOf((char) (c - '0' + '٠'))).reduce("", String::concat);

        // Long.valueOf would read each of these as the November run.
        for (String notAnId : List.of(fullWidth, arabicIndic, "+" + id, " " + id, id + " ", "0x1", "-" + id, "9".repeat(19))) {
            asFinance().queryParam("fromRunId", notAnId).get("/provision/runs/{id}/movement.csv", dec.getRunId()).then()
                    .statusCode(400).body("code", equalTo("INVALID_ARGUMENT")).body("violations[0].field", equalTo("fromRunId"));
            asFinance().queryParam("previousRunId", notAnId).get("/provision/runs/{id}/journal.csv", dec.getRunId()).then()
                    .statusCode(400).body("code", equalTo("INVALID_ARGUMENT")).body("violations[0].field", equalTo("previousRunId"));
        }
        asFinance().queryParam("fromRunId", id).get("/provision/runs/{id}/movement.csv", dec.getRunId()).then().statusCode(200);
        asFinance().queryParam("previousRunId", id).get("/provision/runs/{id}/journal.csv", dec.getRunId()).then().statusCode(200);
    }

    @Test
    void theWorkbookHasNumericCellsWithFormatsAndASheetPerView() throws Exception {
        ProvisionRun run = run(FakeLoanRisk.DEC);

        byte[] xlsx = asFinance().get("/provision/runs/{id}/report.xlsx", run.getRunId()).then().statusCode(200)
                .contentType(equalTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).extract().asByteArray();

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            List<String> sheets = new ArrayList<>();
            workbook.forEach(s -> sheets.add(s.getSheetName()));
            assertThat(sheets).containsExactly("Inputs", "Category", "Product", "Branch", "Customer tier", "Lines 明细");

            Sheet inputs = workbook.getSheet("Inputs");
            assertThat(inputs.getRow(0).getCell(1).getStringCellValue()).isEqualTo(Long.toString(run.getRunId()));
            assertThat(find(inputs, "Run fingerprint").getCell(1).getStringCellValue()).isEqualTo(run.getFingerprint());
            Cell allowance = find(inputs, "Allowance (specific + general)").getCell(1);
            assertThat(allowance.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(allowance.getNumericCellValue()).isEqualTo(99598.78);
            assertThat(allowance.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            Cell coverage = find(inputs, "Provision coverage (min 150 %)").getCell(1);
            assertThat(coverage.getNumericCellValue()).isEqualTo(0.46659926);
            assertThat(coverage.getCellStyle().getDataFormatString()).isEqualTo("0.00%");

            Row substandard = find(workbook.getSheet("Category"), "SUBSTANDARD");
            assertThat(substandard.getCell(2).getNumericCellValue()).isEqualTo(1);
            assertThat(substandard.getCell(3).getNumericCellValue()).isEqualTo(123456.78);
            assertThat(substandard.getCell(5).getNumericCellValue()).isEqualTo(30864.20);
            assertThat(substandard.getCell(5).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(workbook.getSheet("Category").getRow(0).getCell(0).getStringCellValue()).contains("fingerprint " + run.getFingerprint());
            assertThat(find(workbook.getSheet("Customer tier"), "ZHUORAN").getCell(1).getStringCellValue()).isEqualTo("卓然");
        }
    }

    /**
     * The December lines (hand computation in RunLinesGrpcTest): L004 Substandard 123456.78, base = balance under the
     * outstanding-balance base, so 0.00 netted; 25 % → 30864.195 → 30864.20; ECL stage 3: 1 × 0.45 × 123456.78 =
     * 55555.551 → 55555.55. L007 Special mention 3333.33 × 2 % = 66.6666 → 66.67; ECL 0.20 × 0.45 × 3333.33 =
     * 299.9997 → 300.00.
     */
    @Test
    void theLinesDownloadAsCsvOneLinePerLoanInLoanIdOrder() {
        ProvisionRun run = run(FakeLoanRisk.DEC);

        String csv = asFinance().get("/provision/runs/{id}/lines.csv", run.getRunId()).then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"provision-lines-" + run.getRunId() + ".csv\"")
                .extract().asString();

        List<String> lines = csv.lines().toList();
        assertThat(lines).startsWith("section,Inputs", "Run id," + run.getRunId(), "As of,2024-12-31");
        int header = lines.indexOf("loan_id (贷款编号),customer_number (借款人客户号),borrower_kind (借款人类型),product (产品),"
                + "branch_code (机构),currency (币种),category (五级分类),days_past_due (逾期天数),balance (贷款余额),"
                + "collateral_kind (押品类型),collateral_value (押品价值),base (计提基数),collateral_netted (扣减押品),rate (计提比例),"
                + "specific_provision (专项准备),ecl_stage (减值阶段),ecl_pd (违约概率),ecl_lgd (违约损失率),ecl (预期信用损失)");
        assertThat(header).isPositive();
        assertThat(lines.get(header - 1)).isEmpty();
        assertThat(lines.subList(header + 1, lines.size())).extracting(l -> l.substring(0, 4))
                .containsExactly("L001", "L002", "L003", "L004", "L005", "L006", "L007");
        assertThat(lines).contains(
                "L004,C003,NON_RETAIL,CORPORATE_FIXED_ASSET,BR02,CNY,SUBSTANDARD,95,123456.78,CASH_DEPOSIT,20000.00,123456.78,0.00,"
                        + "0.25000000,30864.20,3,1.00000000,0.45000000,55555.55",
                "L007,C001,RETAIL,PERSONAL_CONSUMPTION,BR03,CNY,SPECIAL_MENTION,0,3333.33,NONE,0.00,3333.33,0.00,"
                        + "0.02000000,66.67,2,0.20000000,0.45000000,300.00");

        asFinance().get("/provision/runs/{id}/lines.csv", 999999).then().statusCode(404)
                .body("message", equalTo("provision run '999999' not found"));
    }

    @Test
    void theWorkbookHasTheLinesSheetWithNumericCells() throws Exception {
        ProvisionRun run = run(FakeLoanRisk.DEC);

        byte[] xlsx = asFinance().get("/provision/runs/{id}/report.xlsx", run.getRunId()).then().statusCode(200).extract().asByteArray();

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheet("Lines 明细");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("Run " + run.getRunId(), "fingerprint " + run.getFingerprint(),
                    "amounts in CNY");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("loan_id (贷款编号)");
            assertThat(sheet.getRow(1).getCell(14).getStringCellValue()).isEqualTo("specific_provision (专项准备)");
            assertThat(sheet.getLastRowNum()).isEqualTo(8); // head, titles, 7 loans
            Row l004 = find(sheet, "L004");
            assertThat(l004.getCell(6).getStringCellValue()).isEqualTo("SUBSTANDARD");
            assertThat(l004.getCell(7).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(l004.getCell(7).getNumericCellValue()).isEqualTo(95);
            assertThat(l004.getCell(8).getNumericCellValue()).isEqualTo(123456.78);
            assertThat(l004.getCell(8).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(l004.getCell(12).getNumericCellValue()).isEqualTo(0.00);
            assertThat(l004.getCell(13).getNumericCellValue()).isEqualTo(0.25);
            assertThat(l004.getCell(13).getCellStyle().getDataFormatString()).isEqualTo("0.00######");
            assertThat(l004.getCell(14).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(l004.getCell(14).getNumericCellValue()).isEqualTo(30864.20);
            assertThat(l004.getCell(15).getNumericCellValue()).isEqualTo(3);
            assertThat(l004.getCell(18).getNumericCellValue()).isEqualTo(55555.55);
            assertThat(find(sheet, "L007").getCell(14).getNumericCellValue()).isEqualTo(66.67);
        }
    }

    @Test
    void thePdfPrintsTheInputsTotalsChartAndTables() throws Exception {
        ProvisionRun run = run(FakeLoanRisk.DEC);

        byte[] pdf = asFinance().get("/provision/runs/{id}/report.pdf", run.getRunId()).then().statusCode(200)
                .contentType(equalTo("application/pdf")).extract().asByteArray();

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Loan-loss provision report", "Run id", Long.toString(run.getRunId()), "S-2024-12-31",
                    "fp-2024-12-31", "PBOC-2002 v1", run.getFingerprint(), "Category mix: specific provisions", "By Customer tier",
                    "99,598.78", "30,864.20", "46.66 %", "BREACH", "ZHUORAN", "UNTIERED");
            assertThat(text).doesNotContain("卓然");
        }
    }

    @Test
    void theJournalAndTheMovementDownloadAsCsv() {
        ProvisionRun nov = run(FakeLoanRisk.NOV);
        ProvisionRun dec = run(FakeLoanRisk.DEC);

        String journal = asFinance().queryParam("previousRunId", nov.getRunId()).get("/provision/runs/{id}/journal.csv", dec.getRunId())
                .then().statusCode(200).extract().asString();
        String movement = asFinance().queryParam("fromRunId", nov.getRunId()).get("/provision/runs/{id}/movement.csv", dec.getRunId())
                .then().statusCode(200).extract().asString();

        assertThat(journal.lines()).contains("Previous run id," + nov.getRunId(),
                "entry_id,branch_code,kind,description,account_code,account_name,debit,credit,currency",
                "BR02-CHARGE,BR02,CHARGE,Increase of specific provisions,6702,Credit-impairment loss (信用減值損失),31164.20,0.00,CNY",
                "BR02-WRITE_OFF,BR02,WRITE_OFF,Write-off of loans against the allowance,1303,Loans (貸款),0.00,7000.00,CNY",
                "BR02-RECOVERY,BR02,RECOVERY,\"Recovery of loans written off, to the allowance\",1001,Recoveries of loans written off (已核銷貸款收回),1200.00,0.00,CNY",
                "TOTAL,,,,,,42647.97,42647.97,CNY");
        // The figures of ProvisionRunGrpcTest's November → December movement, from the fake's booked flows.
        assertThat(movement.lines()).contains("row,opening,charges,releases,write_offs,derecognition_losses,recoveries,closing",
                "SUBSTANDARD,1000.00,31364.20,0.00,0.00,1500.00,0.00,30864.20",
                "LOSS,17000.01,0.00,1500.00,7000.00,0.00,1500.00,10000.01",
                "TOTAL,76385.01,35430.87,5217.10,7000.00,1500.00,1500.00,99598.78");
        asFinance().get("/provision/runs/{id}/movement.csv", dec.getRunId()).then().statusCode(400);
    }

    @Test
    void openApiDocumentsTheDownloads() {
        RestAssured.given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/provision/runs/{runId}/report.xlsx"))
                .body(containsString("bearerFormat: JWT"))
                .body(containsString("/provision/runs/{runId}/journal.csv"))
                .body(containsString("Run report as PDF"));
    }

    private ProvisionRun run(java.time.LocalDate asOf) {
        List<RunProvisioningProgress> progress = new ArrayList<>();
        provision.runProvisioning(RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(asOf)).setPolicyCode("PBOC-2002").setPolicyVersion(1)
                .build()).forEachRemaining(progress::add);
        return progress.get(progress.size() - 1).getRun();
    }

    private static RequestSpecification asFinance() {
        return RestAssured.given().header("Authorization", TestTokens.authorizationHeader("finance-1", Roles.FINANCE));
    }

    private static Row find(Sheet sheet, String firstCell) {
        for (Row row : sheet) {
            Cell cell = row.getCell(0);
            if (cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(firstCell)) {
                return row;
            }
        }
        throw new AssertionError("no row " + firstCell + " in sheet " + sheet.getSheetName());
    }
}
