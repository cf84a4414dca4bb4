package bankrisk.e2e;

import bankrisk.common.security.Roles;
import bankrisk.testing.TestTokens;
import io.grpc.CallCredentials;

/**
 * The people who run the month end, each with the one role their step needs: every call of the suite carries the
 * bearer token of the person doing it (a service without authentication ignores it). Tokens are signed with the
 * repository's sample key, which {@link ServiceProcess} makes every service trust, and live for an hour.
 */
final class Staff {

    /** Balances, FX rates, schemes, month-end tier evaluations (tiering-service). */
    static final CallCredentials TIER_ADMIN = TestTokens.as("e2e-tier-admin", Roles.TIER_ADMIN);
    /** Loans and their facts, classification runs, reading grades and snapshots (loan-risk-service). */
    static final CallCredentials RISK_OFFICER = TestTokens.as("e2e-risk-officer", Roles.RISK_OFFICER);
    /** The checker of loan-risk's write-offs: approves what the risk officer proposed (loan-risk-service). */
    static final CallCredentials RISK_APPROVER = TestTokens.as("e2e-risk-approver", Roles.RISK_APPROVER);
    /** Provisioning policies, runs and reports (provision-service). */
    static final CallCredentials FINANCE = TestTokens.as("e2e-finance", Roles.FINANCE);
    /** The checker of the month-end close: approves what finance submitted (provision-service). */
    static final CallCredentials FINANCE_APPROVER = TestTokens.as("e2e-finance-approver", Roles.FINANCE_APPROVER);

    private Staff() {
    }

    /** The {@code Authorization} header of the finance user, for the report downloads. */
    static String financeAuthorization() {
        return TestTokens.authorizationHeader("e2e-finance", Roles.FINANCE);
    }
}
