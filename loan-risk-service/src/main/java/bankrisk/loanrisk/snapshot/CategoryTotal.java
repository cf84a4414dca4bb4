package bankrisk.loanrisk.snapshot;

import java.math.BigDecimal;

import bankrisk.loanrisk.grading.Category;

/** Count and balance of the loans of one category. */
public record CategoryTotal(Category category, long loanCount, BigDecimal balance) {
}
