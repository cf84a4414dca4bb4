package bankrisk.api.convert;

import java.util.regex.Pattern;

import bankrisk.common.error.Violations;

/**
 * Checks the identifiers and free texts of requests against the limits the contracts document. Free texts refuse
 * control characters other than line breaks and tabs: PostgreSQL cannot store a NUL at all, and escape sequences in
 * a name or an audit reason are an attack on whoever reads them later, not data.
 */
public final class Texts {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_-]+");

    private Texts() {
    }

    /** An identifier: 1..maxLength characters of letters, digits, '-' and '_'. Returns it, or null when bad. */
    public static String identifier(String value, String field, int maxLength, Violations violations) {
        if (value == null || value.isEmpty()) {
            violations.add(field, "is required");
            return null;
        }
        if (value.length() > maxLength || !IDENTIFIER.matcher(value).matches()) {
            violations.add(field, "must be 1 to " + maxLength + " letters, digits, '-' or '_'");
            return null;
        }
        return value;
    }

    /** A required free text of 1..maxLength characters, not blank. Returns it trimmed, or null when bad. */
    public static String text(String value, String field, int maxLength, Violations violations) {
        if (value == null || value.isBlank()) {
            violations.add(field, "is required");
            return null;
        }
        if (value.length() > maxLength) {
            violations.add(field, "must be at most " + maxLength + " characters");
            return null;
        }
        if (hasControlCharacters(value)) {
            violations.add(field, "must not contain control characters");
            return null;
        }
        return value.strip();
    }

    /** A required single-line text (a name): like {@link #text} but without any control character, line breaks included. */
    public static String line(String value, String field, int maxLength, Violations violations) {
        String text = text(value, field, maxLength, violations);
        return text == null || singleLine(text, field, violations) ? text : null;
    }

    /** An optional single-line text (a filter); empty when absent or bad. */
    public static String optionalLine(String value, String field, int maxLength, Violations violations) {
        String text = optionalText(value, field, maxLength, violations);
        return singleLine(text, field, violations) ? text : "";
    }

    private static boolean singleLine(String text, String field, Violations violations) {
        return violations.require(text.chars().noneMatch(Character::isISOControl), field, "must be a single line without control characters");
    }

    /** An optional free text of at most maxLength characters; empty when absent. */
    public static String optionalText(String value, String field, int maxLength, Violations violations) {
        if (value == null) {
            return "";
        }
        if (value.length() > maxLength) {
            violations.add(field, "must be at most " + maxLength + " characters");
            return "";
        }
        if (hasControlCharacters(value)) {
            violations.add(field, "must not contain control characters");
            return "";
        }
        return value.strip();
    }

    /** Whether {@code value} holds a control character other than a line break or a tab. */
    public static boolean hasControlCharacters(String value) {
        return value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
    }
}
