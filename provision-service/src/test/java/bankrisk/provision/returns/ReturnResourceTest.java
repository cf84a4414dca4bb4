package bankrisk.provision.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bankrisk.common.security.Roles;
import bankrisk.provision.fake.ReturnsBook;
import bankrisk.testing.TestTokens;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The returns as files over REST, from the same returns book as {@link ReturnsGrpcTest} (figures computed there): a
 * workbook read back by POI with numeric cells, a CSV in English, PDFs whose extracted text is the Chinese labels and
 * names, with the font embedded as a subset; bad input is 400 naming the field.
 */
@QuarkusTest
class ReturnResourceTest {

    @GrpcClient("provision")
    ProvisionServiceBlockingStub provision;

    long runId;

    @BeforeEach
    void runTheJuneBook() {
        provision = GrpcClientUtils.attachHeaders(provision, TestTokens.headers("finance-1", Roles.FINANCE));
        runId = ReturnsFixture.run(provision, ReturnsBook.PERIOD_END);
    }

    @Test
    void theG11WorkbookHasNumericCellsWithFormats() throws Exception {
        byte[] xlsx = asRiskOfficer().get("/provision/returns/G11.xlsx?as_of=2026-06-30&run_id=" + runId).then().statusCode(200)
                .header("Content-Disposition", containsString("G11-2026-06-30-zh-CN.xlsx")).extract().asByteArray();

        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheet("G11");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("G11 资产质量五级分类情况表");
            // the first table is in 万元: Normal 742345.67 → 74.23, Special mention 15.00, total 1147345.67 → 114.73
            Row all = find(sheet, "各项贷款");
            assertThat(all.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(all.getCell(1).getNumericCellValue()).isEqualTo(74.23);
            assertThat(all.getCell(2).getNumericCellValue()).isEqualTo(15.00);
            assertThat(all.getCell(7).getNumericCellValue()).isEqualTo(114.73);
            assertThat(all.getCell(7).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            // the loan count table: 8 loans, format 0
            Row titles = find(sheet, "G11 资产质量五级分类情况表 — 笔数");
            Row counts = sheet.getRow(titles.getRowNum() + 2);
            assertThat(counts.getCell(7).getNumericCellValue()).isEqualTo(8);
            assertThat(counts.getCell(7).getCellStyle().getDataFormatString()).isEqualTo("0");
            // the deviation ratio 405000 / 255000 → 1.58823529, format 0.00000000
            Row deviation = find(sheet, "逾期90天以上贷款与不良贷款比例（偏离度）");
            assertThat(deviation.getCell(1).getNumericCellValue()).isEqualTo(1.58823529);
            assertThat(deviation.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("0.00000000");
        }
    }

    @Test
    void theG12CsvInEnglishHasEveryRatioAndTheNotApplicableOne() {
        String csv = asRiskOfficer().get("/provision/returns/G12.csv?from=2025-12-31&to=2026-06-30&lang=en").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();

        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("G12 Loan quality migration");
        assertThat(lines).contains("Normal migration,0.15789474,90000.00,570000.00", "Special mention migration,0.00000000,0.00,250000.00",
                "Substandard migration,n/a,0.00,0.00", "Doubtful migration,1.00000000,75000.00,75000.00",
                "Normal-loans migration,0.10975610,90000.00,820000.00");
        // the decreases: Substandard's R04 sold (transferred 200000, left the book), Loss's R06 written off 50000
        assertThat(lines).contains("Substandard,0.00,0.00,200000.00,0.00,200000.00,0.00,0.00,1", "Loss,0.00,50000.00,0.00,0.00,50000.00,0.00,0.00,1");
    }

    @Test
    void thePdfsEmbedASubsetOfTheChineseFontAndReadBackInChinese() throws Exception {
        byte[] g13 = asRiskOfficer().get("/provision/returns/G13.pdf?as_of=2026-06-30&run_id=" + runId).then().statusCode(200)
                .contentType(containsString("application/pdf")).extract().asByteArray();
        byte[] g11 = asRiskOfficer().get("/provision/returns/G11.pdf?as_of=2026-06-30&run_id=" + runId).then().statusCode(200)
                .extract().asByteArray();
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/returns-G13.pdf"), g13);
        Files.write(Path.of("target/returns-G11.pdf"), g11);

        try (PDDocument document = Loader.loadPDF(g13)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("G13 最大十家关注类、次级类、可疑类、损失类贷款情况表", "次级", "损失", "王小明", "华信贸易有限公司", "0.66666667");
            PDFont font = document.getPage(0).getResources().getFont(document.getPage(0).getResources().getFontNames().iterator().next());
            // a subset's name carries a six-letter tag (ABCDEF+NotoSansSC-Regular); the whole font would be 10 MB
            assertThat(font.getName()).matches("[A-Z]{6}\\+NotoSansSC.*");
            assertThat(font.isEmbedded()).isTrue();
        }
        assertThat(g13.length).isLessThan(100_000);
        try (PDDocument document = Loader.loadPDF(g11)) {
            assertThat(new PDFTextStripper().getText(document)).contains("G11 资产质量五级分类情况表", "正常", "关注", "可疑", "各项贷款", "74.23");
        }
        assertThat(g11.length).isLessThan(150_000);
        byte[] g12 = asRiskOfficer().get("/provision/returns/G12.pdf?from=2025-12-31&to=2026-06-30").then().statusCode(200).extract().asByteArray();
        Files.write(Path.of("target/returns-G12.pdf"), g12);
        try (PDDocument document = Loader.loadPDF(g12)) {
            // Substandard's ratio has denominator 200000 − 200000 = 0: not applicable (不适用)
            assertThat(new PDFTextStripper().getText(document)).contains("G12 贷款质量迁徙情况表", "正常类贷款迁徙率", "0.15789474", "不适用",
                    "核销、转让、以物抵债计入减少，不计为向损失类迁徙。");
        }
    }

    @Test
    void badInputIs400NamingTheField() {
        asRiskOfficer().get("/provision/returns/G14.csv?as_of=2026-06-30&run_id=" + runId).then().statusCode(400).body(containsString("\"form\""));
        asRiskOfficer().get("/provision/returns/G11.docx?as_of=2026-06-30&run_id=" + runId).then().statusCode(400).body(containsString("\"format\""));
        asRiskOfficer().get("/provision/returns/G11.csv?as_of=2026-06-30&run_id=" + runId + "&lang=fr").then().statusCode(400)
                .body(containsString("\"lang\""));
        asRiskOfficer().get("/provision/returns/G11.csv?as_of=2026-06-31&run_id=" + runId).then().statusCode(400).body(containsString("\"as_of\""));
        asRiskOfficer().get("/provision/returns/G13.csv?as_of=2026-06-30").then().statusCode(400).body(containsString("\"run_id\""));
        asRiskOfficer().get("/provision/returns/G12.csv?from=2025-12-31&to=2025-11-30").then().statusCode(400).body(containsString("\"to\""));
        asRiskOfficer().get("/provision/returns/G12.csv?from=2025-06-30&to=2026-06-30").then().statusCode(400).body(containsString("\"from\""));
        asRiskOfficer().get("/provision/returns/G12.csv?from=2025-12-31&to=2026-03-31").then().statusCode(409)
                .body(containsString("G12_YEAR_START_EQUALS_G11"));
        RestAssured.given().get("/provision/returns/G11.csv?as_of=2026-06-30&run_id=" + runId).then().statusCode(401);
        RestAssured.given().header("Authorization", TestTokens.authorizationHeader("t-1", Roles.TIER_ADMIN))
                .get("/provision/returns/G11.csv?as_of=2026-06-30&run_id=" + runId).then().statusCode(403);
    }

    private static RequestSpecification asRiskOfficer() {
        return RestAssured.given().header("Authorization", TestTokens.authorizationHeader("risk-1", Roles.RISK_OFFICER));
    }

    private static Row find(Sheet sheet, String firstCell) {
        for (Row row : sheet) {
            Cell cell = row.getCell(0);
            if (cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(firstCell)) {
                return row;
            }
        }
        throw new AssertionError("no row " + firstCell);
    }
}
