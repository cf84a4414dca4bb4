package bankrisk.loanrisk.grading;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import bankrisk.loanrisk.loan.BorrowerKind;

/**
 * The rules interpreter, in plain Java. The portfolio run does the same in one set-based SQL statement
 * ({@code ClassificationRun}); this twin grades single borrowers for explanations and override checks, and the
 * tests prove the two agree. The order of the steps is the regulation's:
 * <ol>
 * <li>each loan's rule floors (every loan-level rule that holds);</li>
 * <li>upgrade discipline: a loan that was non-performing in the previous snapshot and whose rules now allow Normal
 * or Special mention keeps its previous grade unless the arrears are repaid, enough on-time periods and months have
 * passed and the debtor has no credit-impaired asset left;</li>
 * <li>approved overrides (worse only);</li>
 * <li>debtor-centred rule for non-retail borrowers over the result of 1–3.</li>
 * </ol>
 */
public final class Grader {

    private Grader() {
    }

    /** Grades every loan of {@code book} (whole borrowers must be included for the debtor-level rules). */
    public static Map<String, Grade> grade(RuleSet ruleSet, LocalDate asOf, Collection<LoanFacts> book,
            Map<String, Category> previousGrades, Map<String, Category> approvedOverrides) {
        Map<String, Boolean> borrowerImpaired = new HashMap<>();
        for (LoanFacts f : book) {
            borrowerImpaired.merge(f.borrower(), f.creditImpaired(), Boolean::logicalOr);
        }
        Map<String, List<Floor>> floors = new LinkedHashMap<>();
        Map<String, Category> preGrade = new HashMap<>();
        Map<String, Category> heldGrade = new HashMap<>();
        for (LoanFacts f : book) {
            List<Floor> loanFloors = new ArrayList<>(loanFloors(ruleSet, asOf, f));
            Category ruleFloor = worst(loanFloors);
            Category previous = previousGrades.get(f.loanId());
            if (previous != null && previous.isNonPerforming() && !ruleFloor.isNonPerforming()
                    && !upgradeAllowed(ruleSet, asOf, f, borrowerImpaired.get(f.borrower()))) {
                loanFloors.add(new Floor(Floor.UPGRADE_NOT_YET_ALLOWED, previous,
                        "upgrade discipline of rule set " + ruleSet.version()));
                heldGrade.put(f.loanId(), previous);
            }
            Category override = approvedOverrides.get(f.loanId());
            if (override != null) {
                loanFloors.add(new Floor(Floor.OVERRIDE_APPROVED, override, "approved expert override"));
            }
            floors.put(f.loanId(), loanFloors);
            preGrade.put(f.loanId(), worst(loanFloors));
        }
        applyDebtorRules(ruleSet, book, preGrade, floors);

        Map<String, Grade> grades = new LinkedHashMap<>();
        for (LoanFacts f : book) {
            List<Floor> loanFloors = floors.get(f.loanId());
            loanFloors.sort(Comparator.comparing(Floor::category).reversed().thenComparing(Floor::reasonCode));
            Category category = worst(loanFloors);
            Category ruleFloor = worst(loanFloors.stream()
                    .filter(fl -> !fl.reasonCode().equals(Floor.OVERRIDE_APPROVED)
                            && !fl.reasonCode().equals(Floor.UPGRADE_NOT_YET_ALLOWED))
                    .toList());
            Category regulatoryFloor = Category.worst(ruleFloor, heldGrade.getOrDefault(f.loanId(), Category.NORMAL));
            List<String> reasons = loanFloors.stream()
                    .filter(fl -> fl.category() == category)
                    .map(Floor::reasonCode)
                    .sorted()
                    .toList();
            grades.put(f.loanId(), new Grade(f.loanId(), category, ruleFloor, regulatoryFloor, reasons, List.copyOf(loanFloors)));
        }
        return grades;
    }

    /** The floors of the loan-level rules that hold for one loan. */
    public static List<Floor> loanFloors(RuleSet ruleSet, LocalDate asOf, LoanFacts f) {
        List<Floor> floors = new ArrayList<>();
        for (Rule rule : ruleSet.rules()) {
            if (!rule.kind().isDebtorLevel() && rule.kind().holds(rule.threshold(), asOf, f)) {
                floors.add(new Floor(rule.code(), rule.floor(), rule.source()));
            }
        }
        return floors;
    }

    /**
     * Conditions for lifting a non-performing loan to Normal or Special mention: nothing overdue, arrears repaid at
     * least the rule set's months ago, at least its number of consecutive on-time periods since, and no
     * credit-impaired asset of the debtor left.
     */
    static boolean upgradeAllowed(RuleSet ruleSet, LocalDate asOf, LoanFacts f, Boolean debtorHasImpairedAsset) {
        return f.daysPastDue() == 0
                && f.arrearsClearedOn() != null
                && !f.arrearsClearedOn().plusMonths(ruleSet.upgradeMinMonthsSinceCleared()).isAfter(asOf)
                && f.consecutiveOnTimePeriods() >= ruleSet.upgradeMinOnTimePeriods()
                && !Boolean.TRUE.equals(debtorHasImpairedAsset);
    }

    private static void applyDebtorRules(RuleSet ruleSet, Collection<LoanFacts> book, Map<String, Category> preGrade,
            Map<String, List<Floor>> floors) {
        Map<String, BigDecimal> total = new HashMap<>();
        Map<String, BigDecimal> nonPerforming = new HashMap<>();
        for (LoanFacts f : book) {
            if (f.borrowerKind() == BorrowerKind.NON_RETAIL) {
                total.merge(f.borrower(), f.outstandingBalance(), BigDecimal::add);
                BigDecimal npl = preGrade.get(f.loanId()).isNonPerforming() ? f.outstandingBalance() : BigDecimal.ZERO;
                nonPerforming.merge(f.borrower(), npl, BigDecimal::add);
            }
        }
        for (Rule rule : ruleSet.rules()) {
            if (!rule.kind().isDebtorLevel()) {
                continue;
            }
            for (LoanFacts f : book) {
                if (f.borrowerKind() == BorrowerKind.NON_RETAIL
                        && rule.kind().holdsForDebtor(rule.threshold(), nonPerforming.get(f.borrower()), total.get(f.borrower()))) {
                    floors.get(f.loanId()).add(new Floor(rule.code(), rule.floor(), rule.source()));
                }
            }
        }
    }

    private static Category worst(List<Floor> floors) {
        Category worst = Category.NORMAL;
        for (Floor floor : floors) {
            worst = Category.worst(worst, floor.category());
        }
        return worst;
    }
}
