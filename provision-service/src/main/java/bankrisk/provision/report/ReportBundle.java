package bankrisk.provision.report;

import java.util.ArrayList;
import java.util.List;

import bankrisk.provision.ecl.EclComparison;
import bankrisk.provision.ratio.RegulatoryRatios;
import bankrisk.provision.policy.PolicyFramework;
import bankrisk.provision.run.ProvisionRun;
import bankrisk.provision.run.RunInputs;
import bankrisk.provision.run.RunTotals;

/** What a finance download holds: the run's inputs and totals, its ratios, and its breakdowns. */
public record ReportBundle(ProvisionRun run, PolicyFramework framework, RegulatoryRatios ratios, List<Report> views) {

    /** Label/value pairs printed at the top of every download so a reader can reproduce the run. */
    public List<String[]> inputs() {
        RunInputs in = run.inputs();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Run id", Long.toString(run.id())});
        rows.add(new String[] {"As of", in.asOf().toString()});
        rows.add(new String[] {"Snapshot id", in.snapshotId()});
        rows.add(new String[] {"Snapshot fingerprint", in.snapshotFingerprint()});
        rows.add(new String[] {"Snapshot rule set", in.snapshotRuleSet()});
        rows.add(new String[] {"Policy", in.policyCode() + " v" + in.policyVersion()});
        rows.add(new String[] {"Provision base", in.base().name()});
        rows.add(new String[] {"General reserve rate", in.generalReserveRate().toPlainString()});
        rows.add(new String[] {"Eligible collateral", in.eligibleCollateral()});
        rows.add(new String[] {"Currency", in.currencyCode()});
        rows.add(new String[] {"ECL parameters", in.eclParameters()});
        rows.add(new String[] {"Run fingerprint", run.fingerprint()});
        rows.add(new String[] {"Ratio regime", run.thresholds().regime()});
        rows.add(new String[] {"Policy framework", switch (framework) {
            case PBOC_2002 -> "PBOC 2002 guideline (銀發〔2002〕98號), rates within its bands";
            case MOF_2012 -> "MOF 2012 standard method (財金〔2012〕20號), rates within its bands";
            case BANK_OWN -> "The bank's own policy, not a regulator's";
        }});
        rows.add(new String[] {"Completed at", String.valueOf(run.completedAt())});
        return rows;
    }

    /** Label, amount-or-ratio, and a flag text; {@code ratio} tells whether the value is a fraction. */
    public record Figure(String label, java.math.BigDecimal value, boolean ratio, String flag) {
    }

    public List<Figure> figures() {
        RunTotals totals = run.totals();
        EclComparison ecl = EclComparison.of(totals.ecl(), totals.allowance());
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("Loans", java.math.BigDecimal.valueOf(totals.loanCount()), false, ""));
        figures.add(new Figure("Total balance", totals.totalBalance(), false, ""));
        figures.add(new Figure("NPL balance", totals.nplBalance(), false, ""));
        if (run.isGeneralRiskReserve()) {
            // MOF 2012: a reserve appropriated from profit, not an allowance; no allowance, ECL or ratio lines.
            var reserve = run.generalRiskReserve().orElseThrow();
            figures.add(new Figure("Latent risk (MOF 2012 standard method)", reserve.latentRisk(), false, ""));
            figures.add(new Figure("Allowance deducted (posted run " + run.deductedRunId() + ")", reserve.allowanceDeducted(), false, ""));
            figures.add(new Figure("Latent risk less allowance", reserve.netOfAllowance(), false,
                    reserve.binding() == bankrisk.provision.reserve.GeneralRiskReserve.Binding.LATENT_RISK ? "BINDS" : ""));
            figures.add(new Figure("Floor (" + pct(run.inputs().generalReserveRate()) + " of risk assets)", reserve.floor(), false,
                    reserve.binding() == bankrisk.provision.reserve.GeneralRiskReserve.Binding.FLOOR ? "BINDS" : ""));
            figures.add(new Figure("Required general risk reserve", reserve.required(), false, ""));
            return figures;
        }
        figures.add(new Figure("Specific provisions", totals.specificProvision(), false, ""));
        figures.add(new Figure("General reserve", totals.generalReserve(), false, ""));
        figures.add(new Figure("Allowance (specific + general)", totals.allowance(), false, ""));
        figures.add(new Figure("ECL (IFRS 9)", totals.ecl(), false, ecl.larger() == EclComparison.Larger.ECL ? "LARGER" : ""));
        figures.add(new Figure("Regulatory allowance vs ECL", totals.allowance(), false,
                ecl.larger() == EclComparison.Larger.REGULATORY ? "LARGER" : ecl.larger() == EclComparison.Larger.EQUAL ? "EQUAL" : ""));
        figures.add(new Figure("NPL ratio (max " + pct(ratios.thresholds().maxNplRatio()) + ")", ratios.nplRatio(), true,
                ratios.nplRatioBreached() ? "BREACH" : "ok"));
        figures.add(new Figure("Provision coverage (min " + pct(ratios.thresholds().minCoverage()) + ")", ratios.coverageRatio(), true,
                !ratios.coverageApplicable() ? "n/a (no NPL)" : ratios.coverageBreached() ? "BREACH" : "ok"));
        figures.add(new Figure("Loan provision ratio (min " + pct(ratios.thresholds().minLoanProvisionRatio()) + ")",
                ratios.loanProvisionRatio(), true, ratios.loanProvisionRatioBreached() ? "BREACH" : "ok"));
        figures.add(new Figure("Required allowance", ratios.requiredAllowance(), false, ""));
        figures.add(new Figure("Shortfall", ratios.shortfall(), false, ratios.shortfall().signum() > 0 ? "BREACH" : "ok"));
        return figures;
    }

    private static String pct(java.math.BigDecimal fraction) {
        return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }
}
