package bankrisk.loanrisk.fx;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import bankrisk.common.security.Actor;
import bankrisk.platform.audit.AuditLog;
import bankrisk.platform.db.DatabaseException;

/**
 * loan-risk's own FX rates into the reporting currency: stored all or nothing by one upsert ({@code unnest} of the
 * request's arrays), a rate that did not change is not rewritten, so a retried call changes nothing.
 */
@ApplicationScoped
public class FxRates {

    /** New or changed rates, and rates identical to what was stored. */
    public record Stored(long stored, long unchanged) {
    }

    private static final String UPSERT = """
            WITH up AS (
                INSERT INTO fx_rate (currency, rate_date, rate)
                SELECT * FROM unnest(?::char(3)[], ?::date[], ?::numeric[]) ORDER BY 1, 2
                ON CONFLICT (currency, rate_date) DO UPDATE SET rate = excluded.rate, loaded_at = now()
                WHERE fx_rate.rate IS DISTINCT FROM excluded.rate
                RETURNING 1)
            SELECT count(*) FROM up""";

    private final DataSource dataSource;
    private final AuditLog audit;

    @Inject
    FxRates(DataSource dataSource, AuditLog audit) {
        this.dataSource = dataSource;
        this.audit = audit;
    }

    /** Stores {@code rates} (each currency and date at most once, checked by the caller). */
    @Transactional
    public Stored put(List<FxRate> rates, Actor actor) {
        long stored;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setArray(1, c.createArrayOf("bpchar", rates.stream().map(FxRate::currency).toArray()));
            ps.setArray(2, c.createArrayOf("date", rates.stream().map(r -> Date.valueOf(r.date())).toArray()));
            Array values = c.createArrayOf("numeric", rates.stream().map(FxRate::rate).toArray(BigDecimal[]::new));
            ps.setArray(3, values);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                stored = rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
        if (stored > 0) {
            audit.recordAs(actor.name(), actor.reason(), "FX_RATES_LOADED", "", Map.of("rates", rates.size(), "stored", stored));
        }
        return new Stored(stored, rates.size() - stored);
    }
}
