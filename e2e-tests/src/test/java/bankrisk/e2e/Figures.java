package bankrisk.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * The figures a fault test measured (faults injected, writes acknowledged and found, seconds to recover), printed and
 * appended to {@code target/e2e-logs/fault-figures.txt} so that a run's numbers can be quoted.
 */
final class Figures {

    private Figures() {
    }

    static void record(String test, String format, Object... arguments) {
        String line = test + " | " + String.format(Locale.ROOT, format, arguments);
        System.out.println("FIGURE " + line);
        try {
            Path file = E2eSettings.logDirectory().resolve("fault-figures.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
    }
}
