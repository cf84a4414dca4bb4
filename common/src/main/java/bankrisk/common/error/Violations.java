package bankrisk.common.error;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every bad field of a request before failing, so that a caller learns all its mistakes at once.
 *
 * <pre>
 * Violations v = new Violations();
 * v.require(!number.isBlank(), "customer_number", "must not be empty");
 * v.throwIfAny();
 * </pre>
 */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    /** Records a violation of {@code field} unless {@code condition} holds; returns the condition. */
    public boolean require(boolean condition, String field, String description) {
        if (!condition) {
            add(field, description);
        }
        return condition;
    }

    public void add(String field, String description) {
        found.add(new FieldViolation(field, description));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** The violations found so far, in the order they were found. */
    public List<FieldViolation> list() {
        return List.copyOf(found);
    }

    /** Fails with every violation found so far, or returns when there is none. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidArgumentException(found);
        }
    }
}
