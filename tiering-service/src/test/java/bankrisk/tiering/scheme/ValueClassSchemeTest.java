package bankrisk.tiering.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import bankrisk.common.error.Violations;

class ValueClassSchemeTest {

    static final ValueClassScheme ABC = new ValueClassScheme(1, YearMonth.of(1900, 1), List.of(
            new ValueClassScheme.ValueClass("A", new BigDecimal("0.80")),
            new ValueClassScheme.ValueClass("B", new BigDecimal("0.95")),
            new ValueClassScheme.ValueClass("C", BigDecimal.ONE)));

    @Test
    void customersAreCutByTheCumulativeShareOfRicherCustomers() {
        // Richest first: 500, 300, 100, 60, 40 of a total of 1,000.
        List<String> classes = classes("500", "300", "100", "60", "40");
        // before: 0 (A), 500 < 800 (A: the customer that reaches 80 % is still A), 800 < 950 (B), 900 < 950 (B),
        // 960 (C)
        assertThat(classes).containsExactly("A", "A", "B", "B", "C");
    }

    @Test
    void oneVeryRichCustomerIsTheOnlyA() {
        assertThat(classes("900", "60", "40")).containsExactly("A", "B", "C");
    }

    @Test
    void aMonthWithoutAssetsPutsEveryoneInTheLastClass() {
        assertThat(classes("0", "0")).containsExactly("C", "C");
    }

    @Test
    void cutOffsMustRiseAndReachOne() {
        Violations violations = new Violations();
        ValueClassScheme.validate(List.of(new ValueClassScheme.ValueClass("A", new BigDecimal("0.9")),
                new ValueClassScheme.ValueClass("A", new BigDecimal("0.5")),
                new ValueClassScheme.ValueClass("C", new BigDecimal("0.99"))), "scheme", violations);
        assertThat(TierSchemeTest.violationsOf(violations)).containsExactly(
                entry("scheme.classes[1].code", "'A' is used by an earlier class"),
                entry("scheme.classes[1].cumulative_share.value", "must be greater than 0.9 and at most 1"),
                entry("scheme.classes[2].cumulative_share.value", "the last class must reach 1"));
    }

    private static List<String> classes(String... averagesRichestFirst) {
        BigDecimal total = BigDecimal.ZERO;
        for (String average : averagesRichestFirst) {
            total = total.add(new BigDecimal(average));
        }
        List<String> classes = new ArrayList<>();
        BigDecimal before = BigDecimal.ZERO;
        for (String average : averagesRichestFirst) {
            classes.add(bankrisk.tiering.evaluation.MonthEvaluation.classOf(ABC, before, total));
            before = before.add(new BigDecimal(average));
        }
        return classes;
    }
}
