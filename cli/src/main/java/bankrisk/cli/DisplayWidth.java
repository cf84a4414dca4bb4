package bankrisk.cli;

/**
 * How many terminal columns a text takes, so that tables with Chinese text line up: East Asian Wide and Fullwidth
 * characters (Unicode Standard Annex #11, "East Asian Width": CJK ideographs, kana, Hangul, fullwidth forms) take 2
 * columns, combining marks and zero-width characters 0, everything else 1 — the rule of Markus Kuhn's wcwidth that
 * terminals follow. {@code String.format("%-10s")} counts UTF-16 chars instead, which shifts every column right of
 * a Chinese name (a 私人銀行 row by four columns).
 */
public final class DisplayWidth {

    private DisplayWidth() {
    }

    /** The columns {@code text} takes on a terminal. */
    public static int of(String text) {
        int columns = 0;
        for (int i = 0; i < text.length();) {
            int codePoint = text.codePointAt(i);
            columns += columns(codePoint);
            i += Character.charCount(codePoint);
        }
        return columns;
    }

    /** {@code text} followed by spaces up to {@code columns} (unchanged when already as wide). */
    public static String padRight(String text, int columns) {
        return text + " ".repeat(Math.max(0, columns - of(text)));
    }

    /** Spaces up to {@code columns}, then {@code text} (for numbers). */
    public static String padLeft(String text, int columns) {
        return " ".repeat(Math.max(0, columns - of(text))) + text;
    }

    static int columns(int codePoint) {
        int type = Character.getType(codePoint);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || codePoint == 0x200B
                || codePoint == 0x200C || codePoint == 0x200D || codePoint == 0xFEFF) {
            return 0;
        }
        return wide(codePoint) ? 2 : 1;
    }

    /** East Asian Wide (W) or Fullwidth (F) per UAX #11, by the blocks that hold them. */
    private static boolean wide(int c) {
        return c >= 0x1100 && c <= 0x115F // Hangul Jamo initial consonants
                || c >= 0x2E80 && c <= 0x303E // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
                || c >= 0x3041 && c <= 0x33FF // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK compatibility
                || c >= 0x3400 && c <= 0x4DBF // CJK unified ideographs extension A
                || c >= 0x4E00 && c <= 0x9FFF // CJK unified ideographs
                || c >= 0xA000 && c <= 0xA4CF // Yi
                || c >= 0xAC00 && c <= 0xD7A3 // Hangul syllables
                || c >= 0xF900 && c <= 0xFAFF // CJK compatibility ideographs
                || c >= 0xFE10 && c <= 0xFE19 // vertical forms
                || c >= 0xFE30 && c <= 0xFE6F // CJK compatibility forms, small form variants
                || c >= 0xFF00 && c <= 0xFF60 // fullwidth ASCII variants (Ａ, ０, （）
                || c >= 0xFFE0 && c <= 0xFFE6 // fullwidth signs (￥)
                || c >= 0x1F300 && c <= 0x1F64F // pictographs and emoticons
                || c >= 0x1F900 && c <= 0x1F9FF // supplemental symbols and pictographs
                || c >= 0x20000 && c <= 0x3FFFD; // CJK extensions B and later
    }
}
