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
import bankrisk.tiering.evaluation.FloorRule;
import bankrisk.tiering.evaluation.GraceRule;
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
    /** The customers at risk of one call (a temporary table of its transaction). */
    private static final String RISKS = "tier_risk";
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
     * everyone), then by customer number. Each says whether the downgrade grace keeps the tier at this month's end
     * and until when ({@link GraceRule}, as the evaluation decides it). A customer whose approved manual floor for the
     * month is at least the tier held keeps it and is not listed; a lower floor is named as the least tier the
     * evaluation will assign ({@link FloorRule}, the evaluation's own floors).
     */
    public Risks risks(YearMonth month, LocalDate businessDate, long offset, int limit) {
        checkDate(month, businessDate);
        return jdbc.inTransaction(connection -> {
            Scan scan = scan(connection, month, businessDate);
            List<TierRisk> items = new ArrayList<>();
            scan.read(connection, offset, limit, items::add);
            return new Risks(items, scan.total(), scan.scheme().baseCurrency(), scan.scheme().version());
        });
    }

    /**
     * Every risk of the month, computed once on a connection of the cursor's own (one read transaction, rolled back
     * at {@link RiskCursor#close()}): a bad date, no scheme or a missing FX rate is thrown here, before the caller
     * has sent anything; the rows are then read from a database cursor, never all held (the CSV download).
     */
    public RiskCursor openRisks(YearMonth month, LocalDate businessDate) {
        checkDate(month, businessDate);
        Connection connection = jdbc.open();
        try {
            connection.setAutoCommit(false);
            return new RiskCursor(connection, scan(connection, month, businessDate));
        } catch (SQLException failure) {
            RiskCursor.release(connection);
            throw new Jdbc.DatabaseException(failure);
        } catch (RuntimeException failure) {
            RiskCursor.release(connection);
            throw failure;
        }
    }

    /** The risks of a month in the temporary table {@value #RISKS} of the transaction, and how many. */
    record Scan(YearMonth month, TierScheme scheme, int daysLeft, long total) {

        /** Rows {@code offset} on, at most {@code limit}, in order, read in pages of the database cursor. */
        void read(Connection connection, long offset, long limit, Consumer<TierRisk> sink) throws SQLException {
            int days = month.lengthOfMonth();
            try (PreparedStatement select = Jdbc.bind(connection.prepareStatement("SELECT customer_number, rank, so_far,"
                    + " today, projected_average, months_below, grace_months, grace_holds, floor_rank FROM " + RISKS
                    + " ORDER BY shortfall, customer_number COLLATE \"C\" OFFSET ? LIMIT ?"), offset, limit)) {
                select.setFetchSize(PAGE);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        int held = row.getInt(2);
                        BigDecimal projected = row.getBigDecimal(5);
                        Tier projectedTier = scheme.tier(scheme.qualifiedRank(projected));
                        BigDecimal todayBalance = Amounts.round(row.getBigDecimal(4));
                        TierTarget keep = target(scheme, held, row.getBigDecimal(3), days, daysLeft);
                        BigDecimal amount = keep.needed().amount();
                        int monthsBelowBefore = row.getInt(6);
                        boolean graceHolds = row.getBoolean(8);
                        // Held by grace this month: the grace's last month is the month before plus the months it
                        // has left (its months minus those already counted).
                        YearMonth graceLastMonth = graceHolds ? month.minusMonths(1).plusMonths(row.getInt(7) - monthsBelowBefore)
                                : null;
                        int floorRank = row.getInt(9);
                        // Only NEEDED or OUT_OF_REACH here: the projected month misses the bound, so nothing is secured.
                        sink.accept(new TierRisk(row.getString(1), scheme.tier(held).code(),
                                projectedTier == null ? null : projectedTier.code(), projected, todayBalance, keep,
                                keep.needed().status() == BalanceNeeded.Status.NEEDED ? amount.subtract(todayBalance) : null,
                                monthsBelowBefore + 1, graceHolds, graceLastMonth,
                                floorRank == 0 ? null : scheme.tier(floorRank).code()));
                    }
                }
            }
        }
    }

    /** Computes the month's risks once into {@value #RISKS} (dropped at the commit) and counts them. */
    private Scan scan(Connection connection, YearMonth month, LocalDate businessDate) throws SQLException {
        TierScheme scheme = schemes.inForce(connection, month);
        String soFar = MonthSoFar.prepare(connection, month, businessDate, scheme, null);
        int days = month.lengthOfMonth();
        int left = days - businessDate.getDayOfMonth();
        String sum = "coalesce(m.so_far, 0)";
        String today = "coalesce(m.today, 0)";
        String needed = left == 0 ? "(t.lower_bound * " + days + " - " + sum + ")"
                : "((t.lower_bound * " + days + " - " + sum + ") / " + left + " - " + today + ")";
        String sql = """
                CREATE TEMP TABLE %s ON COMMIT DROP AS
                WITH month_so_far AS (
                %s
                ),
                floors AS (
                %s
                ),
                held AS (
                    SELECT e.customer_number, t.rank, t.lower_bound, %s AS so_far, %s AS today,
                           %s AS projected_average, %s AS shortfall, e.months_below, %s AS grace_months,
                           coalesce(f.floor_rank, 0) AS floor_rank
                    FROM tier_evaluation e
                    JOIN tier_scheme_tier t ON t.scheme_version = ? AND t.code = e.tier_code
                    LEFT JOIN month_so_far m ON m.customer_number = e.customer_number
                    LEFT JOIN floors f ON f.customer_number = e.customer_number
                    WHERE e.month = ?
                )
                -- The evaluation assigns the better of the computed tier and the floor: a floor at or above the tier
                -- held keeps it, so that customer is not at risk; a lower floor is only where the drop ends.
                SELECT h.*, %s AS grace_holds FROM held h
                WHERE h.projected_average < h.lower_bound AND h.floor_rank < h.rank""".formatted(RISKS, soFar,
                FloorRule.floors(month, scheme), sum, today, MonthSoFar.rounded(sum + " + " + today + " * " + left, month),
                needed, GraceRule.graceMonths("t", scheme), GraceRule.holds("h.months_below", "h.grace_months"));
        try (PreparedStatement create = Jdbc.bind(connection.prepareStatement(sql), scheme.version(),
                Jdbc.month(month.minusMonths(1)))) {
            return new Scan(month, scheme, left, create.executeUpdate());
        }
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
