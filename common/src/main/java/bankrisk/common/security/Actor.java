package bankrisk.common.security;

import java.util.Objects;

/**
 * Who acts and why: the verified caller's name (never a request field) and the reason they gave, read once where a
 * call arrives and passed to the domain, which records it in the audit log with the change.
 */
public record Actor(String name, String reason) {

    public Actor {
        Objects.requireNonNull(name, "name");
        reason = reason == null ? "" : reason;
    }
}
