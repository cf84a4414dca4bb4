package bankrisk.api.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;

import bank.common.v1.Date;
import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.error.Violations;

class DatesTest {

    @Test
    void roundTripsALeapDay() {
        Violations violations = new Violations();
        Date leapDay = Dates.toDate(LocalDate.of(2024, 2, 29));

        assertThat(Dates.parse(leapDay, "as_of", violations)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void rejectsImpossibleMissingAndOutOfRangeDates() {
        Violations violations = new Violations();

        assertThat(Dates.parse(Date.newBuilder().setYear(2023).setMonth(2).setDay(29).build(), "a", violations)).isNull();
        assertThat(Dates.parse(Date.getDefaultInstance(), "b", violations)).isNull();
        assertThat(Dates.parse(Date.newBuilder().setYear(10000).setMonth(1).setDay(1).build(), "c", violations)).isNull();
        assertThatThrownBy(violations::throwIfAny)
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("a: 2023-2-29 is not a calendar date; b: is required; c.year: must be between 1900 and 9999");
    }

    @Test
    void readsMonths() {
        Violations violations = new Violations();

        assertThat(Dates.parse(Dates.toYearMonth(YearMonth.of(2024, 2)), "month", violations)).isEqualTo(YearMonth.of(2024, 2));
        assertThat(Dates.parse(bank.common.v1.YearMonth.newBuilder().setYear(2024).setMonth(13).build(), "month", violations)).isNull();
        assertThatThrownBy(violations::throwIfAny).hasMessage("month.month: must be between 1 and 12");
    }
}
