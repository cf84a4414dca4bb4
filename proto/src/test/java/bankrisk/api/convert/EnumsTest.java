package bankrisk.api.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import bank.loanrisk.v1.LoanCategory;
import bankrisk.common.error.Violations;

class EnumsTest {

    enum Category {
        NORMAL,
        SPECIAL_MENTION,
        SUBSTANDARD,
        DOUBTFUL,
        LOSS
    }

    @Test
    void mapsByNameWithoutTheEnumPrefix() {
        Violations violations = new Violations();

        assertThat(Enums.fromProto(LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, Category.class, "c", violations))
                .isEqualTo(Category.SPECIAL_MENTION);
        assertThat(Enums.toProto(Category.LOSS, LoanCategory.class)).isEqualTo(LoanCategory.LOAN_CATEGORY_LOSS);
        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void rejectsUnspecifiedAndUnknownNumbersListingTheAcceptedValues() {
        Violations violations = new Violations();

        assertThat(Enums.fromProto(LoanCategory.LOAN_CATEGORY_UNSPECIFIED, Category.class, "a", violations)).isNull();
        assertThat(Enums.fromProto(LoanCategory.UNRECOGNIZED, Category.class, "b", violations)).isNull();
        assertThatThrownBy(violations::throwIfAny).hasMessageContaining(
                "a: must be one of LOAN_CATEGORY_NORMAL, LOAN_CATEGORY_SPECIAL_MENTION, LOAN_CATEGORY_SUBSTANDARD, "
                        + "LOAN_CATEGORY_DOUBTFUL, LOAN_CATEGORY_LOSS; b: must be one of");
    }
}
