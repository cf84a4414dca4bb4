package bankrisk.loanrisk.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of the service (keys under {@code loanrisk.}; see the README). */
@ConfigMapping(prefix = "loanrisk")
public interface LoanRiskConfig {

    /** The currency every snapshot balance is converted into (ISO 4217); loans may be in any currency. */
    @WithDefault("CNY")
    String reportingCurrency();

    /** The jurisdiction whose rule sets the classification run uses. */
    @WithDefault("CN")
    String jurisdiction();

    /** Most rows one facts-load stream may carry (rows are staged in batches as they arrive: memory stays bounded). */
    @WithDefault("10000000")
    int maxRowsPerLoadStream();

    /** Rows read per database round trip when streaming a snapshot. */
    @WithDefault("1000")
    int snapshotPageSize();
}
