package bankrisk.provision.run;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import bankrisk.common.money.Amounts;
import bankrisk.common.money.Rates;
import bankrisk.provision.ecl.EclCalculator;
import bankrisk.provision.policy.LoanCategory;
import bankrisk.provision.policy.PolicyRates;
import bankrisk.provision.policy.ProvisionBase;

/**
 * The provision arithmetic of one policy, loan by loan:
 *
 * <pre>
 * base      = balance                                   (OUTSTANDING_BALANCE)
 *           = max(balance − eligible collateral, 0)     (NET_OF_COLLATERAL; ineligible collateral counts 0)
 * provision = round_fen_half_up(base × rate(category))  once per loan line
 * general   = round_fen_half_up(total balance × general reserve rate)   once per run
 * </pre>
 *
 * <p>Eligible collateral is the kinds whose value a bank can realise reliably (by default cash deposits, securities
 * and real estate; movable property, receivables and "other" are not netted): see {@code provision.eligible-collateral}.
 */
public final class ProvisionCalculator {

    private final Map<LoanCategory, BigDecimal> rates = new EnumMap<>(LoanCategory.class);
    /** The rates at the rate scale, as stored on each line: normalised once per run, not once per loan. */
    private final Map<LoanCategory, BigDecimal> lineRates = new EnumMap<>(LoanCategory.class);
    private final ProvisionBase base;
    private final BigDecimal generalReserveRate;
    private final Set<CollateralKind> eligibleCollateral;
    private final EclCalculator ecl;

    public ProvisionCalculator(PolicyRates policy, Set<CollateralKind> eligibleCollateral, EclCalculator ecl) {
        for (LoanCategory category : LoanCategory.values()) {
            rates.put(category, policy.rate(category));
            lineRates.put(category, Rates.round(policy.rate(category)));
        }
        this.base = policy.base();
        this.generalReserveRate = policy.generalReserveRate();
        this.eligibleCollateral = eligibleCollateral.isEmpty() ? EnumSet.noneOf(CollateralKind.class) : EnumSet.copyOf(eligibleCollateral);
        this.ecl = ecl;
    }

    public ProvisionLine line(GradedLoan loan) {
        BigDecimal lineBase = base(loan);
        BigDecimal provision = Amounts.round(lineBase.multiply(rates.get(loan.category())));
        return new ProvisionLine(loan, lineBase, lineRates.get(loan.category()), provision, ecl.ecl(loan));
    }

    BigDecimal base(GradedLoan loan) {
        if (base == ProvisionBase.OUTSTANDING_BALANCE || !eligibleCollateral.contains(loan.collateralKind())) {
            return loan.balance();
        }
        BigDecimal net = loan.balance().subtract(loan.collateralValue());
        return net.signum() < 0 ? Amounts.ZERO : net;
    }

    /** The general reserve on the whole book: the general rate times the total balance, rounded once. */
    public BigDecimal generalReserve(BigDecimal totalBalance) {
        return generalReserve(totalBalance, generalReserveRate);
    }

    public static BigDecimal generalReserve(BigDecimal totalBalance, BigDecimal rate) {
        return Amounts.round(totalBalance.multiply(rate));
    }
}
