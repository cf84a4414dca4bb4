package bankrisk.loanrisk.grading;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Rule sets as the V2 migration seeds them, for unit tests that do not start the database. The
 * {@code ClassificationGrpcTest} proves that the database's CN-2023 rows grade like this copy.
 */
final class RuleSetsFixture {

    private RuleSetsFixture() {
    }

    static RuleSet cn2023() {
        return new RuleSet("CN-2023", "CN", LocalDate.of(2023, 7, 1), 2, 6, List.of(
                rule("DPD_OVER_0", RuleKind.DPD_OVER, "0", Category.SPECIAL_MENTION),
                rule("DPD_OVER_90", RuleKind.DPD_OVER, "90", Category.SUBSTANDARD),
                rule("DPD_OVER_270", RuleKind.DPD_OVER, "270", Category.DOUBTFUL),
                rule("DPD_OVER_360", RuleKind.DPD_OVER, "360", Category.LOSS),
                rule("CREDIT_IMPAIRED", RuleKind.CREDIT_IMPAIRED, null, Category.SUBSTANDARD),
                rule("CREDIT_IMPAIRED_ECL_50", RuleKind.CREDIT_IMPAIRED_ECL_AT_LEAST, "0.5", Category.DOUBTFUL),
                rule("CREDIT_IMPAIRED_ECL_90", RuleKind.CREDIT_IMPAIRED_ECL_AT_LEAST, "0.9", Category.LOSS),
                rule("OVERDUE_ELSEWHERE_OVER_20PCT", RuleKind.OVERDUE_ELSEWHERE_SHARE_OVER, "0.2", Category.SUBSTANDARD),
                rule("BANKRUPTCY_LIQUIDATION", RuleKind.BANKRUPTCY_LIQUIDATION, null, Category.LOSS),
                rule("DEBT_EVASION", RuleKind.DEBT_EVASION, null, Category.DOUBTFUL),
                rule("EXTERNAL_DOWNGRADE", RuleKind.EXTERNAL_DOWNGRADE, null, Category.SPECIAL_MENTION),
                rule("RESTRUCTURED", RuleKind.RESTRUCTURED_IN_OBSERVATION, null, Category.SPECIAL_MENTION),
                rule("RESTRUCTURED_FROM_NPL", RuleKind.RESTRUCTURED_FROM_NON_PERFORMING, null, Category.SUBSTANDARD),
                rule("DEBTOR_CONTAGION_OVER_10PCT", RuleKind.DEBTOR_CONTAGION_SHARE_OVER, "0.1", Category.SUBSTANDARD)));
    }

    /** A second jurisdiction as data only: credit cards (2011 measures art. 92), 1–90 / 91–120 / 121–180 / >180 days. */
    static RuleSet creditCards2011() {
        return new RuleSet("CN-CARD-2011", "CN-CARD", LocalDate.of(2011, 1, 13), 2, 6, List.of(
                rule("CARD_DPD_OVER_0", RuleKind.DPD_OVER, "0", Category.SPECIAL_MENTION),
                rule("CARD_DPD_OVER_90", RuleKind.DPD_OVER, "90", Category.SUBSTANDARD),
                rule("CARD_DPD_OVER_120", RuleKind.DPD_OVER, "120", Category.DOUBTFUL),
                rule("CARD_DPD_OVER_180", RuleKind.DPD_OVER, "180", Category.LOSS)));
    }

    private static Rule rule(String code, RuleKind kind, String threshold, Category floor) {
        return new Rule(code, kind, threshold == null ? null : new BigDecimal(threshold), floor, "test");
    }
}
