package bankrisk.provision.reserve;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** MOF 2012: required = max(latent risk − booked allowance, 1.5 % of risk assets); figures from the tests' books. */
class GeneralRiskReserveTest {

    /**
     * November book: latent risk 15150.00 + 757.50 + 3000.00 (Normal 1.5 %) + 3750.00 (SM 3 % of 125000.00) + 1200.00
     * (SS 30 % of 4000.00) + 49200.00 (Doubtful 60 % of 82000.00) + 10000.01 + 7000.00 (Loss 100 %) = 90057.51; the
     * PBOC 2002 allowance booked 76385.01; 90057.51 − 76385.01 = 13672.50; floor 1.5 % × 1488500.01 = 22327.50015 →
     * 22327.50, larger: the floor binds.
     */
    @Test
    void theFloorBindsWhenTheAllowanceCoversMostOfTheLatentRisk() {
        GeneralRiskReserve reserve = new GeneralRiskReserve(amount("90057.51"), amount("76385.01"), amount("22327.50"));

        assertThat(reserve.netOfAllowance()).isEqualByComparingTo("13672.50");
        assertThat(reserve.required()).isEqualByComparingTo("22327.50");
        assertThat(reserve.binding()).isEqualTo(GeneralRiskReserve.Binding.FLOOR);
    }

    /**
     * December book: latent risk 116887.04; a thin allowance (Substandard 20 %, Doubtful 40 %, Loss 100 %, no general
     * reserve) of 66691.37; 116887.04 − 66691.37 = 50195.67 > floor 1.5 % × 1466790.12 = 22001.8518 → 22001.85.
     */
    @Test
    void theLatentRiskBindsWhenTheAllowanceIsThin() {
        GeneralRiskReserve reserve = new GeneralRiskReserve(amount("116887.04"), amount("66691.37"), amount("22001.85"));

        assertThat(reserve.netOfAllowance()).isEqualByComparingTo("50195.67");
        assertThat(reserve.required()).isEqualByComparingTo("50195.67");
        assertThat(reserve.binding()).isEqualTo(GeneralRiskReserve.Binding.LATENT_RISK);
    }

    @Test
    void anAllowanceAboveTheLatentRiskLeavesTheFloorNeverANegativeReserve() {
        GeneralRiskReserve reserve = new GeneralRiskReserve(amount("1000.00"), amount("1500.00"), amount("300.00"));

        assertThat(reserve.netOfAllowance()).isEqualByComparingTo("0.00");
        assertThat(reserve.required()).isEqualByComparingTo("300.00");
        assertThat(reserve.binding()).isEqualTo(GeneralRiskReserve.Binding.FLOOR);
    }

    @Test
    void atEqualityTheLatentRiskIsReportedAsBinding() {
        GeneralRiskReserve reserve = new GeneralRiskReserve(amount("2300.00"), amount("2000.00"), amount("300.00"));

        assertThat(reserve.required()).isEqualByComparingTo("300.00");
        assertThat(reserve.binding()).isEqualTo(GeneralRiskReserve.Binding.LATENT_RISK);
    }

    private static BigDecimal amount(String value) {
        return new BigDecimal(value);
    }
}
