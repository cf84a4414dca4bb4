package bankrisk.provision.tier;

/** A customer's tier in a month as tiering-service evaluated it; an empty code means below the lowest tier. */
public record TierAssignment(String customerNumber, String tierCode, String tierName, String valueClass) {
}
