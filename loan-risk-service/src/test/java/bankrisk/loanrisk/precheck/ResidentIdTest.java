package bankrisk.loanrisk.precheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResidentIdTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    @Test
    void theWellKnownExampleIsValidAndItsCheckCharacterIsX() {
        // 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2 -> 'X'.
        assertThat(ResidentId.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentId.defect("11010519491231002X", TODAY)).isEmpty();
        assertThat(ResidentId.defect("11010519491231002x", TODAY)).isEmpty();
        assertThat(ResidentId.birthDate("11010519491231002X")).contains(LocalDate.of(1949, 12, 31));
    }

    @Test
    void everyRemainderMapsToItsCheckCharacter() {
        // 17 zeros and a last digit d: the sum is 2·d, so d = 0..5 gives remainders 0, 2, 4, 6, 8, 10.
        assertThat(ResidentId.checkCharacter("00000000000000000")).isEqualTo('1');
        assertThat(ResidentId.checkCharacter("00000000000000001")).isEqualTo('X');
        assertThat(ResidentId.checkCharacter("00000000000000002")).isEqualTo('8');
        assertThat(ResidentId.checkCharacter("00000000000000003")).isEqualTo('6');
        assertThat(ResidentId.checkCharacter("00000000000000004")).isEqualTo('4');
        assertThat(ResidentId.checkCharacter("00000000000000005")).isEqualTo('2');
        // first digit d: sum 7·d; d = 1 -> 7 -> '5'; d = 3 -> 21 -> 10 -> '2'.
        assertThat(ResidentId.checkCharacter("10000000000000000")).isEqualTo('5');
        assertThat(ResidentId.checkCharacter("30000000000000000")).isEqualTo('2');
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "110105194912310021, CHECK_DIGIT",
            "110105194912310029, CHECK_DIGIT",
            "11010519491231002, MALFORMED",
            "11010519491231002XX, MALFORMED",
            "1101051949123100AX, MALFORMED",
            "'', MALFORMED",
            "11010519490230002X, CHECK_DIGIT" })
    void invalidIdsAreRejectedWithTheirDefect(String id, ResidentId.Defect defect) {
        assertThat(ResidentId.defect(id, TODAY)).contains(defect);
    }

    @Test
    void aCorrectCheckCharacterOnAnImpossibleBirthDateIsABirthDateDefect() {
        String feb30 = "11010519490230002";
        String future = "11010520990101002";

        assertThat(ResidentId.defect(feb30 + ResidentId.checkCharacter(feb30), TODAY)).contains(ResidentId.Defect.BIRTH_DATE);
        assertThat(ResidentId.defect(future + ResidentId.checkCharacter(future), TODAY)).contains(ResidentId.Defect.BIRTH_DATE);
    }
}
