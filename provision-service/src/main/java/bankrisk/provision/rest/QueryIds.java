package bankrisk.provision.rest;

import java.util.regex.Pattern;

import bankrisk.common.error.Violations;

/**
 * Run ids in query parameters, read as strictly as the path reads them ({@code [0-9]{1,18}}): JAX-RS would convert a
 * {@code long} parameter with {@code Long.valueOf}, which also reads other scripts' digits ("１２" full-width, "١٢"
 * Arabic-Indic) and a leading '+', so the id a proxy, a cache or an audit trail sees could differ from the run served.
 */
final class QueryIds {

    private static final Pattern ASCII_ID = Pattern.compile("[0-9]{1,18}");

    private QueryIds() {
    }

    /** The id in {@code value}; 0 when absent or empty; INVALID_ARGUMENT naming {@code parameter} otherwise. */
    static long parse(String value, String parameter) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        if (!ASCII_ID.matcher(value).matches()) {
            Violations violations = new Violations();
            violations.add(parameter, "must be a run id: 1 to 18 ASCII digits");
            violations.throwIfAny();
        }
        return Long.parseLong(value);
    }
}
