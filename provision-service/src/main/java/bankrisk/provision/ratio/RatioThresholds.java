package bankrisk.provision.ratio;

import java.math.BigDecimal;

/**
 * Regulatory thresholds of the ratios, fractions: minimum provision coverage (CBRC 2011 Order No. 4: 150 %; CBRC
 * 2018 〔2018〕7號: 120–150 % bank by bank), minimum loan provision ratio (2011: 2.5 %; 2018: 1.5–2.5 %) and the
 * maximum NPL ratio (CBRC core indicators: 5 %), with the named regime they were chosen under ({@code CBRC-2011},
 * {@code CBIRC-2018}, {@code BANK-OWN}). A run stores the ones it was judged against.
 */
public record RatioThresholds(String regime, BigDecimal minCoverage, BigDecimal minLoanProvisionRatio, BigDecimal maxNplRatio) {
}
