package bankrisk.cli.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** A CSV file read as typed rows, in one pass and bounded memory. */
public final class CsvRows<T> {

    private final Path file;
    private final Set<String> required;
    private final Set<String> optional;
    private final Function<CsvReader.Row, T> parser;

    public CsvRows(Path file, Set<String> required, Set<String> optional, Function<CsvReader.Row, T> parser) {
        this.file = file;
        this.required = required;
        this.optional = optional;
        this.parser = parser;
    }

    /** Reads the whole file, failing at the first bad line; returns the number of rows. */
    public long validate() throws IOException {
        long[] n = new long[1];
        forEach(row -> n[0]++);
        return n[0];
    }

    public void forEach(Consumer<T> action) throws IOException {
        try (CsvReader reader = CsvReader.open(file, required, optional)) {
            for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
                action.accept(parser.apply(row));
            }
        }
    }

    /**
     * Calls {@code action} once per group of at most {@code size} rows (the last group may be smaller).
     */
    public void forEachChunk(int size, Consumer<List<T>> action) throws IOException {
        List<T> chunk = new ArrayList<>(size);
        forEach(row -> {
            chunk.add(row);
            if (chunk.size() == size) {
                action.accept(List.copyOf(chunk));
                chunk.clear();
            }
        });
        if (!chunk.isEmpty()) {
            action.accept(List.copyOf(chunk));
        }
    }

    /** An iterator of chunks of at most {@code size} rows; closes the file at the end. */
    public Iterator<List<T>> chunks(int size) throws IOException {
        CsvReader reader = CsvReader.open(file, required, optional);
        return new Iterator<>() {
            private boolean eof;
            private List<T> next = read();

            private List<T> read() {
                List<T> chunk = new ArrayList<>(size);
                while (chunk.size() < size) {
                    CsvReader.Row row = reader.next();
                    if (row == null) {
                        eof = true;
                        try {
                            reader.close();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        break;
                    }
                    chunk.add(parser.apply(row));
                }
                return chunk.isEmpty() ? null : chunk;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public List<T> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                List<T> current = next;
                next = eof ? null : read();
                return current;
            }
        };
    }
}
