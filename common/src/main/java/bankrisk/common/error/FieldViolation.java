package bankrisk.common.error;

import java.util.Objects;

/**
 * One bad field of a request: its path in the request (e.g. {@code balances[3].amount}) and why it is bad.
 * Mirrors {@code google.rpc.BadRequest.FieldViolation}.
 */
public record FieldViolation(String field, String description) {

    public FieldViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(description, "description");
    }

    @Override
    public String toString() {
        return field + ": " + description;
    }
}
