package bankrisk.tiering.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.error.Violations;

class TierSchemeTest {

    /** The seeded Minsheng 2017 scheme (seed section 4). */
    static final TierScheme MINSHENG = new TierScheme(1, "Minsheng 2017", YearMonth.of(2017, 3), "CNY", 0, List.of(
            tier("XINRAN", "50000.00"), tier("YOURAN", "300000.00"), tier("ZHUORAN", "1000000.00"),
            tier("PRIVATE", "8000000.00")), Map.of());

    @ParameterizedTest
    @CsvSource({
            "0.00, ''",
            "49999.99, ''",
            "50000.00, XINRAN",
            "299999.99, XINRAN",
            "300000.00, YOURAN",
            "999999.99, YOURAN",
            "1000000.00, ZHUORAN",
            "7999999.99, ZHUORAN",
            "8000000.00, PRIVATE",
            "123456789.00, PRIVATE" })
    void boundsAreInclusiveLowerBounds(String average, String expectedCode) {
        Tier tier = MINSHENG.tier(MINSHENG.qualifiedRank(new BigDecimal(average)));
        assertThat(tier == null ? "" : tier.code()).isEqualTo(expectedCode);
    }

    @Test
    void rankOfMapsCodesAndUnknownCodesToNoTier() {
        assertThat(MINSHENG.rankOf("YOURAN")).isEqualTo(2);
        assertThat(MINSHENG.rankOf("SUNFLOWER")).isZero();
    }

    @Test
    void unorderedDuplicateAndNegativeBoundsAreRejectedWithTheirPaths() {
        Violations violations = new Violations();
        TierScheme.validate(-1, List.of(tier("A", "-1.00"), tier("B", "300.00"), tier("A", "200.00"), tier("C", "200.00")),
                "scheme", violations);

        assertThat(violationsOf(violations)).containsExactly(
                entry("scheme.downgrade_grace_months", "must be between 0 and 24"),
                entry("scheme.tiers[0].lower_bound.amount", "must not be negative"),
                entry("scheme.tiers[2].code", "'A' is used by an earlier tier"),
                entry("scheme.tiers[2].lower_bound.amount", "must be greater than the bound of the tier before (300.00)"),
                entry("scheme.tiers[3].lower_bound.amount", "must be greater than the bound of the tier before (200.00)"));
    }

    @Test
    void aTiersOwnGraceOverridesTheSchemesSingleNumber() {
        // Bohai Bank's shape: the scheme's 3 months for the mass tiers, 6 for private banking.
        TierScheme bohai = new TierScheme(2, "Bohai", YearMonth.of(2024, 1), "CNY", 3, List.of(tier("MASS", "50000.00"),
                new Tier("PRIVATE", "PRIVATE", new BigDecimal("6000000.00"), 6)), Map.of());

        assertThat(bankrisk.tiering.evaluation.Standing.graceMonths(bohai, 1)).isEqualTo(3);
        assertThat(bankrisk.tiering.evaluation.Standing.graceMonths(bohai, 2)).isEqualTo(6);
        assertThat(bankrisk.tiering.evaluation.Standing.graceMonths(bohai, 0)).isEqualTo(3);
        // Held in PRIVATE: the 6th month below still keeps it, the 7th drops it; MASS drops after the 3rd.
        assertThat(bankrisk.tiering.evaluation.Standing.next(new bankrisk.tiering.evaluation.Standing(2, 5, true), 1,
                bankrisk.tiering.evaluation.Standing.graceMonths(bohai, 2))).isEqualTo(new bankrisk.tiering.evaluation.Standing(2, 6, true));
        assertThat(bankrisk.tiering.evaluation.Standing.next(new bankrisk.tiering.evaluation.Standing(2, 6, true), 1,
                bankrisk.tiering.evaluation.Standing.graceMonths(bohai, 2))).isEqualTo(new bankrisk.tiering.evaluation.Standing(1, 0, false));
        assertThat(bankrisk.tiering.evaluation.Standing.next(new bankrisk.tiering.evaluation.Standing(1, 3, true), 0,
                bankrisk.tiering.evaluation.Standing.graceMonths(bohai, 1))).isEqualTo(bankrisk.tiering.evaluation.Standing.NONE);
    }

    @Test
    void aTiersOwnGraceIsBetween0And24() {
        Violations violations = new Violations();
        TierScheme.validate(3, List.of(new Tier("A", "A", new BigDecimal("1.00"), 25), new Tier("B", "B",
                new BigDecimal("2.00"), -1)), "scheme", violations);
        assertThat(violationsOf(violations)).containsExactly(
                entry("scheme.tiers[0].downgrade_grace_months", "must be between 0 and 24"),
                entry("scheme.tiers[1].downgrade_grace_months", "must be between 0 and 24"));
    }

    @Test
    void aSchemeNeedsATier() {
        Violations violations = new Violations();
        TierScheme.validate(0, List.of(), "scheme", violations);
        assertThat(violationsOf(violations)).containsExactly(entry("scheme.tiers", "must have 1 to 20 tiers"));
    }

    static Tier tier(String code, String bound) {
        return new Tier(code, code, new BigDecimal(bound));
    }

    static Map<String, String> violationsOf(Violations violations) {
        try {
            violations.throwIfAny();
            return Map.of();
        } catch (InvalidArgumentException invalid) {
            var map = new java.util.LinkedHashMap<String, String>();
            invalid.violations().forEach(v -> map.put(v.field(), v.description()));
            return map;
        }
    }
}
