package bankrisk.provision.returns;

import java.math.BigDecimal;

import bankrisk.common.money.Amounts;

/** Loans of one cell of a return: how many, their balance and their specific provisions (exact sums, yuan). */
public record Cell(long count, BigDecimal balance, BigDecimal allowance) {

    public static final Cell EMPTY = new Cell(0, Amounts.ZERO, Amounts.ZERO);

    public Cell plus(Cell other) {
        return new Cell(count + other.count, balance.add(other.balance), allowance.add(other.allowance));
    }

    /** Same loans and balance (the allowance is not compared: one side may not know it). */
    public boolean sameLoans(Cell other) {
        return count == other.count && balance.compareTo(other.balance) == 0;
    }

    public boolean sameAs(Cell other) {
        return sameLoans(other) && allowance.compareTo(other.allowance) == 0;
    }
}
