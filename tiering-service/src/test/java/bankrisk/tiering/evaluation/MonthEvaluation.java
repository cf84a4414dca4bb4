package bankrisk.tiering.evaluation;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import bankrisk.tiering.scheme.TierScheme;
import bankrisk.tiering.scheme.ValueClassScheme;

/**
 * Test oracle, not production code: the month-end rule for a set of averages in plain Java (tier with downgrade grace
 * and ABC value class). The rule itself is the SQL of {@link EvaluationSql#insertEvaluations}, which production runs;
 * {@code EvaluationAgreementTest} checks it against this.
 */
public final class MonthEvaluation {

    /** A customer's stored result of the month before: the tier code held and the months below it. */
    public record Previous(String tierCode, int monthsBelow) {
    }

    /** A customer's result of the month. */
    public record Result(String customerNumber, BigDecimal average, int qualifiedRank, Standing standing,
            String tierCode, String valueClass) {
    }

    private MonthEvaluation() {
    }

    /**
     * The value class of a customer whose richer predecessors hold {@code before} of a month total {@code total}: the
     * first class whose cut-off they have not reached, else the last.
     */
    public static String classOf(ValueClassScheme scheme, BigDecimal before, BigDecimal total) {
        for (ValueClassScheme.ValueClass valueClass : scheme.classes()) {
            if (before.compareTo(valueClass.cumulativeShare().multiply(total)) < 0) {
                return valueClass.code();
            }
        }
        return scheme.classes().get(scheme.classes().size() - 1).code();
    }

    public static Map<String, Result> evaluate(TierScheme scheme, ValueClassScheme classes, Map<String, BigDecimal> averages,
            Map<String, Previous> previousMonth) {
        BigDecimal total = averages.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Map.Entry<String, BigDecimal>> richestFirst = averages.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal> comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
        Map<String, Result> results = new TreeMap<>();
        BigDecimal richer = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> entry : richestFirst) {
            String customer = entry.getKey();
            BigDecimal average = entry.getValue();
            int qualified = scheme.qualifiedRank(average);
            Previous previous = previousMonth.get(customer);
            Standing before = previous == null || previous.tierCode() == null
                    ? Standing.NONE
                    : new Standing(scheme.rankOf(previous.tierCode()), previous.monthsBelow(), false);
            Standing standing = Standing.next(before, qualified, Standing.graceMonths(scheme, before.tierRank()));
            var tier = scheme.tier(standing.tierRank());
            results.put(customer, new Result(customer, average, qualified, standing, tier == null ? null : tier.code(),
                    classOf(classes, richer, total)));
            richer = richer.add(average);
        }
        return results;
    }
}
