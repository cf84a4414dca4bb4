package bankrisk.common.security;

import java.util.List;

/**
 * The roles a bearer token may carry (its {@code groups} claim). Each RPC names the roles it admits; nothing is
 * admitted by default.
 */
public final class Roles {

    /** Tiering schemes, balance and FX loads, month-end evaluations. */
    public static final String TIER_ADMIN = "tier-admin";
    /** Approves or rejects manual tier floors (the checker), never their own proposal. */
    public static final String TIER_APPROVER = "tier-approver";
    /** Loans and their facts, classification runs, override proposals (the maker). */
    public static final String RISK_OFFICER = "risk-officer";
    /** Approves or rejects override proposals (the checker), never their own. */
    public static final String RISK_APPROVER = "risk-approver";
    /** Provisioning policies and runs, reports and journals. */
    public static final String FINANCE = "finance";
    /**
     * Approves or rejects a provision run submitted by {@code finance} and a reversal of its posting (the checker),
     * never their own submission or request, even when holding both roles.
     */
    public static final String FINANCE_APPROVER = "finance-approver";
    /** Reads everything, changes nothing. */
    public static final String AUDITOR = "auditor";
    /** Another service of this system reading what it needs. */
    public static final String SERVICE = "service";

    public static final List<String> ALL = List.of(TIER_ADMIN, TIER_APPROVER, RISK_OFFICER, RISK_APPROVER, FINANCE, FINANCE_APPROVER,
            AUDITOR, SERVICE);

    private Roles() {
    }
}
