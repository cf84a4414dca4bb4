package bankrisk.loanrisk.event;

/** Where an event stands: every kind is BOOKED when recorded, except a write-off, which waits for a second person. */
public enum EventStatus {
    /** Counts in the loan's balances. */
    BOOKED,
    /** A proposed write-off; reserves its amount against the balance until decided, counts nowhere else. */
    PENDING,
    /** A rejected write-off, kept for the record. */
    REJECTED
}
