package bankrisk.cli;

import java.io.PrintWriter;

/**
 * Shows how far long work is. On a terminal a bar redrawn in place; otherwise (a pipe, a log file, CI) plain lines
 * at each stage and every 10 %, so logs stay short and readable.
 */
public abstract class Progress {

    protected final PrintWriter out;

    protected Progress(PrintWriter out) {
        this.out = out;
    }

    /** A bar on a terminal, plain lines otherwise. Progress goes to stderr so stdout stays for results. */
    public static Progress to(PrintWriter err, boolean terminal) {
        return terminal ? new Bar(err) : new Lines(err);
    }

    public static boolean isTerminal() {
        return System.console() != null;
    }

    /** {@code done} of {@code total} units of {@code label} (total ≤ 0 when unknown). */
    public abstract void update(String label, long done, long total);

    /** Ends the current bar with a line of text. */
    public abstract void done(String text);

    static String bar(long done, long total, int width) {
        int filled = total <= 0 ? 0 : (int) Math.min(width, done * width / total);
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    static final class Bar extends Progress {
        private long lastDraw;
        private boolean open;

        Bar(PrintWriter out) {
            super(out);
        }

        @Override
        public void update(String label, long done, long total) {
            long now = System.nanoTime();
            if (open && now - lastDraw < 100_000_000L && done < total) {
                return;
            }
            lastDraw = now;
            open = true;
            String count = total > 0 ? String.format("%3d%% %,d/%,d", done * 100 / total, done, total) : String.format("%,d", done);
            out.print("\r" + label + " " + (total > 0 ? bar(done, total, 30) + " " : "") + count + "\u001b[K");
            out.flush();
        }

        @Override
        public void done(String text) {
            out.print((open ? "\r\u001b[K" : "") + text + System.lineSeparator());
            out.flush();
            open = false;
        }
    }

    static final class Lines extends Progress {
        private String lastLabel;
        private long lastDecile = -1;

        Lines(PrintWriter out) {
            super(out);
        }

        @Override
        public void update(String label, long done, long total) {
            long decile = total > 0 ? done * 10 / total : -1;
            if (label.equals(lastLabel) && (total <= 0 || decile == lastDecile)) {
                return;
            }
            lastLabel = label;
            lastDecile = decile;
            out.println(total > 0 ? String.format("%s %d%% (%,d/%,d)", label, done * 100 / total, done, total)
                    : done == 0 ? label : String.format("%s %,d", label, done));
            out.flush();
        }

        @Override
        public void done(String text) {
            lastLabel = null;
            out.println(text);
            out.flush();
        }
    }
}
