package bankrisk.provision.reserve;

import java.math.BigDecimal;

import bankrisk.common.money.Amounts;

/**
 * The MOF 2012 general risk reserve a bank must hold (金融企業準備金計提管理辦法, 財金〔2012〕20號; domain notes §3 and §5):
 * required = max(latent risk − impairment allowance already booked, floor), where the latent risk is the standard
 * method's 1.5 % / 3 % / 30 % / 60 % / 100 % of Normal / Special mention / Substandard / Doubtful / Loss risk assets
 * (each loan rounded once, as every provision) and the floor is 1.5 % of risk assets (rounded once). The difference is
 * never negative: an allowance larger than the latent risk leaves only the floor.
 *
 * @param latentRisk the estimated latent risk
 * @param allowanceDeducted the loan-loss allowance of the posted impairment run of the same date
 * @param floor 1.5 % (the policy's general reserve rate) of risk assets
 */
public record GeneralRiskReserve(BigDecimal latentRisk, BigDecimal allowanceDeducted, BigDecimal floor) {

    /** Which amount sets the requirement. */
    public enum Binding {
        /** Latent risk less the allowance is at least the floor. */
        LATENT_RISK,
        /** The floor is larger. */
        FLOOR
    }

    /** max(latent risk − allowance, 0). */
    public BigDecimal netOfAllowance() {
        return latentRisk.subtract(allowanceDeducted).max(Amounts.ZERO);
    }

    public BigDecimal required() {
        return netOfAllowance().max(floor);
    }

    /** The floor binds only when it is strictly larger; at equality both give the same figure. */
    public Binding binding() {
        return floor.compareTo(netOfAllowance()) > 0 ? Binding.FLOOR : Binding.LATENT_RISK;
    }
}
