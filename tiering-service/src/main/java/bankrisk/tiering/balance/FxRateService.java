package bankrisk.tiering.balance;

import java.sql.PreparedStatement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.security.Actor;
import bankrisk.platform.audit.AuditLog;
import bankrisk.tiering.db.Jdbc;

/** Stores daily FX rates (upsert by currency, base currency and date) and their audit entry, all in one transaction. */
@ApplicationScoped
public class FxRateService {

    public static final String STORED = "FX_RATES_STORED";

    private final Jdbc jdbc;
    private final AuditLog audit;

    @Inject
    public FxRateService(Jdbc jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public long put(Actor actor, List<FxRate> rates) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO fx_rate (currency, base_currency, rate_date, rate) VALUES (?, ?, ?, ?)
                    ON CONFLICT (currency, base_currency, rate_date) DO UPDATE SET rate = EXCLUDED.rate""")) {
                for (FxRate rate : rates) {
                    Jdbc.bind(upsert, rate.currency(), rate.baseCurrency(), Jdbc.date(rate.date()), rate.rate());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            TreeSet<String> pairs = new TreeSet<>();
            rates.forEach(rate -> pairs.add(rate.currency() + "/" + rate.baseCurrency()));
            audit.record(actor, STORED, "", Map.of("stored", rates.size(), "pairs", String.join(",", pairs),
                    "first_date", rates.stream().map(FxRate::date).min(Comparator.naturalOrder()).orElseThrow(),
                    "last_date", rates.stream().map(FxRate::date).max(Comparator.naturalOrder()).orElseThrow()));
            return (long) rates.size();
        });
    }
}
