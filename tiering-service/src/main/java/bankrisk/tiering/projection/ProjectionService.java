package bankrisk.tiering.projection;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.error.NotFoundException;
import bankrisk.common.error.Violations;
import bankrisk.common.money.Amounts;
import bankrisk.tiering.db.Jdbc;
import bankrisk.tiering.evaluation.MonthSoFar;
import bankrisk.tiering.scheme.SchemeService;
import bankrisk.tiering.scheme.Tier;
import bankrisk.tiering.scheme.TierScheme;

/**
 * Mid-month projection for relationship managers: a customer's month so far on a business date, the month's
 * average if today's balance stays, and the balance needed from tomorrow to keep the tier held or reach the next;
 * and the list of customers projected to fall below the tier they hold. Reads only; the month so far comes from the
 * evaluation's own SQL ({@link MonthSoFar}), the needed amounts from {@link BalanceNeeded}.
 */
@ApplicationScoped
public class ProjectionService {

    public static final String CUSTOMER = "customer";
    /** The customer's accounts up to the business date (a temporary table of the call's transaction). */
    private static final String SCOPE = "projection_scope";
    /** Rows the cursor of the risks fetches at a time. */
    private static final int PAGE = 1000;

    private final Jdbc jdbc;
    private final SchemeService schemes;
    private final Clock clock;

    @Inject
    public ProjectionService(Jdbc jdbc, SchemeService schemes, Clock clock) {
        this.jdbc = jdbc;
        this.schemes = schemes;
        this.clock = clock;
    }

    /** A page of risks and the number of customers at risk. */
    public record Risks(List<TierRisk> items, long total, String currency, int schemeVersion) {
    }

    /**
     * The projection of one customer.
     *
     * @throws bankrisk.common.error.InvalidArgumentException {@code business_date} outside {@code month} or after
     *         the business clock's today
     * @throws NotFoundException resource {@value #CUSTOMER} when no account of the customer has a row up to the date
     */
    public CustomerProjection project(String customerNumber, YearMonth month, LocalDate businessDate) {
        checkDate(month, businessDate);
        return jdbc.inTransaction(connection -> {
            TierScheme scheme = schemes.inForce(connection, month);
            try (PreparedStatement scope = Jdbc.bind(connection.prepareStatement("CREATE TEMP TABLE " + SCOPE
                    + " ON COMMIT DROP AS SELECT DISTINCT account_id FROM balance"
                    + " WHERE customer_number = ? AND balance_date <= ?"), customerNumber, Jdbc.date(businessDate))) {
                if (scope.executeUpdate() == 0) {
                    throw new NotFoundException(CUSTOMER, customerNumber);
                }
            }
            String soFar = MonthSoFar.prepare(connection, month, businessDate, scheme, SCOPE);
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal today = BigDecimal.ZERO;
            try (PreparedStatement select = Jdbc.bind(connection.prepareStatement(
                    "SELECT so_far, today FROM (" + soFar + ") m WHERE customer_number = ?"), customerNumber);
                    ResultSet row = select.executeQuery()) {
                // No row: the customer's accounts belonged to someone else all month, so its month so far is 0.
                if (row.next()) {
                    sum = row.getBigDecimal(1);
                    today = row.getBigDecimal(2);
                }
            }
            int heldRank = heldRank(connection, scheme, month, customerNumber);
            int days = month.lengthOfMonth();
            int left = days - businessDate.getDayOfMonth();
            BigDecimal projected = BalanceNeeded.monthAverage(sum, today, days, left);
            Tier projectedTier = scheme.tier(scheme.qualifiedRank(projected));
            return new CustomerProjection(customerNumber, month, businessDate, scheme.baseCurrency(), scheme.version(), left,
                    Amounts.divide(sum, businessDate.getDayOfMonth()), Amounts.round(today), projected,
                    projectedTier == null ? null : projectedTier.code(),
                    projectedTier == null ? null : projectedTier.displayName(),
                    heldRank == 0 ? null : scheme.tier(heldRank).code(),
                    target(scheme, heldRank, sum, days, left), target(scheme, heldRank + 1, sum, days, left));
        });
    }

    /**
     * The customers whose month, if today's balance stays, gives a tier below the one they held in the month before
     * (mapped into this month's scheme by code), ordered by the unrounded shortfall (the exact quotient before the
     * needed amount is found, minus today's balance: the same order as the needed amounts, whose days are the same for
     * everyone), then by customer number.
     */
    public Risks risks(YearMonth month, LocalDate businessDate, long offset, int limit) {
        List<TierRisk> items = new ArrayList<>();
        Scanned scanned = eachRisk(month, businessDate, offset, limit, items::add);
        return new Risks(items, scanned.total(), scanned.currency(), scanned.schemeVersion());
    }

    /** What a scan of the risks found besides the rows: their number, the base currency, the scheme version. */
    public record Scanned(long total, String currency, int schemeVersion) {
    }

    /**
     * Every risk from {@code offset} on, at most {@code limit}, to {@code sink} in order, read in pages of the
     * database cursor (the CSV download reads them all without holding them: {@code limit} = {@link Long#MAX_VALUE}).
     */
    public Scanned eachRisk(YearMonth month, LocalDate businessDate, long offset, long limit, Consumer<TierRisk> sink) {
        checkDate(month, businessDate);
        return jdbc.inTransaction(connection -> {
            TierScheme scheme = schemes.inForce(connection, month);
            String soFar = MonthSoFar.prepare(connection, month, businessDate, scheme, null);
            int days = month.lengthOfMonth();
            int left = days - businessDate.getDayOfMonth();
            String sum = "coalesce(m.so_far, 0)";
            String today = "coalesce(m.today, 0)";
            String needed = left == 0 ? "(t.lower_bound * " + days + " - " + sum + ")"
                    : "((t.lower_bound * " + days + " - " + sum + ") / " + left + " - " + today + ")";
            String sql = """
                    WITH month_so_far AS (
                    %s
                    ),
                    held AS (
                        SELECT e.customer_number, t.rank, t.lower_bound, %s AS so_far, %s AS today,
                               %s AS projected_average, %s AS shortfall
                        FROM tier_evaluation e
                        JOIN tier_scheme_tier t ON t.scheme_version = ? AND t.code = e.tier_code
                        LEFT JOIN month_so_far m ON m.customer_number = e.customer_number
                        WHERE e.month = ?
                    ),
                    at_risk AS MATERIALIZED (
                        SELECT * FROM held WHERE projected_average < lower_bound
                    )
                    SELECT r.customer_number, r.rank, r.so_far, r.today, r.projected_average, c.total
                    FROM (SELECT count(*) AS total FROM at_risk) c
                    LEFT JOIN LATERAL (SELECT * FROM at_risk ORDER BY shortfall, customer_number COLLATE "C"
                                       OFFSET ? LIMIT ?) r ON true
                    ORDER BY r.shortfall, r.customer_number COLLATE "C\"""".formatted(soFar, sum, today,
                    MonthSoFar.rounded(sum + " + " + today + " * " + left, month), needed);
            long total = 0;
            try (PreparedStatement select = Jdbc.bind(connection.prepareStatement(sql), scheme.version(),
                    Jdbc.month(month.minusMonths(1)), offset, limit)) {
                select.setFetchSize(PAGE);
                ResultSet row = select.executeQuery();
                while (row.next()) {
                    total = row.getLong(6);
                    if (row.getString(1) == null) {
                        continue; // the page is past the end: only the count came back
                    }
                    int held = row.getInt(2);
                    BigDecimal projected = row.getBigDecimal(5);
                    Tier projectedTier = scheme.tier(scheme.qualifiedRank(projected));
                    BigDecimal todayBalance = Amounts.round(row.getBigDecimal(4));
                    TierTarget keep = target(scheme, held, row.getBigDecimal(3), days, left);
                    BigDecimal amount = keep.needed().amount();
                    // Only NEEDED or OUT_OF_REACH here: the projected month misses the bound, so nothing is secured.
                    sink.accept(new TierRisk(row.getString(1), scheme.tier(held).code(),
                            projectedTier == null ? null : projectedTier.code(), projected, todayBalance, keep,
                            keep.needed().status() == BalanceNeeded.Status.NEEDED ? amount.subtract(todayBalance) : null));
                }
            }
            return new Scanned(total, scheme.baseCurrency(), scheme.version());
        });
    }

    private void checkDate(YearMonth month, LocalDate businessDate) {
        Violations violations = new Violations();
        LocalDate today = LocalDate.now(clock);
        if (!YearMonth.from(businessDate).equals(month)) {
            violations.add("business_date", businessDate + " is not in " + month);
        } else if (businessDate.isAfter(today)) {
            violations.add("business_date", businessDate + " is in the future (business date " + today + ")");
        }
        violations.throwIfAny();
    }
    private static int heldRank(Connection connection, TierScheme scheme, YearMonth month, String customerNumber)
            throws SQLException {
        try (PreparedStatement select = Jdbc.bind(connection.prepareStatement(
                "SELECT tier_code FROM tier_evaluation WHERE month = ? AND customer_number = ?"),
                Jdbc.month(month.minusMonths(1)), customerNumber); ResultSet row = select.executeQuery()) {
            // A tier the scheme now in force lacks counts as none, as the evaluation maps it.
            return row.next() && row.getString(1) != null ? scheme.rankOf(row.getString(1)) : 0;
        }
    }

    private static TierTarget target(TierScheme scheme, int rank, BigDecimal sum, int days, int left) {
        if (rank < 1 || rank > scheme.tiers().size()) {
            return null;
        }
        Tier tier = scheme.tier(rank);
        return new TierTarget(tier.code(), tier.displayName(), tier.lowerBound(),
                BalanceNeeded.toReach(tier.lowerBound(), sum, days, left));
    }
}
