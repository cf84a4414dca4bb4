package bankrisk.provision.returns;

import java.util.Optional;

/**
 * Borrowers' names for G13, read from the one contract that carries them: tiering-service's customer register
 * ({@code Customer.name}). loan-risk's loans and snapshots carry only the customer number.
 */
public interface CustomerNames {

    /** The registered name; empty when the customer is not registered. */
    Optional<String> nameOf(String customerNumber);
}
