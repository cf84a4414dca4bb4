package bankrisk.provision.report.returns;

import static bankrisk.provision.report.returns.ReturnDocument.Kind.COUNT;
import static bankrisk.provision.report.returns.ReturnDocument.Kind.RATIO;
import static bankrisk.provision.report.returns.ReturnDocument.Kind.TEXT;
import static bankrisk.provision.report.returns.ReturnDocument.Kind.WAN;
import static bankrisk.provision.report.returns.ReturnDocument.Kind.YUAN;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import bankrisk.common.money.Amounts;
import bankrisk.provision.label.Labels;
import bankrisk.provision.label.Lang;
import bankrisk.provision.policy.LoanCategory;
import bankrisk.provision.report.returns.ReturnDocument.Column;
import bankrisk.provision.report.returns.ReturnDocument.Kind;
import bankrisk.provision.report.returns.ReturnDocument.Table;
import bankrisk.provision.returns.Cell;
import bankrisk.provision.returns.FormCheck;
import bankrisk.provision.returns.G11;
import bankrisk.provision.returns.G11Grid;
import bankrisk.provision.returns.G12;
import bankrisk.provision.returns.G12Matrix;
import bankrisk.provision.returns.G13;
import bankrisk.provision.returns.ReturnRatio;
import bankrisk.provision.run.SnapshotHeader;

/** Lays the returns out for people in one language; every word comes from {@link Labels}. */
public final class ReturnDocuments {

    private ReturnDocuments() {
    }

    public static ReturnDocument g11(G11 g11, Lang lang) {
        List<String[]> header = snapshotHeader(g11.snapshot(), lang);
        header.add(field("RUN", Long.toString(g11.runId()), lang));
        header.add(field("GENERAL_RESERVE", Amounts.round(g11.generalReserve()).toPlainString(), lang));
        header.add(field("ALLOWANCE", Amounts.round(g11.allowance()).toPlainString(), lang));
        List<Table> tables = new ArrayList<>();
        tables.add(g11Table(g11.grid(), "BALANCE_WAN", WAN, cell -> Amounts.toWan(cell.balance()), lang));
        tables.add(g11Table(g11.grid(), "BALANCE_YUAN", YUAN, Cell::balance, lang));
        tables.add(g11Table(g11.grid(), "COUNT", COUNT, Cell::count, lang));
        tables.add(g11Table(g11.grid(), "ALLOWANCE_WAN", WAN, cell -> Amounts.toWan(cell.allowance()), lang));
        tables.add(g11Table(g11.grid(), "ALLOWANCE_YUAN", YUAN, Cell::allowance, lang));
        var npl = g11.nplRecognition();
        List<List<Object>> overdue = List.of(cellRow("OVERDUE_OVER_90", npl.over90(), lang), cellRow("OVERDUE_OVER_60", npl.over60(), lang),
                cellRow("NPL", npl.npl(), lang));
        tables.add(new Table(Labels.get("NPL_CHECK_TITLE", lang), List.of(col("ROW", TEXT, lang), col("COUNT", COUNT, lang),
                col("BALANCE_WAN", WAN, lang), col("BALANCE_YUAN", YUAN, lang)), overdue));
        tables.add(ratios(npl.ratios(), "NPL_CHECK_TITLE", lang));
        List<List<Object>> unrecognised = npl.over90NotNpl().stream().map(loan -> List.<Object> of(loan.loanId(), loan.customerNumber(),
                Labels.category(loan.category(), lang), (long) loan.daysPastDue(), loan.balance())).toList();
        tables.add(new Table(Labels.get("OVER_90_NOT_NPL", lang) + " (" + npl.over90NotNplCount() + ")", List.of(col("LOAN_ID", TEXT, lang),
                col("CUSTOMER_NUMBER", TEXT, lang), col("CATEGORY", TEXT, lang), col("DAYS_PAST_DUE", COUNT, lang), col("BALANCE_YUAN", YUAN, lang)),
                unrecognised));
        tables.add(checks(g11.checks(), lang));
        return new ReturnDocument("G11", Labels.get("G11_TITLE", lang), header, tables,
                List.of(Labels.get("NOTE_ALLOWANCE", lang), Labels.get("NOTE_NOT_APPLICABLE", lang)));
    }

    public static ReturnDocument g12(G12 g12, Lang lang) {
        List<String[]> header = new ArrayList<>();
        header.add(field("YEAR_START", g12.yearStart().asOf() + " (" + g12.yearStart().snapshotId() + ")", lang));
        header.add(field("AS_OF", g12.periodEnd().asOf() + " (" + g12.periodEnd().snapshotId() + ")", lang));
        header.add(field("RULE_SET", g12.periodEnd().ruleSetVersion(), lang));
        header.add(field("CURRENCY", g12.periodEnd().currencyCode(), lang));
        header.add(field("UNIT", Labels.get("UNIT_VALUE", lang), lang));
        G12Matrix m = g12.matrix();
        List<Table> tables = new ArrayList<>();
        tables.add(matrix(m, "BALANCE_WAN", WAN, Amounts::toWan, lang));
        tables.add(matrix(m, "BALANCE_YUAN", YUAN, amount -> amount, lang));
        List<Column> decreaseColumns = List.of(col("YEAR_START", TEXT, lang), col("REPAID", YUAN, lang), col("WRITTEN_OFF", YUAN, lang),
                col("TRANSFERRED", YUAN, lang), col("FORECLOSED", YUAN, lang), col("DECREASE", YUAN, lang), col("DISBURSED", YUAN, lang),
                col("DIFFERENCE", YUAN, lang), col("LEFT_BOOK", COUNT, lang));
        List<List<Object>> decreases = new ArrayList<>();
        for (LoanCategory from : LoanCategory.values()) {
            G12Matrix.Row row = m.row(from);
            decreases.add(List.of(Labels.category(from, lang), row.repaid(), row.writtenOff(), row.transferred(), row.foreclosed(), row.decrease(),
                    row.disbursed(), row.difference(), row.leftBook()));
        }
        tables.add(new Table(Labels.get("DECREASE", lang), decreaseColumns, decreases));
        List<List<Object>> summary = List.of(
                List.of(Labels.get("NORMAL_TO_NPL", lang), m.normalToNpl()),
                List.of(Labels.get("NPL_TO_NORMAL", lang), m.nplToNormal()),
                List.of(Labels.get("NPL_COLLECTED", lang), m.nplSum(G12Matrix.Row::repaid)),
                List.of(Labels.get("NPL_UPGRADED", lang), m.nplToNormal()),
                List.of(Labels.get("NPL_WRITTEN_OFF", lang), m.nplSum(G12Matrix.Row::writtenOff)),
                List.of(Labels.get("NPL_TRANSFERRED", lang), m.nplSum(G12Matrix.Row::transferred)),
                List.of(Labels.get("NPL_FORECLOSED", lang), m.nplSum(G12Matrix.Row::foreclosed)));
        tables.add(new Table(Labels.get("NPL", lang), List.of(col("ROW", TEXT, lang), col("BALANCE_YUAN", YUAN, lang)), summary));
        tables.add(ratios(g12.ratios(), "RATIOS_TITLE", lang));
        tables.add(checks(g12.checks(), lang));
        return new ReturnDocument("G12", Labels.get("G12_TITLE", lang), header, tables, List.of(Labels.get("NOTE_DECREASE", lang),
                Labels.get("NOTE_NOT_APPLICABLE", lang), Labels.get("NOTE_RATIO_SOURCE", lang)));
    }

    public static ReturnDocument g13(G13 g13, Lang lang) {
        List<String[]> header = snapshotHeader(g13.snapshot(), lang);
        header.add(field("RUN", Long.toString(g13.runId()), lang));
        List<Table> tables = new ArrayList<>();
        List<Column> columns = List.of(col("RANK", COUNT, lang), col("CUSTOMER_NUMBER", TEXT, lang), col("CUSTOMER_NAME", TEXT, lang),
                col("COUNT", COUNT, lang), col("BALANCE_WAN", WAN, lang), col("BALANCE_YUAN", YUAN, lang), col("SHARE", RATIO, lang),
                col("ALLOWANCE_YUAN", YUAN, lang), col("DAYS_PAST_DUE", COUNT, lang));
        for (G13.Section section : g13.sections()) {
            List<List<Object>> rows = new ArrayList<>();
            for (G13.Borrower b : section.borrowers()) {
                rows.add(List.of((long) b.rank(), b.customerNumber(), b.name(), b.loans().count(), Amounts.toWan(b.loans().balance()),
                        b.loans().balance(), b.share(), b.loans().allowance(), (long) b.daysPastDue()));
            }
            Cell total = section.total();
            rows.add(List.of("", Labels.get("TOTAL", lang), "", total.count(), Amounts.toWan(total.balance()), total.balance(), "", total.allowance(), ""));
            tables.add(new Table(Labels.category(section.category(), lang), columns, rows));
        }
        tables.add(checks(g13.checks(), lang));
        return new ReturnDocument("G13", Labels.get("G13_TITLE", lang), header, tables, List.of(Labels.get("NOTE_NAMES", lang),
                Labels.get("NOTE_ALLOWANCE", lang)));
    }

    private static Table g11Table(G11Grid grid, String measure, Kind kind, Function<Cell, Object> value, Lang lang) {
        List<Column> columns = new ArrayList<>();
        columns.add(col("ROW", TEXT, lang));
        for (LoanCategory category : LoanCategory.values()) {
            columns.add(new Column(Labels.category(category, lang), kind));
        }
        columns.add(col("NPL", kind, lang));
        columns.add(col("TOTAL", kind, lang));
        List<List<Object>> rows = new ArrayList<>();
        for (String code : grid.rowCodes()) {
            G11Grid.Row row = grid.row(code);
            List<Object> cells = new ArrayList<>();
            cells.add(Labels.row(code, lang));
            for (LoanCategory category : LoanCategory.values()) {
                cells.add(value.apply(row.cell(category)));
            }
            cells.add(value.apply(row.npl()));
            cells.add(value.apply(row.total()));
            rows.add(cells);
        }
        return new Table(Labels.get("G11_TITLE", lang) + " — " + Labels.get(measure, lang), columns, rows);
    }

    private static Table matrix(G12Matrix m, String measure, Kind kind, Function<BigDecimal, BigDecimal> unit, Lang lang) {
        List<Column> columns = new ArrayList<>();
        columns.add(col("YEAR_START", TEXT, lang));
        columns.add(col("COUNT", COUNT, lang));
        columns.add(col("OPENING", kind, lang));
        for (LoanCategory to : LoanCategory.values()) {
            columns.add(new Column(Labels.get("MIGRATED_TO", lang) + Labels.category(to, lang), kind));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (LoanCategory from : LoanCategory.values()) {
            G12Matrix.Row row = m.row(from);
            List<Object> cells = new ArrayList<>(List.of(Labels.category(from, lang), row.opening().count(), unit.apply(row.opening().balance())));
            for (LoanCategory to : LoanCategory.values()) {
                cells.add(unit.apply(row.migratedTo(to).balance()));
            }
            rows.add(cells);
        }
        List<Object> fresh = new ArrayList<>(List.of(Labels.get("NEW_LOANS", lang), "", ""));
        for (LoanCategory to : LoanCategory.values()) {
            fresh.add(unit.apply(m.newLoans(to).balance()));
        }
        rows.add(fresh);
        return new Table(Labels.get("G12_TITLE", lang) + " — " + Labels.get(measure, lang), columns, rows);
    }

    private static Table ratios(List<ReturnRatio> ratios, String title, Lang lang) {
        List<List<Object>> rows = ratios.stream().map(r -> List.<Object> of(Labels.get(r.code(), lang),
                r.value().<Object> map(v -> v).orElse(Labels.get("NOT_APPLICABLE", lang)), r.numerator(), r.denominator())).toList();
        return new Table(Labels.get(title, lang), List.of(col("ROW", TEXT, lang), col("RATIO", RATIO, lang), col("NUMERATOR", YUAN, lang),
                col("DENOMINATOR", YUAN, lang)), rows);
    }

    private static Table checks(List<FormCheck> checks, Lang lang) {
        List<List<Object>> rows = checks.stream().map(c -> List.<Object> of(c.code(), Labels.get(c.code(), lang),
                Labels.get("PASSED", lang))).toList();
        return new Table(Labels.get("CHECKS_TITLE", lang), List.of(new Column("", TEXT), col("ROW", TEXT, lang), new Column("", TEXT)), rows);
    }

    private static List<Object> cellRow(String key, Cell cell, Lang lang) {
        return List.of(Labels.get(key, lang), cell.count(), Amounts.toWan(cell.balance()), cell.balance());
    }

    private static List<String[]> snapshotHeader(SnapshotHeader snapshot, Lang lang) {
        List<String[]> header = new ArrayList<>();
        header.add(field("AS_OF", snapshot.asOf().toString(), lang));
        header.add(field("SNAPSHOT", snapshot.snapshotId(), lang));
        header.add(field("RULE_SET", snapshot.ruleSetVersion(), lang));
        header.add(field("CURRENCY", snapshot.currencyCode(), lang));
        header.add(field("UNIT", Labels.get("UNIT_VALUE", lang), lang));
        return header;
    }

    private static String[] field(String key, String value, Lang lang) {
        return new String[] {Labels.get(key, lang), value};
    }

    private static Column col(String key, Kind kind, Lang lang) {
        return new Column(Labels.get(key, lang), kind);
    }
}
