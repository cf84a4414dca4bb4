package bankrisk.provision.movement;

import java.math.BigDecimal;

/**
 * The movement of the specific provisions of one group (a category or a branch) between two runs, from SQL, with
 * the balance of the loans written off (what the write-off takes off the loan book).
 */
public record KeyedMovement(String key, BigDecimal opening, BigDecimal charges, BigDecimal releases, BigDecimal writeOffs,
        BigDecimal writeOffBalance, BigDecimal closing) {
}
