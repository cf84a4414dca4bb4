package bankrisk.provision.run;

import java.math.BigDecimal;

import bankrisk.common.money.Amounts;
import bankrisk.provision.policy.LoanCategory;

/** Sums of one category's lines in a run (sums of fen amounts are exact: no rounding here). */
public final class CategoryTotals {

    private final LoanCategory category;
    private long loanCount;
    private BigDecimal balance = Amounts.ZERO;
    private BigDecimal base = Amounts.ZERO;
    private BigDecimal provision = Amounts.ZERO;
    private BigDecimal ecl = Amounts.ZERO;

    public CategoryTotals(LoanCategory category) {
        this.category = category;
    }

    public CategoryTotals(LoanCategory category, long loanCount, BigDecimal balance, BigDecimal base, BigDecimal provision,
            BigDecimal ecl) {
        this.category = category;
        this.loanCount = loanCount;
        this.balance = balance;
        this.base = base;
        this.provision = provision;
        this.ecl = ecl;
    }

    void add(ProvisionLine line) {
        loanCount++;
        balance = balance.add(line.loan().balance());
        base = base.add(line.base());
        provision = provision.add(line.provision());
        ecl = ecl.add(line.ecl().ecl());
    }

    public LoanCategory category() {
        return category;
    }

    public long loanCount() {
        return loanCount;
    }

    public BigDecimal balance() {
        return balance;
    }

    public BigDecimal base() {
        return base;
    }

    public BigDecimal provision() {
        return provision;
    }

    public BigDecimal ecl() {
        return ecl;
    }
}
