package bankrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import bank.common.v1.Date;
import bank.common.v1.Decimal;
import bank.common.v1.Money;
import bank.common.v1.YearMonth;
import bank.loanrisk.v1.LoanCategory;
import bank.provision.v1.CategoryTotal;
import bank.provision.v1.EclComparison;
import bank.provision.v1.LargerAmount;
import bank.provision.v1.ProvisionRun;
import bank.provision.v1.RegulatoryRatios;
import bank.provision.v1.RunInputs;
import bank.tiering.v1.TierBucket;
import bank.tiering.v1.TierDistribution;

class SummariesTest {

    static Money cny(String amount) {
        return Money.newBuilder().setAmount(amount).setCurrencyCode("CNY").build();
    }

    static Decimal dec(String v) {
        return Decimal.newBuilder().setValue(v).build();
    }

    @Test
    void amountsAreGroupedAndRatiosShownAsPercentHalfUp() {
        assertThat(Summaries.money(cny("1234567.8"))).isEqualTo("1,234,567.80");
        assertThat(Summaries.money(cny("0.00"))).isEqualTo("0.00");
        assertThat(Summaries.percent(dec("0.01234567"))).isEqualTo("1.23 %");
        assertThat(Summaries.percent(dec("0.02125000"))).isEqualTo("2.13 %");
        assertThat(Summaries.percent(dec("1.50000000"))).isEqualTo("150.00 %");
        assertThat(Summaries.share(1, 3)).isEqualTo("33.3 %");
        assertThat(Summaries.share(1, 0)).isEqualTo("-");
    }

    @Test
    void tierDistributionListsEveryBucketWithItsShareAlignedByDisplayWidth() {
        TierDistribution d = TierDistribution.newBuilder()
                .setMonth(YearMonth.newBuilder().setYear(2026).setMonth(10)).setSchemeVersion(1).setCustomers(6)
                .addBuckets(TierBucket.newBuilder().setTierCode("XINRAN").setTierName("欣然").setCustomers(3)
                        .setTotalAverageBalance(cny("240000.00")))
                .addBuckets(TierBucket.newBuilder().setTierCode("PRIVATE").setTierName("私人銀行").setCustomers(2)
                        .setTotalAverageBalance(cny("16000000.00")))
                .addBuckets(TierBucket.newBuilder().setCustomers(1).setTotalAverageBalance(cny("100.00")))
                .setTotalAverageBalance(cny("16240100.00")).build();
        // The name column is as wide as its widest cell on a terminal: "无等级 below the lowest tier" = 3 wide
        // characters (6 columns) + 22 Latin = 28 columns; 欣然 takes 4 columns, 私人銀行 8, so they get 24 and 20
        // spaces. Every number column then starts at the same terminal column.
        assertThat(Summaries.tierDistribution(d).lines()).containsExactly(
                "Tier distribution 2026-10 (scheme v1), 6 customers",
                "  tier       name                          customers    share    total average balance",
                "  XINRAN     欣然                                  3   50.0 %           240,000.00 CNY",
                "  PRIVATE    私人銀行                              2   33.3 %        16,000,000.00 CNY",
                "  (none)     无等级 below the lowest tier          1   16.7 %               100.00 CNY");
        assertThat(Summaries.tierDistribution(d).lines().skip(1).map(DisplayWidth::of).distinct())
                .as("every line of the table is equally wide on a terminal").containsExactly(86);
    }

    @Test
    void provisionRunShowsTheFiveCategoriesTotalsAndFlagsBreaches() {
        ProvisionRun run = ProvisionRun.newBuilder().setRunId(7)
                .setInputs(RunInputs.newBuilder().setPolicyCode("PBOC-2002").setPolicyVersion(1).setCurrencyCode("CNY")
                        .setAsOf(Date.newBuilder().setYear(2026).setMonth(10).setDay(31)))
                .setLoanCount(2).setTotalBalance(cny("1000.00")).setNplBalance(cny("200.00"))
                .setSpecificProvision(cny("50.00")).setGeneralReserve(cny("10.00")).setAllowance(cny("60.00"))
                .addCategories(CategoryTotal.newBuilder().setCategory(LoanCategory.LOAN_CATEGORY_NORMAL).setLoanCount(1)
                        .setBalance(cny("800.00")).setSpecificProvision(cny("0.00")).setEcl(cny("3.60")))
                .addCategories(CategoryTotal.newBuilder().setCategory(LoanCategory.LOAN_CATEGORY_SUBSTANDARD).setLoanCount(1)
                        .setBalance(cny("200.00")).setSpecificProvision(cny("50.00")).setEcl(cny("90.00")))
                .setRatios(RegulatoryRatios.newBuilder().setNplRatio(dec("0.20000000")).setNplRatioMax(dec("0.05"))
                        .setNplRatioBreached(true).setCoverageRatio(dec("0.30000000")).setCoverageApplicable(true)
                        .setCoverageMin(dec("1.50")).setCoverageBreached(true).setLoanProvisionRatio(dec("0.06000000"))
                        .setLoanProvisionRatioMin(dec("0.025")).setLoanProvisionRatioBreached(false)
                        .setRequiredAllowance(cny("300.00")).setShortfall(cny("240.00")))
                .setEcl(EclComparison.newBuilder().setEcl(cny("93.60")).setRegulatoryAllowance(cny("60.00"))
                        .setLarger(LargerAmount.LARGER_AMOUNT_ECL))
                .build();
        String text = Summaries.provisionRun(run);
        assertThat(text).startsWith("Provision run 7: PBOC-2002 v1 as of 2026-10-31, 2 loans, book 1,000.00 CNY");
        assertThat(text).contains("  Substandard             1                 200.00   20.0 %                50.00                90.00");
        assertThat(text).contains("  total                   2               1,000.00  100.0 %                50.00                93.60");
        assertThat(text).contains("  allowance                         60.00 CNY");
        assertThat(text).contains("  ECL (IFRS 9)                      93.60 CNY (larger: ECL)");
        assertThat(text).contains("  NPL ratio               20.00 %  max   5.00 %  BREACH");
        assertThat(text).contains("  coverage ratio          30.00 %  min 150.00 %  BREACH");
        assertThat(text).contains("  loan provision ratio     6.00 %  min   2.50 %  ok");
        assertThat(text).contains("  required allowance               300.00 CNY, shortfall 240.00 CNY");
    }

    @Test
    void coverageWithoutNplIsNotApplicable() {
        ProvisionRun run = ProvisionRun.newBuilder()
                .setRatios(RegulatoryRatios.newBuilder().setNplRatio(dec("0")).setNplRatioMax(dec("0.05"))
                        .setCoverageRatio(dec("0.00000000")).setCoverageApplicable(false).setCoverageMin(dec("1.5"))
                        .setLoanProvisionRatio(dec("0.01")).setLoanProvisionRatioMin(dec("0.025")).setLoanProvisionRatioBreached(true))
                .build();
        String text = Summaries.provisionRun(run);
        assertThat(text).contains("  coverage ratio              n/a  min 150.00 %  no NPL");
        assertThat(text).contains("  loan provision ratio     1.00 %  min   2.50 %  BREACH");
    }
}
