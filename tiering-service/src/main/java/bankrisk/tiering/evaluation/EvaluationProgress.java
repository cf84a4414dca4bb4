package bankrisk.tiering.evaluation;

import java.time.YearMonth;

/** One step of a month-end run. */
public record EvaluationProgress(YearMonth month, Stage stage, long customers, int schemeVersion, boolean recomputed,
        long elapsedMillis) {

    public enum Stage {
        STARTED,
        RATES_CHECKED,
        TIERS_ASSIGNED,
        COMPLETED
    }
}
