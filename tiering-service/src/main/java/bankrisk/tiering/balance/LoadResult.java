package bankrisk.tiering.balance;

/** Acknowledgement of a balance load: rows received, keys newly inserted, keys replaced. */
public record LoadResult(long received, long inserted, long replaced) {
}
