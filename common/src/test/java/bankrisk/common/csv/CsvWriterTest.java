package bankrisk.common.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaIsWrittenAsText() {
        // The OWASP list: '=', '+', '-', '@', tab, carriage return at the start of a cell.
        assertThat(CsvWriter.cell("=HYPERLINK(\"http://evil\",\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
        assertThat(CsvWriter.cell("+1+cmd|' /C calc'!A0")).isEqualTo("\"'+1+cmd|' /C calc'!A0\"");
        assertThat(CsvWriter.cell("-2+3")).isEqualTo("\"'-2+3\"");
        assertThat(CsvWriter.cell("-cmd")).isEqualTo("\"'-cmd\"");
        assertThat(CsvWriter.cell("@SUM(A1:A9)")).isEqualTo("\"'@SUM(A1:A9)\"");
        assertThat(CsvWriter.cell("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(CsvWriter.cell("\r=1")).isEqualTo("\"'\r=1\"");
    }

    @Test
    void numbersStayNumbersAndOrdinaryTextIsUnchanged() {
        assertThat(CsvWriter.cell(new BigDecimal("-1234.50"))).isEqualTo("-1234.50");
        assertThat(CsvWriter.cell("-1234.50")).isEqualTo("-1234.50");
        assertThat(CsvWriter.cell(-7L)).isEqualTo("-7");
        assertThat(CsvWriter.cell("Credit-impairment loss (信用減值損失)")).isEqualTo("Credit-impairment loss (信用減值損失)");
        assertThat(CsvWriter.cell("2026-11-30")).isEqualTo("2026-11-30");
        assertThat(CsvWriter.cell("a, b")).isEqualTo("\"a, b\"");
        assertThat(CsvWriter.cell(null)).isEmpty();
    }

    @Test
    void aRowDefusesEveryCellOnItsOwn() {
        assertThat(new CsvWriter().row("BR-1", "=1+1", new BigDecimal("-0.01"), "-0.01").toString())
                .isEqualTo("BR-1,\"'=1+1\",-0.01,-0.01\r\n");
    }
}
