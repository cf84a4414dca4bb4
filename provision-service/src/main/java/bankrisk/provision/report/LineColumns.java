package bankrisk.provision.report;

import java.util.List;
import java.util.function.Function;

import bankrisk.provision.run.ProvisionLine;

/**
 * The columns of a run's per-loan lines in the downloads (lines.csv and the workbook's "Lines / 明细" sheet), one
 * list so both files read alike. Titles are English with the Chinese term beside it; every amount is in the run's
 * currency (the currency column repeats it so a line on its own says so).
 */
public final class LineColumns {

    /** How a cell is written: text, a whole number, an amount at the fen, or a fraction (rate, PD, LGD). */
    public enum Kind {
        TEXT, COUNT, AMOUNT, FRACTION
    }

    /** One column: its title and its value for a line of a run in {@code currency}. */
    public record Column(String title, Kind kind, Function<Cells, Object> value) {
    }

    /** A line with the run's currency. */
    public record Cells(ProvisionLine line, String currency) {
    }

    public static final List<Column> COLUMNS = List.of(
            new Column("loan_id (贷款编号)", Kind.TEXT, c -> c.line().loan().loanId()),
            new Column("customer_number (借款人客户号)", Kind.TEXT, c -> c.line().loan().customerNumber()),
            new Column("borrower_kind (借款人类型)", Kind.TEXT, c -> c.line().loan().borrowerKind()),
            new Column("product (产品)", Kind.TEXT, c -> c.line().loan().product()),
            new Column("branch_code (机构)", Kind.TEXT, c -> c.line().loan().branchCode()),
            new Column("currency (币种)", Kind.TEXT, Cells::currency),
            new Column("category (五级分类)", Kind.TEXT, c -> c.line().loan().category().name()),
            new Column("days_past_due (逾期天数)", Kind.COUNT, c -> c.line().loan().daysPastDue()),
            new Column("balance (贷款余额)", Kind.AMOUNT, c -> c.line().loan().balance()),
            new Column("collateral_kind (押品类型)", Kind.TEXT, c -> c.line().loan().collateralKind().name()),
            new Column("collateral_value (押品价值)", Kind.AMOUNT, c -> c.line().loan().collateralValue()),
            new Column("base (计提基数)", Kind.AMOUNT, c -> c.line().base()),
            new Column("collateral_netted (扣减押品)", Kind.AMOUNT, c -> c.line().collateralNetted()),
            new Column("rate (计提比例)", Kind.FRACTION, c -> c.line().rate()),
            new Column("specific_provision (专项准备)", Kind.AMOUNT, c -> c.line().provision()),
            new Column("ecl_stage (减值阶段)", Kind.COUNT, c -> c.line().ecl().stage()),
            new Column("ecl_pd (违约概率)", Kind.FRACTION, c -> c.line().ecl().pd()),
            new Column("ecl_lgd (违约损失率)", Kind.FRACTION, c -> c.line().ecl().lgd()),
            new Column("ecl (预期信用损失)", Kind.AMOUNT, c -> c.line().ecl().ecl()));

    private LineColumns() {
    }

    public static Object[] titles() {
        return COLUMNS.stream().map(Column::title).toArray();
    }

    public static Object[] values(ProvisionLine line, String currency) {
        Cells cells = new Cells(line, currency);
        return COLUMNS.stream().map(c -> c.value().apply(cells)).toArray();
    }
}
