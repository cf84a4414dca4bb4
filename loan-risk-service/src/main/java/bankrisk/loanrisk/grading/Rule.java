package bankrisk.loanrisk.grading;

import java.math.BigDecimal;

/** One regulatory rule: when {@code kind} holds (with {@code threshold}), the loan is at least {@code floor}. */
public record Rule(String code, RuleKind kind, BigDecimal threshold, Category floor, String source) {
}
