package bankrisk.common.error;

import java.util.List;
import java.util.stream.Collectors;

/** The request is malformed: one or more fields break the contract. Maps to {@code INVALID_ARGUMENT}. */
public final class InvalidArgumentException extends DomainException {

    private final List<FieldViolation> violations;

    public InvalidArgumentException(List<FieldViolation> violations) {
        super(violations.stream().map(FieldViolation::toString).collect(Collectors.joining("; ")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid argument needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public InvalidArgumentException(String field, String description) {
        this(List.of(new FieldViolation(field, description)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
