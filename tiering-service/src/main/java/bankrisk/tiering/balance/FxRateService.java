package bankrisk.tiering.balance;

import java.sql.PreparedStatement;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.tiering.db.Jdbc;

/** Stores daily FX rates (upsert by currency, base currency and date), all in one transaction. */
@ApplicationScoped
public class FxRateService {

    private final Jdbc jdbc;

    @Inject
    public FxRateService(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public long put(List<FxRate> rates) {
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
            return (long) rates.size();
        });
    }
}
