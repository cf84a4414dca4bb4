package bankrisk.api.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import bankrisk.common.error.FieldViolation;
import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.error.Violations;

class TextsTest {

    @Test
    void freeTextsKeepLineBreaksAndTabsButRefuseOtherControlCharacters() {
        Violations violations = new Violations();

        assertThat(Texts.text(" 逾期 91 天\n\tsee file ", "reason", 100, violations)).isEqualTo("逾期 91 天\n\tsee file");
        assertThat(Texts.text("nul\u0000inside", "reason", 100, violations)).isNull();
        assertThat(Texts.optionalText("\u001b[31mred", "comment", 100, violations)).isEmpty();
        assertThat(Texts.optionalText("", "comment", 100, violations)).isEmpty();

        assertThatThrownBy(violations::throwIfAny).isInstanceOfSatisfying(InvalidArgumentException.class,
                e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("reason", "comment"));
    }

    @Test
    void identifiersAreLettersDigitsDashAndUnderscore() {
        Violations violations = new Violations();

        assertThat(Texts.identifier("L-2026_001", "loan_id", 40, violations)).isEqualTo("L-2026_001");
        assertThat(Texts.identifier("L'; DROP TABLE loan; --", "loan_id", 40, violations)).isNull();
        assertThat(Texts.identifier("x".repeat(41), "loan_id", 40, violations)).isNull();
        assertThat(violations.isEmpty()).isFalse();
    }
}
