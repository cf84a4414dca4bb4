package bankrisk.tiering.average;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import bankrisk.common.error.FailedPreconditionException;
import bankrisk.tiering.balance.AssetType;
import bankrisk.tiering.balance.BalanceRow;

class MonthlyAverageTest {

    private final List<BalanceRow> rows = new ArrayList<>();
    private final Map<String, BigDecimal> rates = new HashMap<>();
    private final Map<AssetType, BigDecimal> weights = new HashMap<>();

    @Test
    void leapFebruaryDividesBy29AndCarriesTheJanuaryBalanceForward() {
        row("C1", "A1", "2024-01-20", "CNY", "1000.00");
        row("C1", "A1", "2024-02-10", "CNY", "2000.00");

        // 9 days x 1,000 + 20 days x 2,000 = 49,000; / 29 = 1,689.655... -> 1,689.66
        assertThat(average(YearMonth.of(2024, 2))).containsExactly(entry("C1", new BigDecimal("1689.66")));
    }

    @Test
    void commonFebruaryDividesBy28() {
        row("C1", "A1", "2023-01-20", "CNY", "1000.00");
        row("C1", "A1", "2023-02-10", "CNY", "2000.00");

        // 9 x 1,000 + 19 x 2,000 = 47,000; / 28 = 1,678.5714... -> 1,678.57
        assertThat(average(YearMonth.of(2023, 2))).containsExactly(entry("C1", new BigDecimal("1678.57")));
    }

    @Test
    void anAccountOpenedMidMonthCountsZeroBeforeItsFirstRow() {
        row("C1", "A1", "2024-04-16", "CNY", "30000.00");

        // 15 of 30 days at 30,000
        assertThat(average(YearMonth.of(2024, 4))).containsExactly(entry("C1", new BigDecimal("15000.00")));
    }

    @Test
    void aZeroRowClosesAnAccountAndAllAccountsOfACustomerAddUp() {
        row("C1", "A1", "2024-03-31", "CNY", "60000.00");
        row("C1", "A1", "2024-04-11", "CNY", "0.00");
        row("C1", "A2", "2024-04-01", "CNY", "45000.00");
        row("C2", "B1", "2024-04-01", "CNY", "1.00");

        // A1: 10 days x 60,000 = 600,000; A2: 30 x 45,000 = 1,350,000; (600,000 + 1,350,000) / 30 = 65,000
        assertThat(average(YearMonth.of(2024, 4)))
                .containsExactly(entry("C1", new BigDecimal("65000.00")), entry("C2", new BigDecimal("1.00")));
    }

    @Test
    void foreignBalancesAreConvertedAtEachDaysRate() {
        row("C1", "A1", "2024-03-01", "CNY", "10000.00");
        row("C1", "U1", "2024-02-28", "USD", "100.00");
        for (int day = 1; day <= 31; day++) {
            rate("USD", LocalDate.of(2024, 3, day), day <= 15 ? "7.10000000" : "7.20000000");
        }

        // 31 x 10,000 + 100 x (15 x 7.1 + 16 x 7.2) = 310,000 + 22,170 = 332,170; / 31 = 10,715.161... -> 10,715.16
        assertThat(average(YearMonth.of(2024, 3))).containsExactly(entry("C1", new BigDecimal("10715.16")));
    }

    @Test
    void roundsOnceAtTheEndHalfUp() {
        row("C1", "A1", "2024-04-30", "CNY", "30.15");
        // 30.15 / 30 = 1.005 exactly: half-up gives 1.01 (half-even would give 1.00)
        assertThat(average(YearMonth.of(2024, 4))).containsEntry("C1", new BigDecimal("1.01"));

        rows.clear();
        row("C2", "U1", "2024-02-29", "USD", "1.00");
        row("C2", "U2", "2024-02-29", "USD", "1.00");
        for (int day = 1; day <= 31; day++) {
            rate("USD", LocalDate.of(2024, 3, day), "0.00400000");
        }
        // 2 accounts x 0.004 a day: rounding per account or per day would give 0.00; exactly it is 0.008 -> 0.01
        assertThat(average(YearMonth.of(2024, 3))).containsExactly(entry("C2", new BigDecimal("0.01")));
    }

    @Test
    void aMissingRateFailsNamingTheCurrencyAndTheFirstDay() {
        row("C1", "U1", "2024-03-01", "USD", "100.00");
        row("C1", "E1", "2024-03-20", "EUR", "0.00");
        for (int day = 1; day <= 31; day++) {
            if (day != 17) {
                rate("USD", LocalDate.of(2024, 3, day), "7.10000000");
            }
        }

        // The EUR account holds 0 and needs no rate; the USD one lacks 17 March.
        assertThatThrownBy(() -> average(YearMonth.of(2024, 3)))
                .isInstanceOfSatisfying(FailedPreconditionException.class, e -> {
                    assertThat(e.reason()).isEqualTo("FX_RATE_MISSING");
                    assertThat(e.getMessage()).startsWith("no FX rate USD->CNY for 2024-03-17");
                });
    }

    @Test
    void assetWeightsApplyBeforeSummingAndDefaultToOne() {
        weights.put(AssetType.FUND, new BigDecimal("0.8"));
        row("C1", "F1", "2024-03-01", AssetType.FUND, "CNY", "100000.00");
        row("C1", "D1", "2024-03-01", AssetType.DEPOSIT, "CNY", "20000.00");

        assertThat(average(YearMonth.of(2024, 3))).containsExactly(entry("C1", new BigDecimal("100000.00")));
    }

    @Test
    void rowsAfterTheMonthAreIgnoredAndAnEmptiedCustomerStaysAtZero() {
        row("C1", "A1", "2024-01-05", "CNY", "500.00");
        row("C1", "A1", "2024-01-31", "CNY", "0.00");
        row("C2", "B1", "2024-03-01", "CNY", "900.00");

        assertThat(average(YearMonth.of(2024, 2))).containsExactly(entry("C1", new BigDecimal("0.00")));
    }

    private Map<String, BigDecimal> average(YearMonth month) {
        return MonthlyAverage.averages(month, "CNY", weights, rows,
                (currency, day) -> Optional.ofNullable(rates.get(currency + day)));
    }

    private void row(String customer, String account, String date, String currency, String balance) {
        row(customer, account, date, AssetType.DEPOSIT, currency, balance);
    }

    private void row(String customer, String account, String date, AssetType type, String currency, String balance) {
        rows.add(new BalanceRow(customer, account, type, LocalDate.parse(date), currency, new BigDecimal(balance)));
    }

    private void rate(String currency, LocalDate day, String rate) {
        rates.put(currency + day, new BigDecimal(rate));
    }
}
