package bankrisk.tiering.customer;

/** Natural person or organisation; only persons are tiered as retail customers. */
public enum CustomerKind {
    PERSON,
    COMPANY
}
