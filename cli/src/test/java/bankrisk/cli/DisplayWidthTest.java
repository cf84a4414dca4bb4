package bankrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayWidthTest {

    @Test
    void wideCharactersTakeTwoColumnsLatinOneCombiningMarksNone() {
        assertThat(DisplayWidth.of("")).isZero();
        assertThat(DisplayWidth.of("PRIVATE")).isEqualTo(7);
        assertThat(DisplayWidth.of("私人銀行")).isEqualTo(8); // 4 CJK ideographs × 2
        assertThat(DisplayWidth.of("欣然")).isEqualTo(4);
        assertThat(DisplayWidth.of("无等级 below the lowest tier")).isEqualTo(6 + 22);
        assertThat(DisplayWidth.of("A私B")).isEqualTo(1 + 2 + 1);
        assertThat(DisplayWidth.of("ＡＬＩＣＥ")).isEqualTo(10); // fullwidth Latin, 5 × 2
        assertThat(DisplayWidth.of("（正常类）")).isEqualTo(10); // fullwidth parentheses and ideographs
        assertThat(DisplayWidth.of("e\u0301")).isEqualTo(1); // e + combining acute: one column
        assertThat(DisplayWidth.of("가나")).isEqualTo(4); // Hangul syllables
        assertThat(DisplayWidth.of("\uD840\uDC00")).isEqualTo(2); // U+20000, CJK extension B (a surrogate pair)
        assertThat(DisplayWidth.of("¥€")).isEqualTo(2); // narrow signs stay 1 each
    }

    @Test
    void paddingCountsColumnsNotChars() {
        assertThat(DisplayWidth.padRight("私人銀行", 10)).isEqualTo("私人銀行  ");
        assertThat(DisplayWidth.padRight("PRIVATE", 10)).isEqualTo("PRIVATE   ");
        assertThat(DisplayWidth.padLeft("欣然", 6)).isEqualTo("  欣然");
        assertThat(DisplayWidth.padRight("私人銀行", 4)).as("never cut").isEqualTo("私人銀行");
    }

    @Test
    void mixedChineseAndLatinRowsLineUp() {
        String[][] rows = { { "PRIVATE", "私人銀行", "2" }, { "XINRAN", "欣然", "3" }, { "(none)", "无等级 below the lowest tier", "1" },
                { "MIX", "A私B", "4" } };
        int nameWidth = 0;
        for (String[] row : rows) {
            nameWidth = Math.max(nameWidth, DisplayWidth.of(row[1]));
        }
        for (String[] row : rows) {
            String line = DisplayWidth.padRight(row[0], 8) + DisplayWidth.padRight(row[1], nameWidth) + DisplayWidth.padLeft(row[2], 4);
            // 8 + 28 + 4 columns, whatever the script: the last column ends at the same place on every row.
            assertThat(DisplayWidth.of(line)).as(line).isEqualTo(40);
            assertThat(line).endsWith(row[2]);
        }
    }
}
