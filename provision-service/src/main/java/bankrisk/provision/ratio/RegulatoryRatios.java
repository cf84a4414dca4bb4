package bankrisk.provision.ratio;

import java.math.BigDecimal;

import bankrisk.common.money.Amounts;
import bankrisk.common.money.Rates;

/**
 * The ratios a regulator checks on a run, with their breaches.
 *
 * <pre>
 * NPL ratio                = NPL balance ÷ total loans              (NPL = Substandard + Doubtful + Loss)
 * provision coverage ratio = allowance ÷ NPL balance                (撥備覆蓋率; not applicable without NPLs)
 * loan provision ratio     = allowance ÷ total loans                (貸款撥備率 / 撥貸比)
 * required allowance       = max(min coverage × NPL, min loan provision ratio × total loans)   (CBRC 2011: the higher)
 * </pre>
 *
 * where allowance = specific provisions + general reserve of the run. Ratios have 8 decimals (Rates).
 */
public record RegulatoryRatios(BigDecimal nplRatio, boolean nplRatioBreached, BigDecimal coverageRatio,
        boolean coverageApplicable, boolean coverageBreached, BigDecimal loanProvisionRatio,
        boolean loanProvisionRatioBreached, BigDecimal requiredAllowance, BigDecimal shortfall, RatioThresholds thresholds) {

    public static RegulatoryRatios of(BigDecimal totalLoans, BigDecimal nplBalance, BigDecimal allowance, RatioThresholds thresholds) {
        BigDecimal npl = Rates.ratio(nplBalance, totalLoans);
        boolean coverageApplicable = nplBalance.signum() > 0;
        BigDecimal coverage = Rates.ratio(allowance, nplBalance);
        BigDecimal lpr = Rates.ratio(allowance, totalLoans);
        BigDecimal required = Amounts.round(thresholds.minCoverage().multiply(nplBalance)
                .max(thresholds.minLoanProvisionRatio().multiply(totalLoans)));
        BigDecimal shortfall = required.subtract(allowance).max(Amounts.ZERO);
        return new RegulatoryRatios(npl, npl.compareTo(thresholds.maxNplRatio()) > 0, coverage, coverageApplicable,
                coverageApplicable && coverage.compareTo(thresholds.minCoverage()) < 0, lpr,
                totalLoans.signum() > 0 && lpr.compareTo(thresholds.minLoanProvisionRatio()) < 0, required, Amounts.round(shortfall),
                thresholds);
    }
}
