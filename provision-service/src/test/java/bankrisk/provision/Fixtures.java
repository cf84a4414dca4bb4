package bankrisk.provision;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

import bankrisk.provision.ecl.EclCalculator;
import bankrisk.provision.ecl.EclParameters;
import bankrisk.provision.policy.LoanCategory;
import bankrisk.provision.policy.PolicyRates;
import bankrisk.provision.policy.ProvisionBase;
import bankrisk.provision.run.CollateralKind;
import bankrisk.provision.run.GradedLoan;

/** Named builders of the test data the unit tests share. */
public final class Fixtures {

    private Fixtures() {
    }

    /** PBOC 2002 with the Substandard and Doubtful rates given (the others at their fixed rates). */
    public static PolicyRates pboc2002(String substandard, String doubtful, ProvisionBase base) {
        return policy("0.01", base, "0", "0.02", substandard, doubtful, "1");
    }

    public static PolicyRates pboc2002() {
        return pboc2002("0.25", "0.50", ProvisionBase.OUTSTANDING_BALANCE);
    }

    public static PolicyRates mof2012() {
        return policy("0.015", ProvisionBase.OUTSTANDING_BALANCE, "0.015", "0.03", "0.30", "0.60", "1");
    }

    private static PolicyRates policy(String general, ProvisionBase base, String... rates) {
        Map<LoanCategory, BigDecimal> byCategory = new EnumMap<>(LoanCategory.class);
        for (LoanCategory category : LoanCategory.values()) {
            byCategory.put(category, new BigDecimal(rates[category.ordinal()]));
        }
        return new PolicyRates(base, byCategory, new BigDecimal(general));
    }

    /** The ECL parameters of application.properties. */
    public static EclParameters eclParameters() {
        return new EclParameters(
                Map.of(LoanCategory.NORMAL, 1, LoanCategory.SPECIAL_MENTION, 2, LoanCategory.SUBSTANDARD, 3, LoanCategory.DOUBTFUL, 3,
                        LoanCategory.LOSS, 3),
                30, 90,
                byCategory("0.01", "0.05", "1", "1", "1"),
                byCategory("0.05", "0.20", "1", "1", "1"),
                byCategory("0.45", "0.45", "0.45", "0.65", "1"));
    }

    public static EclCalculator ecl() {
        return new EclCalculator(eclParameters());
    }

    public static Map<LoanCategory, BigDecimal> byCategory(String... values) {
        return Map.of(LoanCategory.NORMAL, new BigDecimal(values[0]), LoanCategory.SPECIAL_MENTION, new BigDecimal(values[1]),
                LoanCategory.SUBSTANDARD, new BigDecimal(values[2]), LoanCategory.DOUBTFUL, new BigDecimal(values[3]),
                LoanCategory.LOSS, new BigDecimal(values[4]));
    }

    public static GradedLoan loan(LoanCategory category, String balance) {
        return loan(category, balance, CollateralKind.NONE, "0.00", 0);
    }

    public static GradedLoan loan(LoanCategory category, String balance, CollateralKind collateral, String collateralValue, int daysPastDue) {
        return new GradedLoan("L1", "C1", "RETAIL", "PERSONAL_CONSUMPTION", "BR01", new BigDecimal(balance), collateral,
                new BigDecimal(collateralValue), category, daysPastDue);
    }
}
