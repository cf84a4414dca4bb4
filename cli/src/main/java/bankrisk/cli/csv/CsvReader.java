package bankrisk.cli.csv;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a comma-separated file with a header row, one record a line (RFC 4180 quoting within a line: "a,b" and ""
 * for a quote). Columns are found by their header name (case-insensitive, any order); required columns must be
 * present, others may be left out. Blank lines and lines starting with '#' are skipped.
 */
public final class CsvReader implements Closeable {

    private final String name;
    private final BufferedReader in;
    private final Map<String, Integer> columns = new HashMap<>();
    private long lineNumber;

    private CsvReader(String name, BufferedReader in, Set<String> required, Set<String> optional) throws IOException {
        this.name = name;
        this.in = in;
        String header = nextContentLine();
        if (header == null) {
            throw new CsvException(name, Math.max(lineNumber, 1), "empty file: expected a header row with " + String.join(",", required));
        }
        List<String> names = split(header);
        for (int i = 0; i < names.size(); i++) {
            String column = names.get(i).trim().toLowerCase(Locale.ROOT);
            if (i == 0 && column.startsWith("\ufeff")) {
                column = column.substring(1);
            }
            if (!required.contains(column) && !optional.contains(column)) {
                throw new CsvException(name, lineNumber, "unknown column '" + column + "' (columns: " + String.join(",", required)
                        + (optional.isEmpty() ? "" : ", optional " + String.join(",", optional)) + ")");
            }
            if (columns.put(column, i) != null) {
                throw new CsvException(name, lineNumber, "column '" + column + "' appears twice");
            }
        }
        List<String> missing = required.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new CsvException(name, lineNumber, "missing column(s) " + String.join(",", missing) + " in the header row");
        }
    }

    public static CsvReader open(Path file, Set<String> required, Set<String> optional) throws IOException {
        return new CsvReader(file.toString(), Files.newBufferedReader(file, StandardCharsets.UTF_8), required, optional);
    }

    public static CsvReader of(String name, BufferedReader in, Set<String> required, Set<String> optional) throws IOException {
        return new CsvReader(name, in, required, optional);
    }

    /** The next record, or null at the end of the file. */
    public Row next() {
        try {
            String line = nextContentLine();
            if (line == null) {
                return null;
            }
            List<String> values = split(line);
            if (values.size() != columns.size()) {
                throw new CsvException(name, lineNumber, "expected " + columns.size() + " fields, found " + values.size());
            }
            return new Row(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String nextContentLine() throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (!line.isBlank() && !line.startsWith("#")) {
                return line;
            }
        }
        return null;
    }

    private List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new CsvException(name, lineNumber, "unterminated quote");
        }
        out.add(field.toString());
        return out;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** One record; the getters fail with the line number and column name. */
    public final class Row {
        private final List<String> values;
        private final long line = lineNumber;

        private Row(List<String> values) {
            this.values = values;
        }

        public long line() {
            return line;
        }

        /** The trimmed value, or "" when the column is absent or empty. */
        public String get(String column) {
            Integer i = columns.get(column);
            return i == null ? "" : values.get(i).trim();
        }

        public String required(String column) {
            String v = get(column);
            if (v.isEmpty()) {
                throw error(column, "is required");
            }
            return v;
        }

        public CsvException error(String column, String message) {
            return new CsvException(name, line, "column " + column + ": " + message);
        }
    }
}
