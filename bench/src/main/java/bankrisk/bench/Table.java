package bankrisk.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The one table the harness prints: workload | ours | reference (same run) | ratio | target. */
final class Table {

    record Row(String workload, String ours, String reference, String ratio, String target) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String workload, String ours, String reference, String ratio, String target) {
        rows.add(new Row(workload, ours, reference, ratio, target));
        System.err.printf("[bench] %s: ours %s, reference %s, ratio %s%n", workload, ours, reference, ratio);
    }

    /** A timed pair: ratio = ours / reference (lower is better, 1.00 = as fast as the reference). */
    void times(String workload, double oursSeconds, String oursDetail, double refSeconds, String refDetail, String target) {
        add(workload, seconds(oursSeconds) + (oursDetail.isEmpty() ? "" : " (" + oursDetail + ")"),
                seconds(refSeconds) + (refDetail.isEmpty() ? "" : " (" + refDetail + ")"), String.format("%.2f×", oursSeconds / refSeconds), target);
    }

    void notMeasured(String workload, String ours, String why, String target) {
        add(workload, ours, "not measured: " + why, "–", target);
    }

    static String seconds(double s) {
        return s < 10 ? String.format("%.2f s", s) : String.format("%.1f s", s);
    }

    static String rate(long rows, double seconds) {
        return String.format("%,.0f rows/s", rows / seconds);
    }

    void print(PrintStream out) {
        out.println();
        out.println("| workload | ours | reference (same run) | ratio | target |");
        out.println("|---|---|---|---|---|");
        for (Row r : rows) {
            out.printf("| %s | %s | %s | %s | %s |%n", r.workload, r.ours, r.reference, r.ratio, r.target);
        }
    }
}
