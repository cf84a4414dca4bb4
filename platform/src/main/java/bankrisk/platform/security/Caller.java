package bankrisk.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.security.Actor;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling, as the verified token says: the name the audit log records and the maker-checker compares. Never
 * taken from a request field, which anyone could fill in.
 */
@ApplicationScoped
public class Caller {

    /** The width of {@code audit_event.actor}. */
    public static final int MAX_NAME_LENGTH = 256;

    private final SecurityIdentity identity;

    @Inject
    Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The token's {@code upn} (or {@code sub}); a call that reached a role-checked method always has one. */
    public String name() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException("no authenticated caller");
        }
        String name = identity.getPrincipal().getName();
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            // The audit log stores who acted; a name it cannot store faithfully is not an identity we accept.
            throw new UnauthorizedException("the token's upn/sub must be 1.." + MAX_NAME_LENGTH + " printable characters");
        }
        return name;
    }

    /** Who acts and why, to pass into domain code: read it where the call arrives, before work moves to other threads. */
    public Actor actor() {
        return new Actor(name(), reason());
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** The reason given in {@code x-change-reason}; empty when none. */
    public String reason() {
        return ChangeReason.current();
    }
}
