package bankrisk.provision.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.error.Violations;
import bankrisk.provision.policy.LoanCategory;

class LabelsTest {

    @Test
    void everyLabelHasBothLanguages() {
        Labels.TEXT.forEach((key, text) -> {
            assertThat(text).as(key).hasSize(Lang.values().length);
            assertThat(text).as(key).allSatisfy(label -> assertThat(label).isNotBlank());
        });
    }

    @Test
    void theCategoriesAreTheFormsWords() {
        assertThat(java.util.Arrays.stream(LoanCategory.values()).map(c -> Labels.category(c, Lang.ZH_CN)))
                .containsExactly("正常", "关注", "次级", "可疑", "损失");
        assertThat(Labels.category(LoanCategory.SPECIAL_MENTION, Lang.EN)).isEqualTo("Special mention");
    }

    @Test
    void anUnknownKeyFailsLoudlyButAnUnknownRowShowsItsCode() {
        assertThatThrownBy(() -> Labels.get("NO_SUCH_KEY", Lang.EN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Labels.row("PRODUCT_SATELLITE", Lang.ZH_CN)).isEqualTo("PRODUCT_SATELLITE");
    }

    @Test
    void languagesParseByTagAndAnUnknownOneNamesTheField() {
        Violations violations = new Violations();
        assertThat(Lang.parse("", "lang", Lang.ZH_CN, violations)).isEqualTo(Lang.ZH_CN);
        assertThat(Lang.parse("EN", "lang", Lang.ZH_CN, violations)).isEqualTo(Lang.EN);
        assertThat(Lang.parse("zh-cn", "lang", Lang.EN, violations)).isEqualTo(Lang.ZH_CN);
        violations.throwIfAny();
        Lang.parse("fr", "lang", Lang.ZH_CN, violations);
        assertThatThrownBy(violations::throwIfAny).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("lang");
    }
}
