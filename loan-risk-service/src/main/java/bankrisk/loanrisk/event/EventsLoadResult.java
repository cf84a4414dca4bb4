package bankrisk.loanrisk.event;

/** What an events load did: rows received, events new to the service, events stored before, write-offs proposed. */
public record EventsLoadResult(long received, long recorded, long unchanged, long writeOffsProposed) {
}
