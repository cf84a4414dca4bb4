package bankrisk.loanrisk.grpc;

import bankrisk.api.convert.Texts;
import bankrisk.common.error.Violations;

/**
 * Free texts of requests (reasons, comments, names, audit filters): {@link Texts} plus no control characters other
 * than line breaks and tabs. A NUL cannot be stored by PostgreSQL at all, and escape sequences in a name or an audit
 * reason are an attack on whoever reads them later, not data.
 */
final class FreeText {

    private FreeText() {
    }

    static String required(String value, String field, int maxLength, Violations violations) {
        return refuseControlCharacters(Texts.text(value, field, maxLength, violations), field, violations);
    }

    static String optional(String value, String field, int maxLength, Violations violations) {
        return refuseControlCharacters(Texts.optionalText(value, field, maxLength, violations), field, violations);
    }

    private static String refuseControlCharacters(String text, String field, Violations violations) {
        if (text != null && text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            violations.add(field, "must not contain control characters");
            return null;
        }
        return text;
    }
}
