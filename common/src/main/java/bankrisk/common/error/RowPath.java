package bankrisk.common.error;

/**
 * Where a row of a bulk request sits, as field paths name it: the repeated field and the row's index across the whole
 * call ({@code loans[12]}, {@code loans[12].as_of}, {@code balances[3].balance.amount}), whichever message carried it.
 * Every load builds its paths here, so every load names rows alike.
 */
public record RowPath(String rows, long index) {

    /** The path of one field of the row: {@code loans[12].as_of}. */
    public String field(String name) {
        return this + "." + name;
    }

    /** The row's path followed by a dot, for mappers that append field names: {@code loans[12].}. */
    public String prefix() {
        return this + ".";
    }

    @Override
    public String toString() {
        return rows + "[" + index + "]";
    }
}
