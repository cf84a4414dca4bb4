package bankrisk.tiering.scheme;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.error.AlreadyExistsException;
import bankrisk.common.error.FailedPreconditionException;
import bankrisk.common.security.Actor;
import bankrisk.platform.audit.AuditLog;
import bankrisk.tiering.balance.AssetType;
import bankrisk.tiering.db.Jdbc;

/**
 * Versioned tier schemes and ABC value-class schemes. Versions are assigned here, one after the other; a scheme is
 * never changed once created (a change is a new version with its effective month). A scheme equal to the latest
 * version of its effective month is a retry, not a change: ALREADY_EXISTS naming that version. Each creation is
 * audited in its own transaction.
 */
@ApplicationScoped
public class SchemeService {

    public static final String NO_SCHEME = "NO_SCHEME_IN_FORCE";
    public static final String SCHEME_CREATED = "SCHEME_CREATED";
    public static final String VALUE_CLASS_SCHEME_CREATED = "VALUE_CLASS_SCHEME_CREATED";
    static final String TIER_SCHEME = "tier-scheme";
    static final String VALUE_CLASS_SCHEME = "value-class-scheme";

    private final Jdbc jdbc;
    private final AuditLog audit;

    @Inject
    public SchemeService(Jdbc jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Stores a validated scheme as the next version and returns it with its version. */
    public TierScheme create(Actor actor, TierScheme scheme) {
        return jdbc.inTransaction(connection -> {
            int version = nextVersion(connection, "tier_scheme");
            Integer latest = latestOfMonth(connection, "tier_scheme", scheme.effectiveMonth());
            if (latest != null && load(connection, latest).sameContentAs(scheme)) {
                throw new AlreadyExistsException(TIER_SCHEME, String.valueOf(latest));
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO tier_scheme (version, name, effective_month, base_currency, downgrade_grace_months)
                    VALUES (?, ?, ?, ?, ?)""")) {
                Jdbc.bind(insert, version, scheme.name(), Jdbc.month(scheme.effectiveMonth()), scheme.baseCurrency(),
                        scheme.downgradeGraceMonths()).executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO tier_scheme_tier (scheme_version, rank, code, display_name, lower_bound, downgrade_grace_months)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < scheme.tiers().size(); i++) {
                    Tier tier = scheme.tiers().get(i);
                    Jdbc.bind(insert, version, i + 1, tier.code(), tier.displayName(), tier.lowerBound(),
                            tier.downgradeGraceMonths()).addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO tier_scheme_weight (scheme_version, asset_type, weight) VALUES (?, ?, ?)")) {
                for (Map.Entry<AssetType, BigDecimal> weight : scheme.assetWeights().entrySet()) {
                    Jdbc.bind(insert, version, weight.getKey().name(), weight.getValue()).addBatch();
                }
                insert.executeBatch();
            }
            audit.record(actor, SCHEME_CREATED, TIER_SCHEME + "/" + version, Map.of("name", scheme.name(),
                    "effective_month", scheme.effectiveMonth(), "tiers", scheme.tiers().size(),
                    "downgrade_grace_months", scheme.downgradeGraceMonths()));
            return new TierScheme(version, scheme.name(), scheme.effectiveMonth(), scheme.baseCurrency(),
                    scheme.downgradeGraceMonths(), scheme.tiers(), scheme.assetWeights());
        });
    }

    /** Every tier scheme, by effective month then version. */
    public List<TierScheme> list() {
        return jdbc.withConnection(connection -> {
            List<TierScheme> schemes = new ArrayList<>();
            for (int version : versions(connection, "SELECT version FROM tier_scheme ORDER BY effective_month, version")) {
                schemes.add(load(connection, version));
            }
            return schemes;
        });
    }

    /** The tier scheme in force for a month: latest effective month not after it, highest version on a tie. */
    public TierScheme inForce(Connection connection, YearMonth month) throws SQLException {
        return load(connection, versionInForce(connection, "tier_scheme", "tier scheme", month));
    }

    public TierScheme load(Connection connection, int version) throws SQLException {
        String name;
        YearMonth effective;
        String base;
        int grace;
        try (PreparedStatement select = Jdbc.bind(connection.prepareStatement(
                "SELECT name, effective_month, base_currency, downgrade_grace_months FROM tier_scheme WHERE version = ?"),
                version); ResultSet row = select.executeQuery()) {
            row.next();
            name = row.getString(1);
            effective = Jdbc.month(row.getDate(2));
            base = row.getString(3);
            grace = row.getInt(4);
        }
        List<Tier> tiers = new ArrayList<>();
        try (PreparedStatement select = Jdbc.bind(connection.prepareStatement(
                "SELECT code, display_name, lower_bound, downgrade_grace_months FROM tier_scheme_tier"
                        + " WHERE scheme_version = ? ORDER BY rank"),
                version); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                tiers.add(new Tier(rows.getString(1), rows.getString(2), rows.getBigDecimal(3),
                        rows.getObject(4, Integer.class)));
            }
        }
        Map<AssetType, BigDecimal> weights = new EnumMap<>(AssetType.class);
        try (PreparedStatement select = Jdbc.bind(connection.prepareStatement(
                "SELECT asset_type, weight FROM tier_scheme_weight WHERE scheme_version = ?"), version);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                weights.put(AssetType.valueOf(rows.getString(1)), rows.getBigDecimal(2));
            }
        }
        return new TierScheme(version, name, effective, base, grace, tiers, weights);
    }

    /** Stores a validated value-class scheme as the next version. */
    public ValueClassScheme createValueClasses(Actor actor, ValueClassScheme scheme) {
        return jdbc.inTransaction(connection -> {
            int version = nextVersion(connection, "value_class_scheme");
            Integer latest = latestOfMonth(connection, "value_class_scheme", scheme.effectiveMonth());
            if (latest != null && loadValueClasses(connection, latest).sameContentAs(scheme)) {
                throw new AlreadyExistsException(VALUE_CLASS_SCHEME, String.valueOf(latest));
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO value_class_scheme (version, effective_month) VALUES (?, ?)")) {
                Jdbc.bind(insert, version, Jdbc.month(scheme.effectiveMonth())).executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO value_class (scheme_version, rank, code, cumulative_share) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < scheme.classes().size(); i++) {
                    ValueClassScheme.ValueClass valueClass = scheme.classes().get(i);
                    Jdbc.bind(insert, version, i + 1, valueClass.code(), valueClass.cumulativeShare()).addBatch();
                }
                insert.executeBatch();
            }
            audit.record(actor, VALUE_CLASS_SCHEME_CREATED, VALUE_CLASS_SCHEME + "/" + version, Map.of(
                    "effective_month", scheme.effectiveMonth(), "classes", scheme.classes().size()));
            return new ValueClassScheme(version, scheme.effectiveMonth(), scheme.classes());
        });
    }

    public List<ValueClassScheme> listValueClasses() {
        return jdbc.withConnection(connection -> {
            List<ValueClassScheme> schemes = new ArrayList<>();
            for (int version : versions(connection,
                    "SELECT version FROM value_class_scheme ORDER BY effective_month, version")) {
                schemes.add(loadValueClasses(connection, version));
            }
            return schemes;
        });
    }

    /** The value-class scheme in force for a month (a default one is seeded from 1900). */
    public ValueClassScheme valueClassesInForce(Connection connection, YearMonth month) throws SQLException {
        return loadValueClasses(connection, versionInForce(connection, "value_class_scheme", "value-class scheme", month));
    }

    /** Latest effective month not after the month, highest version on a tie. */
    private static int versionInForce(Connection connection, String table, String what, YearMonth month)
            throws SQLException {
        List<Integer> version = versions(connection, "SELECT version FROM " + table + " WHERE effective_month <= ? "
                + "ORDER BY effective_month DESC, version DESC LIMIT 1", Jdbc.month(month));
        if (version.isEmpty()) {
            throw new FailedPreconditionException(NO_SCHEME, "no " + what + " is in force for " + month);
        }
        return version.get(0);
    }

    private ValueClassScheme loadValueClasses(Connection connection, int version) throws SQLException {
        YearMonth effective;
        try (PreparedStatement select = Jdbc.bind(connection.prepareStatement(
                "SELECT effective_month FROM value_class_scheme WHERE version = ?"), version);
                ResultSet row = select.executeQuery()) {
            row.next();
            effective = Jdbc.month(row.getDate(1));
        }
        List<ValueClassScheme.ValueClass> classes = new ArrayList<>();
        try (PreparedStatement select = Jdbc.bind(connection.prepareStatement(
                "SELECT code, cumulative_share FROM value_class WHERE scheme_version = ? ORDER BY rank"), version);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                classes.add(new ValueClassScheme.ValueClass(rows.getString(1), rows.getBigDecimal(2).stripTrailingZeros()));
            }
        }
        return new ValueClassScheme(version, effective, classes);
    }

    /** The highest version effective from exactly this month, or null when none. */
    private static Integer latestOfMonth(Connection connection, String table, YearMonth month) throws SQLException {
        List<Integer> version = versions(connection, "SELECT max(version) FROM " + table + " WHERE effective_month = ?",
                Jdbc.month(month));
        return version.get(0) == 0 ? null : version.get(0);
    }

    private static int nextVersion(Connection connection, String table) throws SQLException {
        // Versions are handed out one after the other: concurrent creations wait for each other.
        try (PreparedStatement lock = connection.prepareStatement("LOCK TABLE " + table + " IN EXCLUSIVE MODE")) {
            lock.execute();
        }
        return versions(connection, "SELECT coalesce(max(version), 0) + 1 FROM " + table).get(0);
    }

    private static List<Integer> versions(Connection connection, String sql, Object... parameters) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (PreparedStatement select = Jdbc.bind(connection.prepareStatement(sql), parameters);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }
}
