package bankrisk.common.security;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Who is who, as the identity provider decides it. Directory logins ({@code upn}, {@code sub}) are case-insensitive
 * in the identity providers banks run (Active Directory / ADFS, Azure AD, Keycloak, which lower-cases user names):
 * {@code Bob@bank.cn} and {@code bob@bank.cn} are one person. Every comparison of a maker with a checker, and every
 * per-caller limit, goes through here.
 *
 * <p>The key folds case (upper then lower, root locale, so {@code ß} meets {@code SS}) after NFKC normalisation (so
 * a full-width {@code Ｂｏｂ} typed with a Chinese input method meets {@code Bob}). Folding more than the provider
 * does can only make two logins count as one person, which refuses an approval that was legitimate; folding less
 * would let one person approve their own proposal.
 */
public final class Identities {

    private Identities() {
    }

    /** The form two names are compared in. */
    public static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** Whether two names denote the same person (null names never do). */
    public static boolean samePerson(String a, String b) {
        return a != null && b != null && key(a).equals(key(b));
    }
}
