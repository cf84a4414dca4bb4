package bankrisk.cli.csv;

/** A CSV file that cannot be read: says the file, the line (1 = the header) and what is wrong. */
public class CsvException extends RuntimeException {

    private final long line;

    public CsvException(String file, long line, String message) {
        super(file + ":" + line + ": " + message);
        this.line = line;
    }

    public long line() {
        return line;
    }
}
