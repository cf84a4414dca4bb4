package bankrisk.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentitiesTest {

    @Test
    void loginsDifferingOnlyInCaseAreOnePerson() {
        assertThat(Identities.samePerson("Bob", "bob")).isTrue();
        assertThat(Identities.samePerson("alice@BANK.cn", "Alice@bank.CN")).isTrue();
    }

    @Test
    void fullWidthLettersTypedWithAChineseInputMethodAreTheSameLetters() {
        assertThat(Identities.samePerson("ｂｏｂ", "Bob")).isTrue();
        assertThat(Identities.samePerson("ＢＯＢ＠ｂａｎｋ．ｃｎ", "bob@bank.cn")).isTrue();
    }

    @Test
    void caseFoldingGoesBeyondOneCharacterForAnother() {
        // Upper then lower: "ß" becomes "SS" then "ss"; a folding that errs towards "same person" only refuses approvals.
        assertThat(Identities.samePerson("Strauß", "STRAUSS")).isTrue();
    }

    @Test
    void differentLoginsStayDifferent() {
        assertThat(Identities.samePerson("bob", "bobby")).isFalse();
        assertThat(Identities.samePerson("bob", " bob")).isFalse();
        assertThat(Identities.samePerson("bob", null)).isFalse();
        assertThat(Identities.samePerson(null, null)).isFalse();
    }

    @Test
    void theKeyIsWhatPerCallerLimitsCount() {
        assertThat(Identities.key("Auditor-Cap")).isEqualTo(Identities.key("AUDITOR-CAP")).isEqualTo("auditor-cap");
    }
}
