package bankrisk.cli.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import bank.loanrisk.v1.BorrowerKind;
import bank.loanrisk.v1.CollateralKind;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.Product;
import bank.tiering.v1.AssetType;
import bank.tiering.v1.Balance;
import bank.tiering.v1.FxRate;

class CsvParsingTest {

    static <T> List<T> read(String text, Set<String> required, Set<String> optional, Function<CsvReader.Row, T> parser) throws IOException {
        List<T> out = new ArrayList<>();
        try (CsvReader r = CsvReader.of("test.csv", new BufferedReader(new StringReader(text)), required, optional)) {
            for (CsvReader.Row row = r.next(); row != null; row = r.next()) {
                out.add(parser.apply(row));
            }
        }
        return out;
    }

    static List<Balance> balances(String text) throws IOException {
        return read(text, BalanceCsv.COLUMNS, Set.of(), BalanceCsv::parse);
    }

    @Test
    void balancesAreReadByHeaderNameInAnyOrderWithCommentsAndBlankLinesSkipped() throws IOException {
        List<Balance> rows = balances("""
                # exported 2026-11-01
                amount,currency,customer_number,account_id,asset_type,balance_date
                50000.00,CNY,C000001,C000001-D,deposit,2026-10-01

                "1234567.5",USD,C000002,"C000002-U",WEALTH_MANAGEMENT,2026-10-31
                """);
        assertThat(rows).hasSize(2);
        Balance first = rows.get(0);
        assertThat(first.getCustomerNumber()).isEqualTo("C000001");
        assertThat(first.getAssetType()).isEqualTo(AssetType.ASSET_TYPE_DEPOSIT);
        assertThat(first.getBalance().getAmount()).isEqualTo("50000.00");
        assertThat(first.getBalanceDate().getDay()).isEqualTo(1);
        assertThat(rows.get(1).getBalance().getAmount()).isEqualTo("1234567.5");
        assertThat(rows.get(1).getBalance().getCurrencyCode()).isEqualTo("USD");
        assertThat(rows.get(1).getAssetType()).isEqualTo(AssetType.ASSET_TYPE_WEALTH_MANAGEMENT);
    }

    @Test
    void aBadValueNamesTheFileLineAndColumn() {
        String csv = BalanceCsv.HEADER + "\nC1,A1,DEPOSIT,2026-10-01,10.00,CNY\nC1,A1,DEPOSIT,2026-10-02,10.001,CNY\n";
        assertThatThrownBy(() -> balances(csv)).isInstanceOf(CsvException.class)
                .hasMessage("test.csv:3: column amount: '10.001' is not an amount such as 1234.56 (not negative, at most 2 decimals, no separators)")
                .extracting(e -> ((CsvException) e).line()).isEqualTo(3L);
        assertThatThrownBy(() -> balances(BalanceCsv.HEADER + "\nC1,A1,DEPOSIT,2026-10-01,-5,CNY\n")).hasMessageContaining("test.csv:2: column amount");
        assertThatThrownBy(() -> balances(BalanceCsv.HEADER + "\nC1,A1,CASH,2026-10-01,5,CNY\n"))
                .hasMessage("test.csv:2: column asset_type: 'CASH' is not one of DEPOSIT, WEALTH_MANAGEMENT, FUND, INSURANCE, PRECIOUS_METAL, OTHER");
        assertThatThrownBy(() -> balances(BalanceCsv.HEADER + "\nC1,A1,DEPOSIT,2026-10-32,5,CNY\n"))
                .hasMessage("test.csv:2: column balance_date: '2026-10-32' is not a date yyyy-mm-dd");
        assertThatThrownBy(() -> balances(BalanceCsv.HEADER + "\nC1,A1,DEPOSIT,2026-10-01,5,yuan\n"))
                .hasMessage("test.csv:2: column currency: 'yuan' is not an ISO 4217 code such as CNY");
        assertThatThrownBy(() -> balances(BalanceCsv.HEADER + "\nC1,A1,DEPOSIT,2026-10-01,5\n"))
                .hasMessage("test.csv:2: expected 6 fields, found 5");
        assertThatThrownBy(() -> balances(BalanceCsv.HEADER + "\n,A1,DEPOSIT,2026-10-01,5,CNY\n"))
                .hasMessage("test.csv:2: column customer_number: is required");
        assertThatThrownBy(() -> balances(BalanceCsv.HEADER + "\n\"C1,A1,DEPOSIT,2026-10-01,5,CNY\n"))
                .hasMessage("test.csv:2: unterminated quote");
    }

    @Test
    void theHeaderMustNameEveryRequiredColumnAndNoUnknownOne() {
        assertThatThrownBy(() -> balances("customer_number,account_id,asset_type,balance_date,amount\n"))
                .hasMessage("test.csv:1: missing column(s) currency in the header row");
        assertThatThrownBy(() -> balances(BalanceCsv.HEADER + ",note\n")).hasMessageStartingWith("test.csv:1: unknown column 'note'");
        assertThatThrownBy(() -> balances("")).hasMessageStartingWith("test.csv:1: empty file");
        assertThatThrownBy(() -> balances(BalanceCsv.HEADER + ",amount\n")).hasMessage("test.csv:1: column 'amount' appears twice")
                .satisfies(e -> assertThat(e).isInstanceOf(CsvException.class));
    }

    @Test
    void fxRatesMustBePositiveAndBetweenTwoCurrencies() throws IOException {
        List<FxRate> rates = read(FxRateCsv.HEADER + "\nUSD,CNY,2026-10-01,7.1025\n", FxRateCsv.COLUMNS, Set.of(), FxRateCsv::parse);
        assertThat(rates.get(0).getRate().getValue()).isEqualTo("7.1025");
        assertThatThrownBy(() -> read(FxRateCsv.HEADER + "\nUSD,CNY,2026-10-01,0\n", FxRateCsv.COLUMNS, Set.of(), FxRateCsv::parse))
                .hasMessage("test.csv:2: column rate: must be greater than 0");
        assertThatThrownBy(() -> read(FxRateCsv.HEADER + "\nCNY,CNY,2026-10-01,1\n", FxRateCsv.COLUMNS, Set.of(), FxRateCsv::parse))
                .hasMessage("test.csv:2: column base_currency: must differ from currency");
    }

    static List<LoadLoanFactsRequest> facts(String text) throws IOException {
        return read(text, LoanFactsCsv.REQUIRED, LoanFactsCsv.OPTIONAL, LoanFactsCsv::parse);
    }

    @Test
    void loanFactsNeedOnlyIdDateAndBalanceAndRegisterTheLoanWhenBookDataIsGiven() throws IOException {
        List<LoadLoanFactsRequest> rows = facts("""
                loan_id,as_of,outstanding_balance,days_past_due_principal
                L1,2026-10-31,1000.00,95
                """);
        LoadLoanFactsRequest only = rows.get(0);
        assertThat(only.hasLoan()).isFalse();
        assertThat(only.getDaysPastDuePrincipal()).isEqualTo(95);
        assertThat(only.getOutstandingBalance().getCurrencyCode()).isEqualTo("CNY");
        assertThat(only.getCollateralValue().getAmount()).isEqualTo("0");
        assertThat(only.hasRestructuredOn()).isFalse();

        List<LoadLoanFactsRequest> full = facts("""
                loan_id,as_of,outstanding_balance,collateral_value,borrower_customer_number,borrower_kind,product,branch_code,principal,origination_date,maturity_date,collateral_kind,guaranteed,restructured_on,observation_end,restructured_for_financial_difficulty,overdue_elsewhere_share
                L2,2026-10-31,5000000.00,2000000.00,CORP-0001,NON_RETAIL,corporate_working_capital,BR001,6000000.00,2024-01-15,2027-01-15,RECEIVABLES,yes,2026-08-01,2028-02-01,true,0.35
                """);
        LoadLoanFactsRequest r = full.get(0);
        assertThat(r.getLoan().getBorrowerKind()).isEqualTo(BorrowerKind.BORROWER_KIND_NON_RETAIL);
        assertThat(r.getLoan().getProduct()).isEqualTo(Product.PRODUCT_CORPORATE_WORKING_CAPITAL);
        assertThat(r.getLoan().getCollateralKind()).isEqualTo(CollateralKind.COLLATERAL_KIND_RECEIVABLES);
        assertThat(r.getLoan().getCollateralValue().getAmount()).isEqualTo("2000000.00");
        assertThat(r.getLoan().getGuaranteed()).isTrue();
        assertThat(r.getRestructuredForFinancialDifficulty()).isTrue();
        assertThat(r.getObservationEnd().getYear()).isEqualTo(2028);
        assertThat(r.getOverdueElsewhereShare().getValue()).isEqualTo("0.35");
    }

    @Test
    void loanFactsErrorsNameTheLine() {
        assertThatThrownBy(() -> facts("loan_id,as_of,outstanding_balance,restructured_on\nL1,2026-10-31,1.00,\nL2,2026-10-31,1.00,2026-09-01\n"))
                .hasMessage("test.csv:3: column observation_end: is required with restructured_on, and only with it");
        assertThatThrownBy(() -> facts("loan_id,as_of,outstanding_balance,ecl_ratio\nL1,2026-10-31,1.00,1.5\n"))
                .hasMessage("test.csv:2: column ecl_ratio: '1.5' must be between 0 and 1");
        assertThatThrownBy(() -> facts("loan_id,as_of,outstanding_balance,days_past_due_principal\nL1,2026-10-31,1.00,40000\n"))
                .hasMessage("test.csv:2: column days_past_due_principal: 40000 is not between 0 and 36500");
        assertThatThrownBy(() -> facts("loan_id,as_of,outstanding_balance,credit_impaired\nL1,2026-10-31,1.00,maybe\n"))
                .hasMessage("test.csv:2: column credit_impaired: 'maybe' is not true/false");
        assertThatThrownBy(() -> facts("loan_id,as_of\n")).hasMessage("test.csv:1: missing column(s) outstanding_balance in the header row");
    }

    @Test
    void whatTheDemoWritesReadsBackUnchanged() throws IOException {
        String line = "L00000001,2026-10-31,CNY,250000.12,300000.00,95,65,C000042,RETAIL,PERSONAL_MORTGAGE,BR003,300000.00,2020-01-01,"
                + "2045-01-01,REAL_ESTATE,,2026-08-01,true,2028-02-01,true,true,0.55,,true,,,2026-03-31,7";
        LoadLoanFactsRequest r = facts(LoanFactsCsv.HEADER + "\n" + line + "\n").get(0);
        assertThat(LoanFactsCsv.format(r)).isEqualTo(line);
        String balance = "C000001,C000001-U,DEPOSIT,2026-10-05,7042.25,USD";
        assertThat(BalanceCsv.format(balances(BalanceCsv.HEADER + "\n" + balance + "\n").get(0))).isEqualTo(balance);
    }
}
