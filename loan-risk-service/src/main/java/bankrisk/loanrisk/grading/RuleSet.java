package bankrisk.loanrisk.grading;

import java.time.LocalDate;
import java.util.List;

/**
 * A versioned set of rules of one jurisdiction, in force from {@code effectiveFrom}, with the upgrade discipline
 * of non-performing loans: arrears repaid, then at least {@code upgradeMinOnTimePeriods} consecutive on-time
 * periods AND at least {@code upgradeMinMonthsSinceCleared} months (i.e. the longer of the two).
 */
public record RuleSet(String version, String jurisdiction, LocalDate effectiveFrom, int upgradeMinOnTimePeriods,
        int upgradeMinMonthsSinceCleared, List<Rule> rules) {

    public RuleSet {
        rules = List.copyOf(rules);
    }
}
