package bankrisk.loanrisk.grpc;

import java.time.LocalDate;
import java.time.ZoneOffset;

import bank.loanrisk.v1.ClassificationProgress;
import bank.loanrisk.v1.ClassificationStage;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.LoanGrade;
import bank.loanrisk.v1.RuleFloor;
import bank.loanrisk.v1.Snapshot;
import bank.loanrisk.v1.SnapshotGrade;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Decimals;
import bankrisk.api.convert.Enums;
import bankrisk.common.error.Violations;
import bankrisk.loanrisk.grading.Category;
import bankrisk.loanrisk.grading.Floor;
import bankrisk.loanrisk.grading.LoanGrading;
import bankrisk.loanrisk.reconciliation.LoanFlow;
import bankrisk.loanrisk.snapshot.CategoryTotal;
import bankrisk.loanrisk.snapshot.ClassificationRun;
import bankrisk.common.money.Rates;
import bankrisk.loanrisk.snapshot.GradedLoan;
import bankrisk.loanrisk.snapshot.PeriodFlows;
import bankrisk.loanrisk.snapshot.StreamedGrade;
import bankrisk.loanrisk.snapshot.SnapshotHeader;

/** Maps grades and snapshots to the contract. */
final class GradeMapper {

    private GradeMapper() {
    }

    /**
     * A requested snapshot id: at most a UUID's 36 characters. A longer one is refused before the lookup, because
     * the NOT_FOUND answer names the id and a huge id would make trailers no client accepts.
     */
    static String snapshotId(String value, String field, Violations violations) {
        violations.require(value.length() <= 36, field, "must be a snapshot id (a UUID, 36 characters)");
        return value;
    }

    static String snapshotId(String value, String field) {
        Violations violations = new Violations();
        snapshotId(value, field, violations);
        violations.throwIfAny();
        return value;
    }

    static LoanCategory category(Category category) {
        return Enums.toProto(category, LoanCategory.class);
    }

    static Snapshot snapshot(SnapshotHeader h) {
        return Snapshot.newBuilder()
                .setSnapshotId(h.snapshotId().toString())
                .setAsOf(Dates.toDate(h.asOf()))
                .setLoanCount(h.loanCount())
                .setTotalBalance(Decimals.toMoney(h.totalBalance(), h.currency()))
                .setRuleSetVersion(h.ruleSetVersion())
                .setFingerprint(h.fingerprint())
                .setCreatedOn(Dates.toDate(LocalDate.ofInstant(h.createdAt(), ZoneOffset.UTC)))
                .build();
    }

    static SnapshotGrade grade(GradedLoan g, String currency) {
        return SnapshotGrade.newBuilder()
                .setLoanId(g.loanId())
                .setBorrowerCustomerNumber(g.borrower())
                .setBorrowerKind(Enums.toProto(g.borrowerKind(), bank.loanrisk.v1.BorrowerKind.class))
                .setProduct(Enums.toProto(g.product(), bank.loanrisk.v1.Product.class))
                .setBranchCode(g.branchCode())
                .setOutstandingBalance(Decimals.toMoney(g.outstandingBalance(), currency))
                .setCollateralKind(Enums.toProto(g.collateralKind(), bank.loanrisk.v1.CollateralKind.class))
                .setCollateralValue(Decimals.toMoney(g.collateralValue(), currency))
                .setCategory(category(g.category()))
                .setDaysPastDue(g.daysPastDue())
                .addAllReasonCodes(g.reasonCodes())
                .setRuleFloor(category(g.ruleFloor()))
                .build();
    }

    /**
     * A streamed row: the grade (amounts in the reporting currency {@code currency}) with the loan's own currency, its
     * balance in it and the snapshot's rate, its contract terms, and its period flows in both currencies (converted at
     * that rate).
     */
    static SnapshotGrade grade(StreamedGrade row, String currency, String previousSnapshotId) {
        return grade(row.grade(), currency).toBuilder()
                .setOriginalCurrencyCode(row.currency())
                .setOriginalBalance(Decimals.toMoney(row.originalBalance(), row.currency()))
                .setFxRate(Decimals.toDecimal(Rates.round(row.fxRate())))
                .setPreviousSnapshotId(previousSnapshotId)
                .setPeriodFlows(flows(row.flows(), row.currency()))
                .setPeriodFlowsReporting(flows(row.flows().toReporting(row.fxRate()), currency))
                .mergeFrom(contractTerms(row))
                .build();
    }

    /**
     * A loan between two snapshots. An end where the loan was not on the book is LOAN_CATEGORY_UNSPECIFIED with 0
     * balances. The flows in the reporting currency are converted at the later end's rate ({@link LoanFlow#rate()}).
     */
    static bank.loanrisk.v1.LoanFlow flow(LoanFlow f, String reportingCurrency) {
        bank.loanrisk.v1.PeriodFlows flows = flows(f.flows(), f.currency());
        return bank.loanrisk.v1.LoanFlow.newBuilder()
                .setLoanId(f.loanId())
                .setBorrowerCustomerNumber(f.borrower())
                .setBorrowerKind(Enums.toProto(f.borrowerKind(), bank.loanrisk.v1.BorrowerKind.class))
                .setProduct(Enums.toProto(f.product(), bank.loanrisk.v1.Product.class))
                .setBranchCode(f.branchCode())
                .setOriginalCurrencyCode(f.currency())
                .setFromCategory(f.fromCategory() == null ? LoanCategory.LOAN_CATEGORY_UNSPECIFIED : category(f.fromCategory()))
                .setToCategory(f.toCategory() == null ? LoanCategory.LOAN_CATEGORY_UNSPECIFIED : category(f.toCategory()))
                .setOpeningOriginalBalance(Decimals.toMoney(f.openingOriginal(), f.currency()))
                .setOpeningBalance(Decimals.toMoney(f.opening(), reportingCurrency))
                .setClosingOriginalBalance(Decimals.toMoney(f.closingOriginal(), f.currency()))
                .setClosingBalance(Decimals.toMoney(f.closing(), reportingCurrency))
                .setFlows(flows)
                .setFlowsReporting(flows(f.flows().toReporting(f.rate()), reportingCurrency))
                .setWrittenOff(f.writtenOff())
                .setUnexplainedDifference(Decimals.toMoney(f.unexplained(), f.currency()))
                .build();
    }

    /** The contract terms (fields 19..22, the Loan's 13..16 as the run copied them), unset when unknown. */
    private static SnapshotGrade contractTerms(StreamedGrade row) {
        bank.loanrisk.v1.Loan terms = LoanMapper.contractTerms(row.terms(), row.currency());
        SnapshotGrade.Builder out = SnapshotGrade.newBuilder();
        if (terms.hasContractualInterestRate()) {
            out.setContractualInterestRate(terms.getContractualInterestRate());
        }
        if (terms.hasUndrawnCommitment()) {
            out.setUndrawnCommitment(terms.getUndrawnCommitment());
        }
        return out.setRepaymentMethod(terms.getRepaymentMethod()).setCategoryAtOrigination(terms.getCategoryAtOrigination()).build();
    }

    private static bank.loanrisk.v1.PeriodFlows flows(PeriodFlows f, String currency) {
        return bank.loanrisk.v1.PeriodFlows.newBuilder()
                .setDisbursed(Decimals.toMoney(f.disbursed(), currency))
                .setRepaid(Decimals.toMoney(f.repaid(), currency))
                .setWrittenOff(Decimals.toMoney(f.writtenOff(), currency))
                .setRecovered(Decimals.toMoney(f.recovered(), currency))
                .setTransferred(Decimals.toMoney(f.transferred(), currency))
                .setTransferPrice(Decimals.toMoney(f.transferPrice(), currency))
                .setForeclosed(Decimals.toMoney(f.foreclosed(), currency))
                .setForeclosedAssetValue(Decimals.toMoney(f.foreclosedAssetValue(), currency))
                .build();
    }

    static ClassificationProgress progress(ClassificationRun.Progress p) {
        ClassificationProgress.Builder out = ClassificationProgress.newBuilder()
                .setStage(Enums.toProto(p.stage(), ClassificationStage.class))
                .setLoansGraded(p.loansGraded())
                .setRuleSetVersion(p.ruleSetVersion())
                .setAlreadyExisted(p.alreadyExisted());
        if (p.snapshot() != null) {
            out.setSnapshot(snapshot(p.snapshot()));
        }
        return out.build();
    }

    static LoanGrade loanGrade(LoanGrading.Explained e) {
        LoanGrade.Builder out = LoanGrade.newBuilder()
                .setLoanId(e.grade().loanId())
                .setAsOf(Dates.toDate(e.asOf()))
                .setCategory(category(e.grade().category()))
                .setRuleFloor(category(e.grade().ruleFloor()))
                .addAllReasonCodes(e.grade().reasonCodes())
                .setRuleSetVersion(e.ruleSetVersion())
                .setFactsAsOf(Dates.toDate(e.factsAsOf()))
                .setSnapshotId(e.snapshotId() == null ? "" : e.snapshotId().toString());
        for (Floor floor : e.grade().floors()) {
            out.addFloors(RuleFloor.newBuilder().setReasonCode(floor.reasonCode()).setFloor(category(floor.category()))
                    .setSource(floor.source()));
        }
        return out.build();
    }

    static bank.loanrisk.v1.CategoryTotal total(CategoryTotal t, String currency) {
        return bank.loanrisk.v1.CategoryTotal.newBuilder()
                .setCategory(category(t.category()))
                .setLoanCount(t.loanCount())
                .setBalance(Decimals.toMoney(t.balance(), currency))
                .build();
    }
}
