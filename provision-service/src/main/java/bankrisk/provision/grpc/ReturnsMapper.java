package bankrisk.provision.grpc;

import java.math.BigDecimal;
import java.util.List;

import bank.provision.v1.FormCheck;
import bank.provision.v1.G11Return;
import bank.provision.v1.G11Row;
import bank.provision.v1.G12Return;
import bank.provision.v1.G12Row;
import bank.provision.v1.G13Borrower;
import bank.provision.v1.G13Return;
import bank.provision.v1.G13Section;
import bank.provision.v1.NplRecognition;
import bank.provision.v1.ReturnCell;
import bank.provision.v1.ReturnRatio;
import bank.provision.v1.UnrecognisedNpl;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Decimals;
import bankrisk.api.convert.Enums;
import bankrisk.common.money.Amounts;
import bankrisk.provision.label.Labels;
import bankrisk.provision.label.Lang;
import bankrisk.provision.policy.LoanCategory;
import bankrisk.provision.returns.Cell;
import bankrisk.provision.returns.G11;
import bankrisk.provision.returns.G11Grid;
import bankrisk.provision.returns.G12;
import bankrisk.provision.returns.G12Matrix;
import bankrisk.provision.returns.G13;

/** The returns in the contract's form: amounts in yuan and 萬元, labels in the caller's language, codes unchanged. */
final class ReturnsMapper {

    private ReturnsMapper() {
    }

    static G11Return toProto(G11 g11, Lang lang) {
        String currency = g11.snapshot().currencyCode();
        G11Return.Builder out = G11Return.newBuilder().setAsOf(Dates.toDate(g11.snapshot().asOf())).setSnapshotId(g11.snapshot().snapshotId())
                .setRuleSetVersion(g11.snapshot().ruleSetVersion()).setRunId(g11.runId()).setCurrencyCode(currency)
                .setGeneralReserve(Decimals.toMoney(g11.generalReserve(), currency)).setAllowance(Decimals.toMoney(g11.allowance(), currency))
                .setLang(lang.tag());
        for (String code : g11.grid().rowCodes()) {
            G11Grid.Row row = g11.grid().row(code);
            G11Row.Builder r = G11Row.newBuilder().setCode(code).setLabel(Labels.row(code, lang))
                    .setNpl(cell(null, row.npl(), currency)).setTotal(cell(null, row.total(), currency));
            for (LoanCategory category : LoanCategory.values()) {
                r.addCategories(cell(category, row.cell(category), currency));
            }
            out.addRows(r);
        }
        var npl = g11.nplRecognition();
        NplRecognition.Builder n = NplRecognition.newBuilder().setOverdueOver90(cell(null, npl.over90(), currency))
                .setOverdueOver60(cell(null, npl.over60(), currency)).setNpl(cell(null, npl.npl(), currency))
                .setUnrecognisedTotal(npl.over90NotNplCount());
        npl.ratios().forEach(ratio -> n.addRatios(ratio(ratio, currency, lang)));
        npl.over90NotNpl().forEach(loan -> n.addUnrecognisedLoans(UnrecognisedNpl.newBuilder().setLoanId(loan.loanId())
                .setCustomerNumber(loan.customerNumber()).setCategory(category(loan.category())).setDaysPastDue(loan.daysPastDue())
                .setBalance(Decimals.toMoney(loan.balance(), currency))));
        return out.setNplRecognition(n).addAllChecks(checks(g11.checks(), lang)).build();
    }

    static G12Return toProto(G12 g12, Lang lang) {
        String currency = g12.periodEnd().currencyCode();
        G12Matrix m = g12.matrix();
        G12Return.Builder out = G12Return.newBuilder().setFrom(Dates.toDate(g12.yearStart().asOf())).setTo(Dates.toDate(g12.periodEnd().asOf()))
                .setFromSnapshotId(g12.yearStart().snapshotId()).setToSnapshotId(g12.periodEnd().snapshotId())
                .setRuleSetVersion(g12.periodEnd().ruleSetVersion()).setCurrencyCode(currency).setLang(lang.tag())
                .setNormalToNpl(money(m.normalToNpl(), currency)).setNplToNormal(money(m.nplToNormal(), currency))
                .setNplCollected(money(m.nplSum(G12Matrix.Row::repaid), currency)).setNplUpgraded(money(m.nplToNormal(), currency))
                .setNplWrittenOff(money(m.nplSum(G12Matrix.Row::writtenOff), currency))
                .setNplTransferred(money(m.nplSum(G12Matrix.Row::transferred), currency))
                .setNplForeclosed(money(m.nplSum(G12Matrix.Row::foreclosed), currency));
        for (LoanCategory from : LoanCategory.values()) {
            G12Matrix.Row row = m.row(from);
            G12Row.Builder r = G12Row.newBuilder().setFromCategory(category(from)).setLabel(Labels.category(from, lang))
                    .setOpening(cell(from, row.opening(), currency)).setRepaid(money(row.repaid(), currency))
                    .setWrittenOff(money(row.writtenOff(), currency)).setTransferred(money(row.transferred(), currency))
                    .setForeclosed(money(row.foreclosed(), currency)).setDecrease(money(row.decrease(), currency))
                    .setDisbursed(money(row.disbursed(), currency)).setDifference(money(row.difference(), currency))
                    .setLeftBookCount(row.leftBook());
            for (LoanCategory to : LoanCategory.values()) {
                r.addMigratedTo(cell(to, row.migratedTo(to), currency));
            }
            out.addRows(r);
            out.addNewLoans(cell(from, m.newLoans(from), currency));
        }
        g12.ratios().forEach(ratio -> out.addRatios(ratio(ratio, currency, lang)));
        return out.addAllChecks(checks(g12.checks(), lang)).build();
    }

    static G13Return toProto(G13 g13, Lang lang) {
        String currency = g13.snapshot().currencyCode();
        G13Return.Builder out = G13Return.newBuilder().setAsOf(Dates.toDate(g13.snapshot().asOf())).setSnapshotId(g13.snapshot().snapshotId())
                .setRunId(g13.runId()).setCurrencyCode(currency).setLang(lang.tag());
        for (G13.Section section : g13.sections()) {
            G13Section.Builder s = G13Section.newBuilder().setCategory(category(section.category()))
                    .setLabel(Labels.category(section.category(), lang)).setCategoryTotal(cell(section.category(), section.total(), currency));
            for (G13.Borrower b : section.borrowers()) {
                s.addBorrowers(G13Borrower.newBuilder().setRank(b.rank()).setCustomerNumber(b.customerNumber()).setCustomerName(b.name())
                        .setLoanCount(b.loans().count()).setBalance(money(b.loans().balance(), currency))
                        .setBalanceWan(Decimals.toDecimal(Amounts.toWan(b.loans().balance()))).setShareOfCategory(Decimals.toDecimal(b.share()))
                        .setAllowance(money(b.loans().allowance(), currency)).setDaysPastDue(b.daysPastDue()));
            }
            out.addSections(s);
        }
        return out.addAllChecks(checks(g13.checks(), lang)).build();
    }

    private static ReturnCell cell(LoanCategory category, Cell cell, String currency) {
        ReturnCell.Builder out = ReturnCell.newBuilder().setLoanCount(cell.count()).setBalance(money(cell.balance(), currency))
                .setBalanceWan(Decimals.toDecimal(Amounts.toWan(cell.balance()))).setAllowance(money(cell.allowance(), currency))
                .setAllowanceWan(Decimals.toDecimal(Amounts.toWan(cell.allowance())));
        if (category != null) {
            out.setCategory(category(category));
        }
        return out.build();
    }

    private static ReturnRatio ratio(bankrisk.provision.returns.ReturnRatio ratio, String currency, Lang lang) {
        ReturnRatio.Builder out = ReturnRatio.newBuilder().setCode(ratio.code()).setLabel(Labels.get(ratio.code(), lang))
                .setApplicable(ratio.applicable()).setNumerator(money(ratio.numerator(), currency))
                .setDenominator(money(ratio.denominator(), currency));
        ratio.value().ifPresent(value -> out.setValue(Decimals.toDecimal(value)));
        return out.build();
    }

    private static List<FormCheck> checks(List<bankrisk.provision.returns.FormCheck> checks, Lang lang) {
        return checks.stream().map(c -> FormCheck.newBuilder().setCode(c.code()).setDescription(Labels.get(c.code(), lang))
                .setPassed(c.passed()).build()).toList();
    }

    private static bank.loanrisk.v1.LoanCategory category(LoanCategory category) {
        return Enums.toProto(category, bank.loanrisk.v1.LoanCategory.class);
    }

    private static bank.common.v1.Money money(BigDecimal amount, String currency) {
        return Decimals.toMoney(amount, currency);
    }
}
