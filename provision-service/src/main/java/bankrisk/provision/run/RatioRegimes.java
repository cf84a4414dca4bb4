package bankrisk.provision.run;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.error.FailedPreconditionException;
import bankrisk.provision.config.ProvisionConfig;
import bankrisk.provision.ratio.RatioThresholds;

/**
 * The thresholds a new run is judged against: the configured regime ({@code provision.ratios.regime}, a row of
 * {@code ratio_regime}) with the configured figures, which must lie within the regime's bounds (CBRC 2011: exactly
 * 150 % / 2.5 %; CBIRC 2018: 120–150 % / 1.5–2.5 %; the bank's own: anything). Read once per run, when it is
 * computed; the run keeps them.
 */
@ApplicationScoped
public class RatioRegimes {

    private final DataSource dataSource;
    private final ProvisionConfig config;

    @Inject
    RatioRegimes(DataSource dataSource, ProvisionConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    public RatioThresholds current() {
        String code = config.ratios().regime();
        BigDecimal coverage = config.ratios().minCoverage();
        BigDecimal loanProvision = config.ratios().minLoanProvisionRatio();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT coverage_min_low, coverage_min_high, lpr_min_low, lpr_min_high FROM ratio_regime WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet row = ps.executeQuery()) {
                if (!row.next()) {
                    throw new FailedPreconditionException("RATIO_REGIME_UNKNOWN", "provision.ratios.regime " + code
                            + " is not a known regime (CBRC-2011, CBIRC-2018, BANK-OWN)");
                }
                within(code, "min-coverage", coverage, row.getBigDecimal(1), row.getBigDecimal(2));
                within(code, "min-loan-provision-ratio", loanProvision, row.getBigDecimal(3), row.getBigDecimal(4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read ratio regime " + code, e);
        }
        return new RatioThresholds(code, coverage, loanProvision, config.ratios().maxNplRatio());
    }

    private static String bound(BigDecimal value) {
        return value == null ? "any" : value.stripTrailingZeros().toPlainString();
    }

    private static void within(String regime, String key, BigDecimal value, BigDecimal low, BigDecimal high) {
        if ((low != null && value.compareTo(low) < 0) || (high != null && value.compareTo(high) > 0)) {
            throw new FailedPreconditionException("RATIO_THRESHOLD_OUTSIDE_REGIME", "provision.ratios." + key + " " + value.toPlainString()
                    + " lies outside regime " + regime + "'s " + bound(low) + "–" + bound(high) + "; no run is judged against it");
        }
    }
}
