package bankrisk.provision.report.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import bankrisk.provision.report.returns.ReturnDocument.Column;
import bankrisk.provision.report.returns.ReturnDocument.Kind;
import bankrisk.provision.report.returns.ReturnDocument.Table;

/** The PDF renderer alone: Chinese text survives extraction, a character the font lacks becomes '?', the file stays small. */
class ReturnPdfTest {

    @Test
    void chineseTextReadsBackAndTheSubsetStaysSmall() throws Exception {
        ReturnDocument document = new ReturnDocument("G11", "G11 资产质量五级分类情况表", List.<String[]> of(new String[] {"报告期末", "2026-06-30"}),
                List.of(new Table("余额（万元）", List.of(new Column("项目", Kind.TEXT), new Column("正常", Kind.WAN), new Column("笔数", Kind.COUNT)),
                        List.of(List.of("各项贷款", new BigDecimal("74.23"), 3L), List.of("私人銀行 \uD83C\uDFE6", new BigDecimal("1234567.89"), 12L)))),
                List.of("核销、转让、以物抵债计入减少，不计为向损失类迁徙。"));

        long started = System.nanoTime();
        byte[] pdf = ReturnPdf.write(document);
        long millis = (System.nanoTime() - started) / 1_000_000;

        try (PDDocument read = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(read);
            assertThat(text).contains("G11 资产质量五级分类情况表", "各项贷款", "74.23", "1,234,567.89", "私人銀行", "核销、转让、以物抵债");
            assertThat(text).doesNotContain("\uD83C\uDFE6"); // the bank emoji is not in Noto Sans SC: shown as '?', the PDF still written
        }
        assertThat(pdf.length).isLessThan(60_000);
        System.out.printf("ReturnPdfTest: %d bytes in %d ms (font parse and subset included)%n", pdf.length, millis);
    }
}
