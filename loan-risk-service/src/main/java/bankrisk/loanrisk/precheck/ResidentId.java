package bankrisk.loanrisk.precheck;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The 18-character second-generation resident identity number (GB 11643-1999): 6-digit area code, 8-digit birth
 * date (yyyyMMdd), 3-digit sequence and a check character computed by ISO 7064 MOD 11-2.
 */
public final class ResidentId {

    /** Why an id is not valid, as the pre-check reports it. */
    public enum Defect {
        /** A 15-digit first-generation number (GB 11643-1989): superseded, no longer accepted. */
        FIRST_GENERATION,
        MALFORMED,
        CHECK_DIGIT,
        BIRTH_DATE
    }

    private static final Pattern SHAPE = Pattern.compile("\\d{17}[0-9X]");
    private static final Pattern FIRST_GENERATION = Pattern.compile("\\d{15}");
    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final char[] CHECK = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };

    private ResidentId() {
    }

    /** The check character of the first 17 digits: remainder 0..10 of Σ digit × weight mod 11 → 1 0 X 9 8 7 6 5 4 3 2. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** The defect of an id, or empty when it is valid; a lower-case 'x' is read as 'X'. */
    public static Optional<Defect> defect(String id, LocalDate today) {
        String normal = id == null ? "" : id.toUpperCase();
        if (FIRST_GENERATION.matcher(normal).matches()) {
            return Optional.of(Defect.FIRST_GENERATION);
        }
        if (!SHAPE.matcher(normal).matches()) {
            return Optional.of(Defect.MALFORMED);
        }
        if (checkCharacter(normal) != normal.charAt(17)) {
            return Optional.of(Defect.CHECK_DIGIT);
        }
        Optional<LocalDate> birth = birthDate(normal);
        if (birth.isEmpty() || birth.get().getYear() < 1900 || birth.get().isAfter(today)) {
            return Optional.of(Defect.BIRTH_DATE);
        }
        return Optional.empty();
    }

    /** The birth date written in positions 7..14, when it is a calendar date. */
    public static Optional<LocalDate> birthDate(String id) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14))));
        } catch (DateTimeException | NumberFormatException | IndexOutOfBoundsException impossible) {
            return Optional.empty();
        }
    }
}
