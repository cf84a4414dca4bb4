package bankrisk.provision.grpc;

import java.math.BigDecimal;

import bank.common.v1.Money;
import bank.loanrisk.v1.LoanCategory;
import bank.provision.v1.CategoryTotal;
import bank.provision.v1.EclComparison;
import bank.provision.v1.JournalEntryKind;
import bank.provision.v1.LargerAmount;
import bank.provision.v1.MovementRow;
import bank.provision.v1.MovementRowKind;
import bank.provision.v1.Posting;
import bank.provision.v1.ProvisionBase;
import bank.provision.v1.ProvisionRun;
import bank.provision.v1.RegulatoryRatios;
import bank.provision.v1.ReserveBinding;
import bank.provision.v1.ReportRow;
import bank.provision.v1.ReportView;
import bank.provision.v1.RunInputs;
import bank.provision.v1.RunLine;
import bank.provision.v1.RunLinePage;
import bank.provision.v1.RunPhase;
import bank.provision.v1.RunProvisioningProgress;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Decimals;
import bankrisk.api.convert.Enums;
import bankrisk.provision.journal.Journal;
import bankrisk.provision.journal.JournalEntry;
import bankrisk.provision.movement.Movement;
import bankrisk.provision.movement.MovementLine;
import bankrisk.provision.ratio.RatioThresholds;
import bankrisk.provision.report.Report;
import bankrisk.provision.reserve.GeneralRiskReserve;
import bankrisk.provision.run.CategoryTotals;
import bankrisk.provision.run.ProvisionLine;
import bankrisk.provision.run.RunLines;
import bankrisk.provision.run.RunProgress;
import bankrisk.provision.run.RunTotals;

/** Maps runs, movements, journals and reports to the contract. Ratios are computed here from the stored totals. */
final class RunMapper {

    private RunMapper() {
    }

    /** The ratios are judged against the thresholds the run stored when it was computed, never today's configuration. */
    static ProvisionRun toProto(bankrisk.provision.run.ProvisionRun run) {
        RatioThresholds thresholds = run.thresholds();
        bankrisk.provision.run.RunInputs in = run.inputs();
        String currency = in.currencyCode();
        RunTotals totals = run.totals();
        ProvisionRun.Builder out = ProvisionRun.newBuilder()
                .setRunId(run.id())
                .setInputs(RunInputs.newBuilder()
                        .setAsOf(Dates.toDate(in.asOf()))
                        .setPolicyCode(in.policyCode())
                        .setPolicyVersion(in.policyVersion())
                        .setBase(Enums.toProto(in.base(), ProvisionBase.class))
                        .setGeneralReserveRate(Decimals.toDecimal(in.generalReserveRate()))
                        .setEligibleCollateral(in.eligibleCollateral())
                        .setEclParameters(in.eclParameters())
                        .setCurrencyCode(currency)
                        .setSnapshotId(in.snapshotId())
                        .setSnapshotFingerprint(in.snapshotFingerprint())
                        .setSnapshotRuleSetVersion(in.snapshotRuleSet()))
                .setFingerprint(run.fingerprint())
                .setLoanCount(totals.loanCount())
                .setTotalBalance(money(totals.totalBalance(), currency))
                .setNplBalance(money(totals.nplBalance(), currency))
                .setLifecycle(CloseMapper.toProto(run.lifecycle()));
        for (CategoryTotals category : totals.categories()) {
            out.addCategories(CategoryTotal.newBuilder()
                    .setCategory(Enums.toProto(category.category(), LoanCategory.class))
                    .setLoanCount(category.loanCount())
                    .setBalance(money(category.balance(), currency))
                    .setBase(money(category.base(), currency))
                    .setSpecificProvision(money(category.provision(), currency))
                    .setEcl(money(category.ecl(), currency)));
        }
        if (run.isGeneralRiskReserve()) {
            // No allowance, ratios or ECL comparison: a reserve is not an allowance (MOF 2012).
            GeneralRiskReserve reserve = run.generalRiskReserve().orElseThrow();
            return out.setGeneralRiskReserve(bank.provision.v1.GeneralRiskReserve.newBuilder()
                    .setAllowanceRunId(run.deductedRunId())
                    .setLatentRisk(money(reserve.latentRisk(), currency))
                    .setAllowanceDeducted(money(reserve.allowanceDeducted(), currency))
                    .setNetOfAllowance(money(reserve.netOfAllowance(), currency))
                    .setFloorRate(Decimals.toDecimal(in.generalReserveRate()))
                    .setRiskAssets(money(totals.totalBalance(), currency))
                    .setFloor(money(reserve.floor(), currency))
                    .setRequiredReserve(money(reserve.required(), currency))
                    .setBinding(Enums.toProto(reserve.binding(), ReserveBinding.class)))
                    .build();
        }
        out.setSpecificProvision(money(totals.specificProvision(), currency))
                .setGeneralReserve(money(totals.generalReserve(), currency))
                .setAllowance(money(totals.allowance(), currency));
        bankrisk.provision.ratio.RegulatoryRatios ratios = bankrisk.provision.ratio.RegulatoryRatios.of(totals.totalBalance(),
                totals.nplBalance(), totals.allowance(), thresholds);
        out.setRatios(RegulatoryRatios.newBuilder()
                .setNplRatio(Decimals.toDecimal(ratios.nplRatio()))
                .setRegime(thresholds.regime())
                .setNplRatioMax(Decimals.toDecimal(thresholds.maxNplRatio()))
                .setNplRatioBreached(ratios.nplRatioBreached())
                .setCoverageRatio(Decimals.toDecimal(ratios.coverageRatio()))
                .setCoverageApplicable(ratios.coverageApplicable())
                .setCoverageMin(Decimals.toDecimal(thresholds.minCoverage()))
                .setCoverageBreached(ratios.coverageBreached())
                .setLoanProvisionRatio(Decimals.toDecimal(ratios.loanProvisionRatio()))
                .setLoanProvisionRatioMin(Decimals.toDecimal(thresholds.minLoanProvisionRatio()))
                .setLoanProvisionRatioBreached(ratios.loanProvisionRatioBreached())
                .setRequiredAllowance(money(ratios.requiredAllowance(), currency))
                .setShortfall(money(ratios.shortfall(), currency)));
        bankrisk.provision.ecl.EclComparison ecl = bankrisk.provision.ecl.EclComparison.of(totals.ecl(), totals.allowance());
        out.setEcl(EclComparison.newBuilder()
                .setEcl(money(ecl.ecl(), currency))
                .setRegulatoryAllowance(money(ecl.regulatory(), currency))
                .setLarger(Enums.toProto(ecl.larger(), LargerAmount.class))
                .setStage1Loans(totals.stageLoans(1))
                .setStage2Loans(totals.stageLoans(2))
                .setStage3Loans(totals.stageLoans(3)));
        return out.build();
    }

    static RunProvisioningProgress toProto(RunProgress progress) {
        return RunProvisioningProgress.newBuilder()
                .setPhase(Enums.toProto(progress.phase(), RunPhase.class))
                .setLoansDone(progress.loansDone())
                .setLoansTotal(progress.loansTotal())
                .setAttempt(progress.attempt())
                .setMessage(progress.message())
                .build();
    }

    static bank.provision.v1.Movement toProto(Movement movement) {
        String currency = movement.to().inputs().currencyCode();
        bank.provision.v1.Movement.Builder out = bank.provision.v1.Movement.newBuilder()
                .setFromRun(toProto(movement.from()))
                .setToRun(toProto(movement.to()));
        for (MovementLine line : movement.lines()) {
            MovementRow.Builder row = MovementRow.newBuilder()
                    .setKind(Enums.toProto(line.kind(), MovementRowKind.class))
                    .setOpening(money(line.opening(), currency))
                    .setCharges(money(line.charges(), currency))
                    .setReleases(money(line.releases(), currency))
                    .setWriteOffs(money(line.writeOffs(), currency))
                    .setDerecognitionLosses(money(line.derecognitionLosses(), currency))
                    .setRecoveries(money(line.recoveries(), currency))
                    .setClosing(money(line.closing(), currency));
            if (line.category() != null) {
                row.setCategory(Enums.toProto(line.category(), LoanCategory.class));
            }
            out.addRows(row);
        }
        return out.build();
    }

    static bank.provision.v1.Journal toProto(Journal journal) {
        String currency = journal.run().inputs().currencyCode();
        bank.provision.v1.Journal.Builder out = bank.provision.v1.Journal.newBuilder()
                .setRunId(journal.run().id())
                .setPreviousRunId(journal.previous() == null ? 0 : journal.previous().id())
                .setTotalDebit(money(journal.totalDebit(), currency))
                .setTotalCredit(money(journal.totalCredit(), currency));
        for (JournalEntry entry : journal.entries()) {
            bank.provision.v1.JournalEntry.Builder e = bank.provision.v1.JournalEntry.newBuilder()
                    .setEntryId(entry.entryId())
                    .setBranchCode(entry.branchCode())
                    .setKind(Enums.toProto(entry.kind(), JournalEntryKind.class))
                    .setDescription(entry.description());
            for (bankrisk.provision.journal.Posting posting : entry.postings()) {
                e.addPostings(Posting.newBuilder()
                        .setAccountCode(posting.accountCode())
                        .setAccountName(posting.accountName())
                        .setDebit(money(posting.debit(), currency))
                        .setCredit(money(posting.credit(), currency)));
            }
            out.addEntries(e);
        }
        return out.build();
    }

    static bank.provision.v1.Report toProto(Report report) {
        String currency = report.run().inputs().currencyCode();
        bank.provision.v1.Report.Builder out = bank.provision.v1.Report.newBuilder()
                .setRun(toProto(report.run()))
                .setView(Enums.toProto(report.view(), ReportView.class))
                .setNote(report.note());
        for (bankrisk.provision.report.ReportRow row : report.rows()) {
            out.addRows(ReportRow.newBuilder()
                    .setKey(row.key())
                    .setLabel(row.label())
                    .setLoanCount(row.loanCount())
                    .setBalance(money(row.balance(), currency))
                    .setNplBalance(money(row.nplBalance(), currency))
                    .setSpecificProvision(money(row.provision(), currency))
                    .setEcl(money(row.ecl(), currency))
                    .setLarger(Enums.toProto(row.larger(), LargerAmount.class)));
        }
        return out.build();
    }

    static RunLinePage toProto(RunLines.Page page) {
        RunLinePage.Builder out = RunLinePage.newBuilder().setRunId(page.runId());
        String currency = page.currencyCode();
        for (ProvisionLine line : page.lines()) {
            var loan = line.loan();
            out.addLines(RunLine.newBuilder()
                    .setLoanId(loan.loanId())
                    .setCustomerNumber(loan.customerNumber())
                    .setBorrowerKind(borrowerKind(loan.borrowerKind()))
                    .setProduct(loan.product())
                    .setBranchCode(loan.branchCode())
                    .setCategory(Enums.toProto(loan.category(), LoanCategory.class))
                    .setDaysPastDue(loan.daysPastDue())
                    .setBalance(money(loan.balance(), currency))
                    .setCollateralKind(Enums.toProto(loan.collateralKind(), bank.loanrisk.v1.CollateralKind.class))
                    .setCollateralValue(money(loan.collateralValue(), currency))
                    .setBase(money(line.base(), currency))
                    .setCollateralNetted(money(line.collateralNetted(), currency))
                    .setRate(Decimals.toDecimal(line.rate()))
                    .setSpecificProvision(money(line.provision(), currency))
                    .setEclStage(line.ecl().stage())
                    .setEclPd(Decimals.toDecimal(line.ecl().pd()))
                    .setEclLgd(Decimals.toDecimal(line.ecl().lgd()))
                    .setEcl(money(line.ecl().ecl(), currency)));
        }
        return out.build();
    }

    /** The run stores the borrower kind as loan-risk's enum name without its prefix ("RETAIL"). */
    private static bank.loanrisk.v1.BorrowerKind borrowerKind(String stored) {
        try {
            return bank.loanrisk.v1.BorrowerKind.valueOf("BORROWER_KIND_" + stored);
        } catch (IllegalArgumentException unknown) {
            return bank.loanrisk.v1.BorrowerKind.BORROWER_KIND_UNSPECIFIED;
        }
    }

    private static Money money(BigDecimal amount, String currency) {
        return Decimals.toMoney(amount, currency);
    }
}
