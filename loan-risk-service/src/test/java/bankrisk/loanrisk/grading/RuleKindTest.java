package bankrisk.loanrisk.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import bankrisk.loanrisk.loan.BorrowerKind;

/**
 * Every rule kind has both renderings: its SQL predicate in the generated CASE of its scope, and its Java predicate for
 * its scope. A kind added with only one of them fails here (the agreement of the two is GraderTest's and
 * ClassificationAtScaleTest's).
 */
class RuleKindTest {

    private static final LocalDate AS_OF = LocalDate.of(2024, 6, 15);
    private static final LoanFacts FACTS = LoanFacts.performing("L1", "C1", BorrowerKind.NON_RETAIL, AS_OF, new BigDecimal("100.00"));

    @ParameterizedTest
    @EnumSource(RuleKind.class)
    void everyKindHasItsSqlInTheCaseOfItsScopeAndIsFalseInTheOther(RuleKind kind) {
        RuleKind.Scope other = kind.scope() == RuleKind.Scope.LOAN ? RuleKind.Scope.DEBTOR : RuleKind.Scope.LOAN;

        assertThat(kind.sql()).isNotBlank().doesNotContain("%");
        assertThat(RuleKind.sqlCase(kind.scope())).contains("WHEN '" + kind.name() + "' THEN (" + kind.sql() + ")");
        assertThat(RuleKind.sqlCase(other)).contains("WHEN '" + kind.name() + "' THEN false");
    }

    @ParameterizedTest
    @EnumSource(RuleKind.class)
    void everyKindHasTheJavaPredicateOfItsScope(RuleKind kind) {
        if (kind.scope() == RuleKind.Scope.LOAN) {
            assertThatCode(() -> kind.holds(BigDecimal.ZERO, AS_OF, FACTS)).doesNotThrowAnyException();
            assertThatThrownBy(() -> kind.holdsForDebtor(BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE))
                    .isInstanceOf(UnsupportedOperationException.class);
        } else {
            assertThatCode(() -> kind.holdsForDebtor(BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE)).doesNotThrowAnyException();
            assertThatThrownBy(() -> kind.holds(BigDecimal.ZERO, AS_OF, FACTS)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RuleKind.Scope.class)
    void aKindTheEnumDoesNotKnowFailsTheStatementInsteadOfBeingIgnored(RuleKind.Scope scope) {
        assertThat(RuleKind.sqlCase(scope)).doesNotContain("ELSE false")
                .endsWith("ELSE CAST('unknown rule kind ' || r.kind AS boolean)\nEND");
    }
}
