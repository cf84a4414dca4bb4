package bankrisk.provision.report;

import java.util.List;

import bankrisk.provision.run.ProvisionRun;

/** A breakdown of a run with the run it belongs to and any caveat (e.g. tiers not available). */
public record Report(ProvisionRun run, ReportView view, List<ReportRow> rows, String note) {
}
