package bankrisk.tiering.floor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.error.FailedPreconditionException;
import bankrisk.common.error.NotFoundException;
import bankrisk.common.error.Violations;
import bankrisk.common.security.Identities;
import bankrisk.common.security.Actor;
import bankrisk.platform.audit.AuditLog;
import bankrisk.tiering.db.Jdbc;
import bankrisk.tiering.scheme.SchemeService;
import bankrisk.tiering.scheme.TierScheme;

/**
 * Maker-checker for manual tier floors, as loan-risk's overrides: a tier-admin proposes (the maker is the verified
 * caller, passed in by the gRPC adapter), a different person approves or rejects (compared as the identity provider
 * compares logins, {@link Identities}), each step audited with its reason in its own transaction. A floor must lift the
 * customer above the tier computed for its latest evaluated month (checked again at approval: the tier may have risen
 * since). One pending proposal per customer (a unique partial index); a proposal is decided once (the row is locked).
 * The evaluation applies approved floors ({@code EvaluationSql}); nothing here changes a stored month.
 */
@ApplicationScoped
public class FloorService {

    public static final String RESOURCE = "tier-floor";
    public static final String PROPOSED = "TIER_FLOOR_PROPOSED";
    public static final String FLOOR_NOT_ABOVE_TIER = "FLOOR_NOT_ABOVE_TIER";
    public static final String PROPOSAL_PENDING = "PROPOSAL_PENDING";
    public static final String ALREADY_DECIDED = "ALREADY_DECIDED";
    public static final String SAME_PERSON = "SAME_PERSON";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = """
            floor_id, customer_number, tier_code, first_month, last_month, reason, status, proposed_by, decided_by,
            decision_comment""";

    private final Jdbc jdbc;
    private final SchemeService schemes;
    private final AuditLog audit;

    @Inject
    public FloorService(Jdbc jdbc, SchemeService schemes, AuditLog audit) {
        this.jdbc = jdbc;
        this.schemes = schemes;
        this.audit = audit;
    }

    /**
     * @throws bankrisk.common.error.InvalidArgumentException {@code last_month} before {@code first_month}, or
     *         {@code tier_code} not a tier of the scheme in force for the first month
     * @throws NotFoundException resource "customer" when the customer has neither a balance nor a registration
     * @throws FailedPreconditionException {@value #FLOOR_NOT_ABOVE_TIER}, {@value #PROPOSAL_PENDING}
     */
    public TierFloor propose(Actor actor, String customerNumber, String tierCode, YearMonth first, YearMonth last,
            String reason) {
        Violations violations = new Violations();
        violations.require(!last.isBefore(first), "last_month", last + " is before first_month " + first);
        violations.throwIfAny();
        return jdbc.inTransaction(connection -> {
            TierScheme scheme = schemes.inForce(connection, first);
            int rank = scheme.rankOf(tierCode);
            violations.require(rank > 0, "tier_code", "'" + tierCode + "' is not a tier of scheme " + scheme.version()
                    + " in force for " + first + " (" + String.join(", ", scheme.codes()) + ")");
            violations.throwIfAny();
            requireKnown(connection, customerNumber);
            requireAboveComputed(connection, scheme, customerNumber, tierCode, rank, last);
            TierFloor pending = pendingOf(connection, customerNumber);
            if (pending != null) {
                throw proposalPending(customerNumber, "floor " + pending.floorId() + " by " + pending.proposedBy());
            }
            long id;
            try (PreparedStatement insert = Jdbc.bind(connection.prepareStatement("""
                    INSERT INTO tier_floor (customer_number, tier_code, first_month, last_month, reason, status, proposed_by)
                    VALUES (?, ?, ?, ?, ?, 'PENDING', ?) RETURNING floor_id"""), customerNumber, tierCode,
                    Jdbc.month(first), Jdbc.month(last), reason, actor.name()); ResultSet row = insert.executeQuery()) {
                row.next();
                id = row.getLong(1);
            } catch (SQLException failure) {
                // A concurrent proposal for the same customer committed between the check and the insert.
                if (UNIQUE_VIOLATION.equals(failure.getSQLState())) {
                    throw proposalPending(customerNumber, "made concurrently");
                }
                throw failure;
            }
            // The floor's own reason is what the checker reads and the trail keeps (not the call's header).
            audit.recordAs(actor.name(), reason, PROPOSED, subject(customerNumber), Map.of("floor_id", id, "tier_code", tierCode,
                    "first_month", first.toString(), "last_month", last.toString()));
            return get(connection, id);
        });
    }

    /**
     * @throws NotFoundException resource {@value #RESOURCE}
     * @throws FailedPreconditionException {@value #SAME_PERSON}, {@value #ALREADY_DECIDED}, {@value #FLOOR_NOT_ABOVE_TIER}
     */
    public TierFloor approve(long floorId, Actor actor, String comment) {
        return decide(floorId, actor, comment, TierFloor.Status.APPROVED);
    }

    /** @throws FailedPreconditionException {@value #SAME_PERSON}, {@value #ALREADY_DECIDED} */
    public TierFloor reject(long floorId, Actor actor, String comment) {
        return decide(floorId, actor, comment, TierFloor.Status.REJECTED);
    }

    private TierFloor decide(long floorId, Actor actor, String comment, TierFloor.Status decision) {
        return jdbc.inTransaction(connection -> {
            // Locked: of two concurrent deciders the second waits and then finds it decided.
            TierFloor floor = find(connection, "SELECT " + COLUMNS + " FROM tier_floor WHERE floor_id = ? FOR UPDATE", floorId);
            if (floor == null) {
                throw new NotFoundException(RESOURCE, Long.toString(floorId));
            }
            if (floor.status() != TierFloor.Status.PENDING) {
                throw new FailedPreconditionException(ALREADY_DECIDED,
                        "floor " + floorId + " was already " + floor.status() + " by " + floor.decidedBy());
            }
            // "Bob" may not approve what "bob" proposed, whatever roles either holds.
            if (Identities.samePerson(floor.proposedBy(), actor.name())) {
                throw new FailedPreconditionException(SAME_PERSON,
                        "floor " + floorId + " was proposed by " + actor.name() + "; a different person must decide it");
            }
            if (decision == TierFloor.Status.APPROVED) {
                TierScheme scheme = schemes.inForce(connection, floor.firstMonth());
                requireAboveComputed(connection, scheme, floor.customerNumber(), floor.tierCode(),
                        scheme.rankOf(floor.tierCode()), floor.lastMonth());
            }
            try (PreparedStatement update = Jdbc.bind(connection.prepareStatement("""
                    UPDATE tier_floor SET status = ?, decided_by = ?, decided_at = now(), decision_comment = ?
                    WHERE floor_id = ?"""), decision.name(), actor.name(), comment, floorId)) {
                update.executeUpdate();
            }
            Map<String, Object> details = new HashMap<>();
            details.put("floor_id", floorId);
            details.put("tier_code", floor.tierCode());
            audit.recordAs(actor.name(), comment, "TIER_FLOOR_" + decision.name(), subject(floor.customerNumber()), details);
            return get(connection, floorId);
        });
    }

    private static void requireKnown(Connection connection, String customerNumber) throws SQLException {
        try (PreparedStatement select = Jdbc.bind(connection.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM balance WHERE customer_number = ?)
                    OR EXISTS (SELECT 1 FROM customer WHERE customer_number = ?)"""), customerNumber, customerNumber);
                ResultSet row = select.executeQuery()) {
            row.next();
            if (!row.getBoolean(1)) {
                throw new NotFoundException("customer", customerNumber);
            }
        }
    }

    /** The floor must be above the tier computed for the customer's latest evaluated month up to {@code last}. */
    private static void requireAboveComputed(Connection connection, TierScheme scheme, String customerNumber,
            String tierCode, int rank, YearMonth last) throws SQLException {
        try (PreparedStatement select = Jdbc.bind(connection.prepareStatement("""
                SELECT month, tier_code FROM tier_evaluation WHERE customer_number = ? AND month <= ?
                ORDER BY month DESC LIMIT 1"""), customerNumber, Jdbc.month(last)); ResultSet row = select.executeQuery()) {
            if (!row.next() || row.getString(2) == null) {
                return;
            }
            String computed = row.getString(2);
            // Mapped into the floor's scheme by code, as the evaluation maps the tier held.
            if (scheme.rankOf(computed) >= rank) {
                throw new FailedPreconditionException(FLOOR_NOT_ABOVE_TIER, "tier_code " + tierCode
                        + " is not above the tier " + computed + " computed for " + Jdbc.month(row.getDate(1))
                        + "; a floor must lift the customer");
            }
        }
    }

    private static TierFloor pendingOf(Connection connection, String customerNumber) throws SQLException {
        return find(connection, "SELECT " + COLUMNS + " FROM tier_floor WHERE customer_number = ? AND status = 'PENDING'",
                customerNumber);
    }

    private static TierFloor get(Connection connection, long floorId) throws SQLException {
        return find(connection, "SELECT " + COLUMNS + " FROM tier_floor WHERE floor_id = ?", floorId);
    }

    private static TierFloor find(Connection connection, String sql, Object key) throws SQLException {
        try (PreparedStatement select = Jdbc.bind(connection.prepareStatement(sql), key); ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return null;
            }
            return new TierFloor(row.getLong(1), row.getString(2), row.getString(3), Jdbc.month(row.getDate(4)),
                    Jdbc.month(row.getDate(5)), row.getString(6), TierFloor.Status.valueOf(row.getString(7)),
                    row.getString(8), row.getString(9), row.getString(10));
        }
    }

    private static FailedPreconditionException proposalPending(String customerNumber, String which) {
        return new FailedPreconditionException(PROPOSAL_PENDING, "customer " + customerNumber
                + " already has a pending floor proposal (" + which + "); decide it first");
    }

    private static String subject(String customerNumber) {
        return "customer/" + customerNumber;
    }
}
