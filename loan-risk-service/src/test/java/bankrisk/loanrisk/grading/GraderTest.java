package bankrisk.loanrisk.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import bankrisk.loanrisk.loan.BorrowerKind;

class GraderTest {

    static final LocalDate AS_OF = LocalDate.of(2024, 6, 15);
    static final RuleSet CN = RuleSetsFixture.cn2023();

    @ParameterizedTest(name = "{0} days past due -> {1}")
    @CsvSource({
            "0, NORMAL, ''",
            "1, SPECIAL_MENTION, DPD_OVER_0",
            "90, SPECIAL_MENTION, DPD_OVER_0",
            "91, SUBSTANDARD, DPD_OVER_90",
            "270, SUBSTANDARD, DPD_OVER_90",
            "271, DOUBTFUL, DPD_OVER_270",
            "360, DOUBTFUL, DPD_OVER_270",
            "361, LOSS, DPD_OVER_360" })
    void daysPastDueFloorsAreStrictlyMoreThan(int days, Category expected, String reason) {
        Grade principal = one(retail("L1").withDaysPastDue(days, 0));
        Grade interest = one(retail("L1").withDaysPastDue(0, days));

        assertThat(principal.category()).isEqualTo(expected);
        assertThat(interest.category()).isEqualTo(expected);
        assertThat(principal.reasonCodes()).isEqualTo(reason.isEmpty() ? List.of() : List.of(reason));
    }

    @Test
    void theLargerOfPrincipalAndInterestDaysCounts() {
        assertThat(one(retail("L1").withDaysPastDue(30, 95)).category()).isEqualTo(Category.SUBSTANDARD);
        assertThat(one(retail("L1").withDaysPastDue(300, 95)).category()).isEqualTo(Category.DOUBTFUL);
    }

    @Test
    void theFinalGradeIsTheWorstFloorAndOnlyTheBindingReasonsAreGiven() {
        LoanFacts facts = retail("L1").withDaysPastDue(10, 0)
                .withCreditImpairment(true, new BigDecimal("0.10"))
                .withDebtorEvents(false, true, true, null);

        Grade grade = one(facts);

        assertThat(grade.category()).isEqualTo(Category.DOUBTFUL);
        assertThat(grade.reasonCodes()).containsExactly("DEBT_EVASION");
        assertThat(grade.floors()).extracting(Floor::reasonCode)
                .containsExactly("DEBT_EVASION", "CREDIT_IMPAIRED", "DPD_OVER_0", "EXTERNAL_DOWNGRADE");
    }

    @Test
    void equalWorstFloorsAreAllReasonsInCodeOrder() {
        Grade grade = one(retail("L1").withDaysPastDue(100, 0).withCreditImpairment(true, null));

        assertThat(grade.category()).isEqualTo(Category.SUBSTANDARD);
        assertThat(grade.reasonCodes()).containsExactly("CREDIT_IMPAIRED", "DPD_OVER_90");
    }

    @ParameterizedTest(name = "ECL {0} -> {1}")
    @CsvSource({ "0.49999999, SUBSTANDARD", "0.5, DOUBTFUL", "0.89999999, DOUBTFUL", "0.9, LOSS" })
    void creditImpairmentWithExpectedLoss(String ecl, Category expected) {
        assertThat(one(retail("L1").withCreditImpairment(true, new BigDecimal(ecl))).category()).isEqualTo(expected);
    }

    @Test
    void aHighExpectedLossWithoutImpairmentSetsNoFloor() {
        assertThat(one(retail("L1").withCreditImpairment(false, new BigDecimal("0.95"))).category()).isEqualTo(Category.NORMAL);
    }

    @ParameterizedTest(name = "overdue elsewhere {0} -> {1}")
    @CsvSource({ "0.2, NORMAL", "0.20000001, SUBSTANDARD", "0.5, SUBSTANDARD" })
    void nonRetailOverdueElsewhereRuleIsStrictlyMoreThanTwentyPercent(String share, Category expected) {
        assertThat(one(company("N1", "C1", "100.00").withDebtorEvents(false, false, false, new BigDecimal(share))).category())
                .isEqualTo(expected);
    }

    @Test
    void theOverdueElsewhereRuleDoesNotApplyToRetail() {
        assertThat(one(retail("L1").withDebtorEvents(false, false, false, new BigDecimal("0.9"))).category())
                .isEqualTo(Category.NORMAL);
    }

    @Test
    void bankruptcyIsLossDowngradeIsSpecialMentionEvasionIsDoubtful() {
        assertThat(one(retail("L1").withDebtorEvents(true, false, false, null)).category()).isEqualTo(Category.LOSS);
        assertThat(one(retail("L1").withDebtorEvents(false, true, false, null)).category()).isEqualTo(Category.SPECIAL_MENTION);
        assertThat(one(retail("L1").withDebtorEvents(false, false, true, null)).category()).isEqualTo(Category.DOUBTFUL);
    }

    @Test
    void debtorContagionAtExactlyTenPercentDoesNotApply() {
        Map<String, Grade> grades = grade(
                company("N1", "C1", "100.00").withDaysPastDue(100, 0),
                company("N2", "C1", "900.00"));

        assertThat(grades.get("N1").category()).isEqualTo(Category.SUBSTANDARD);
        assertThat(grades.get("N2").category()).isEqualTo(Category.NORMAL);
    }

    @Test
    void debtorContagionJustOverTenPercentPullsEveryClaimOfTheDebtor() {
        Map<String, Grade> grades = grade(
                company("N1", "C1", "100.01").withDaysPastDue(100, 0),
                company("N2", "C1", "899.99"),
                company("N3", "C1", "0.01").withDaysPastDue(5, 0),
                company("N4", "C2", "10.00"));

        assertThat(grades.get("N2").category()).isEqualTo(Category.SUBSTANDARD);
        assertThat(grades.get("N2").reasonCodes()).containsExactly("DEBTOR_CONTAGION_OVER_10PCT");
        assertThat(grades.get("N2").ruleFloor()).isEqualTo(Category.SUBSTANDARD);
        assertThat(grades.get("N3").category()).isEqualTo(Category.SUBSTANDARD);
        assertThat(grades.get("N1").reasonCodes()).containsExactly("DEBTOR_CONTAGION_OVER_10PCT", "DPD_OVER_90");
        assertThat(grades.get("N4").category()).isEqualTo(Category.NORMAL);
    }

    @Test
    void debtorContagionIgnoresRetailBorrowers() {
        Map<String, Grade> grades = grade(
                retail("L1").withDaysPastDue(100, 0),
                new LoanFacts("L2", "P1", BorrowerKind.RETAIL, AS_OF, new BigDecimal("10.00"), 0, 0, null, false, null, false,
                        false, null, false, false, false, null, null, 0));

        assertThat(grades.get("L2").category()).isEqualTo(Category.NORMAL);
    }

    @Test
    void restructuredLoanKeepsItsFloorUntilTheObservationPeriodEnds() {
        LocalDate end = AS_OF.plusDays(1);
        LoanFacts performingBefore = retail("L1").withRestructuring(AS_OF.minusMonths(6), true, end, false);
        LoanFacts nonPerformingBefore = retail("L1").withRestructuring(AS_OF.minusMonths(6), true, end, true);

        assertThat(one(performingBefore).category()).isEqualTo(Category.SPECIAL_MENTION);
        assertThat(one(nonPerformingBefore).category()).isEqualTo(Category.SUBSTANDARD);
        assertThat(one(nonPerformingBefore).reasonCodes()).containsExactly("RESTRUCTURED_FROM_NPL");
        assertThat(Grader.grade(CN, end, List.of(nonPerformingBefore), Map.of(), Map.of()).get("L1").category())
                .isEqualTo(Category.SUBSTANDARD);
        assertThat(Grader.grade(CN, end.plusDays(1), List.of(nonPerformingBefore), Map.of(), Map.of()).get("L1").category())
                .isEqualTo(Category.NORMAL);
    }

    @Test
    void aRestructuringWithoutFinancialDifficultySetsNoFloor() {
        assertThat(one(retail("L1").withRestructuring(AS_OF.minusMonths(1), false, AS_OF.plusYears(1), true)).category())
                .isEqualTo(Category.NORMAL);
    }

    @Test
    void aNonPerformingLoanDoesNotJumpOutBeforeSixMonthsEvenWithManyOnTimePeriods() {
        LoanFacts cured = retail("L1").withRepaymentRecord(AS_OF.minusMonths(6).plusDays(1), 12);

        Grade grade = Grader.grade(CN, AS_OF, List.of(cured), Map.of("L1", Category.DOUBTFUL), Map.of()).get("L1");

        assertThat(grade.category()).isEqualTo(Category.DOUBTFUL);
        assertThat(grade.reasonCodes()).containsExactly(Floor.UPGRADE_NOT_YET_ALLOWED);
        assertThat(grade.ruleFloor()).isEqualTo(Category.NORMAL);
        assertThat(grade.regulatoryFloor()).isEqualTo(Category.DOUBTFUL);
    }

    @Test
    void aNonPerformingLoanDoesNotJumpOutWithFewerThanTwoOnTimePeriods() {
        LoanFacts cured = retail("L1").withRepaymentRecord(AS_OF.minusYears(1), 1);

        assertThat(Grader.grade(CN, AS_OF, List.of(cured), Map.of("L1", Category.SUBSTANDARD), Map.of()).get("L1").category())
                .isEqualTo(Category.SUBSTANDARD);
    }

    @Test
    void aNonPerformingLoanIsUpgradedWhenArrearsAreRepaidSixMonthsAgoAndTwoPeriodsPaid() {
        LoanFacts cured = retail("L1").withRepaymentRecord(AS_OF.minusMonths(6), 2);

        Grade grade = Grader.grade(CN, AS_OF, List.of(cured), Map.of("L1", Category.SUBSTANDARD), Map.of()).get("L1");

        assertThat(grade.category()).isEqualTo(Category.NORMAL);
    }

    @Test
    void noUpgradeWhileTheDebtorHasACreditImpairedAssetLeft() {
        LoanFacts cured = retail("L1").withRepaymentRecord(AS_OF.minusYears(1), 12);
        LoanFacts impaired = new LoanFacts("L9", "P1", BorrowerKind.RETAIL, AS_OF, new BigDecimal("5.00"), 0, 0, null, false,
                null, false, true, null, false, false, false, null, null, 0);

        assertThat(Grader.grade(CN, AS_OF, List.of(cured, impaired), Map.of("L1", Category.SUBSTANDARD), Map.of())
                .get("L1").category()).isEqualTo(Category.SUBSTANDARD);
    }

    @Test
    void noUpgradeWhileStillOverdueAndAPerformingLoanIsNotHeld() {
        LoanFacts stillLate = retail("L1").withRepaymentRecord(AS_OF.minusYears(1), 12).withDaysPastDue(3, 0);

        assertThat(Grader.grade(CN, AS_OF, List.of(stillLate), Map.of("L1", Category.LOSS), Map.of()).get("L1").category())
                .isEqualTo(Category.LOSS);
        assertThat(Grader.grade(CN, AS_OF, List.of(stillLate), Map.of("L1", Category.SPECIAL_MENTION), Map.of()).get("L1")
                .category()).isEqualTo(Category.SPECIAL_MENTION);
    }

    @Test
    void movingWithinNonPerformingIsNotHeldByTheDiscipline() {
        LoanFacts better = retail("L1").withDaysPastDue(100, 0);

        assertThat(Grader.grade(CN, AS_OF, List.of(better), Map.of("L1", Category.LOSS), Map.of()).get("L1").category())
                .isEqualTo(Category.SUBSTANDARD);
    }

    @Test
    void anApprovedOverrideOnlyEverMakesTheGradeWorse() {
        Grade worse = Grader.grade(CN, AS_OF, List.of(retail("L1").withDaysPastDue(5, 0)), Map.of(),
                Map.of("L1", Category.DOUBTFUL)).get("L1");
        Grade better = Grader.grade(CN, AS_OF, List.of(retail("L1").withDaysPastDue(100, 0)), Map.of(),
                Map.of("L1", Category.SPECIAL_MENTION)).get("L1");

        assertThat(worse.category()).isEqualTo(Category.DOUBTFUL);
        assertThat(worse.reasonCodes()).containsExactly(Floor.OVERRIDE_APPROVED);
        assertThat(worse.ruleFloor()).isEqualTo(Category.SPECIAL_MENTION);
        assertThat(better.category()).isEqualTo(Category.SUBSTANDARD);
        assertThat(better.reasonCodes()).containsExactly("DPD_OVER_90");
    }

    @Test
    void anOverrideToNonPerformingCountsForDebtorContagion() {
        Map<String, Grade> grades = Grader.grade(CN, AS_OF, List.of(company("N1", "C1", "50.00"), company("N2", "C1", "50.00")),
                Map.of(), Map.of("N1", Category.SUBSTANDARD));

        assertThat(grades.get("N2").category()).isEqualTo(Category.SUBSTANDARD);
    }

    @ParameterizedTest(name = "card {0} days -> {1}")
    @CsvSource({ "0, NORMAL", "1, SPECIAL_MENTION", "90, SPECIAL_MENTION", "91, SUBSTANDARD", "120, SUBSTANDARD",
            "121, DOUBTFUL", "180, DOUBTFUL", "181, LOSS" })
    void aSecondJurisdictionIsNewRowsNotNewCode(int days, Category expected) {
        Grade grade = Grader.grade(RuleSetsFixture.creditCards2011(), AS_OF, List.of(retail("K1").withDaysPastDue(days, 0)),
                Map.of(), Map.of()).get("K1");

        assertThat(grade.category()).isEqualTo(expected);
    }

    private static Grade one(LoanFacts facts) {
        return grade(facts).get(facts.loanId());
    }

    private static Map<String, Grade> grade(LoanFacts... book) {
        return Grader.grade(CN, AS_OF, List.of(book), Map.of(), Map.of());
    }

    private static LoanFacts retail(String loanId) {
        return LoanFacts.performing(loanId, "P1", BorrowerKind.RETAIL, AS_OF, new BigDecimal("1000.00"));
    }

    private static LoanFacts company(String loanId, String borrower, String balance) {
        return LoanFacts.performing(loanId, borrower, BorrowerKind.NON_RETAIL, AS_OF, new BigDecimal(balance));
    }
}
