package bankrisk.provision.rest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import bankrisk.common.error.Violations;
import bankrisk.common.security.Roles;
import bankrisk.provision.journal.JournalService;
import bankrisk.provision.movement.MovementService;
import bankrisk.provision.report.ReportBundle;
import bankrisk.provision.report.ReportCsv;
import bankrisk.provision.report.ReportPdf;
import bankrisk.provision.report.ReportService;
import bankrisk.provision.report.ReportView;
import bankrisk.provision.report.ReportXlsx;
import bankrisk.provision.run.RunLines;
import io.smallrye.common.annotation.Blocking;

/**
 * Finance downloads of a completed run, for {@code finance} and {@code auditor} (bearer JWT; 401 without a valid one,
 * 403 for other roles). Every file starts with the run's inputs so a reader can reproduce it.
 */
// ASCII digits only: Long.valueOf would also read other scripts' digits ("１" as 1); anything else is 404.
@Path("/provision/runs/{runId: [0-9]{1,18}}")
@RolesAllowed({ Roles.FINANCE, Roles.AUDITOR })
@Tag(name = "Provision reports", description = "Downloads of a completed provision run for finance")
@Blocking
public class ReportResource {

    static final String CSV = "text/csv; charset=UTF-8";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String PDF = "application/pdf";

    private final ReportService reports;
    private final JournalService journals;
    private final MovementService movements;
    private final RunLines lines;

    @Inject
    ReportResource(ReportService reports, JournalService journals, MovementService movements, RunLines lines) {
        this.reports = reports;
        this.journals = journals;
        this.movements = movements;
        this.lines = lines;
    }

    @GET
    @Path("/report.csv")
    @Produces(CSV)
    @Operation(summary = "Run report as CSV", description = "Inputs, totals and regulatory ratios, then the breakdowns by category, "
            + "product, branch and customer tier (or only `view`).")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(mediaType = CSV))
    @APIResponse(responseCode = "400", description = "Unknown view")
    @APIResponse(responseCode = "404", description = "No completed run with this id")
    public Response csv(@PathParam("runId") long runId,
            @Parameter(description = "CATEGORY, PRODUCT, BRANCH or TIER; all when absent") @QueryParam("view") String view) {
        ReportBundle bundle = reports.bundle(runId, views(view));
        return download(ReportCsv.report(bundle), CSV, "provision-run-" + runId + ".csv");
    }

    @GET
    @Path("/report.xlsx")
    @Produces(XLSX)
    @Operation(summary = "Run report as an Excel workbook", description = "An Inputs sheet (inputs, totals, ratios with breaches), "
            + "one sheet per view and the per-loan lines (sheet \"Lines 明细\"); amounts, rates and ratios are numeric cells with "
            + "number formats.")
    @APIResponse(responseCode = "200", description = "The workbook", content = @Content(mediaType = XLSX))
    @APIResponse(responseCode = "404", description = "No completed run with this id")
    public Response xlsx(@PathParam("runId") long runId) {
        return download(ReportXlsx.report(reports.bundle(runId, EnumSet.allOf(ReportView.class)), sink -> lines.forEach(runId, sink)), XLSX, "provision-run-" + runId + ".xlsx");
    }

    @GET
    @Path("/report.pdf")
    @Produces(PDF)
    @Operation(summary = "Run report as PDF", description = "Inputs, totals and ratios, a chart of the category mix and a table per view.")
    @APIResponse(responseCode = "200", description = "The PDF", content = @Content(mediaType = PDF))
    @APIResponse(responseCode = "404", description = "No completed run with this id")
    public Response pdf(@PathParam("runId") long runId) {
        return download(ReportPdf.report(reports.bundle(runId, EnumSet.allOf(ReportView.class))), PDF, "provision-run-" + runId + ".pdf");
    }

    @GET
    @Path("/lines.csv")
    @Produces(CSV)
    @Operation(summary = "The run's per-loan lines as CSV", description = "The run's inputs, then one line per loan in loan-id order: "
            + "loan, borrower, product, branch, currency, category, days past due, balance, collateral, base, collateral netted, "
            + "rate, specific provision and the IFRS 9 stage, PD, LGD and ECL, as the run stored them. Streamed from a cursor.")
    @APIResponse(responseCode = "200", description = "The lines", content = @Content(mediaType = CSV))
    @APIResponse(responseCode = "404", description = "No completed run with this id")
    public Response lines(@PathParam("runId") long runId) {
        // Read before the first byte, so that an unknown run is a 404, not a broken download.
        ReportBundle bundle = reports.bundle(runId, Set.of());
        String currency = bundle.run().inputs().currencyCode();
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write(ReportCsv.linesHead(bundle));
            try {
                lines.forEach(runId, line -> {
                    try {
                        writer.write(ReportCsv.line(line, currency));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException failure) {
                throw failure.getCause();
            }
            writer.flush();
        };
        return download(body, CSV, "provision-lines-" + runId + ".csv");
    }

    @GET
    @Path("/journal.csv")
    @Produces(CSV)
    @Operation(summary = "Journal entries as CSV for the general ledger", description = "Per branch, the balanced postings that book "
            + "the change in allowance since the previous run (Dr credit-impairment loss / Cr loan-loss allowance for an increase, "
            + "the reverse for a release, Dr allowance / Cr loans for write-offs).")
    @APIResponse(responseCode = "200", description = "One line per posting", content = @Content(mediaType = CSV))
    @APIResponse(responseCode = "400", description = "previousRunId not ASCII digits, or the previous run is not earlier")
    @APIResponse(responseCode = "404", description = "No completed run with this id")
    public Response journal(@PathParam("runId") long runId,
            @Parameter(description = "The run booked before (ASCII digits); 0 or absent for the latest earlier run of the same policy",
                    schema = @Schema(type = SchemaType.STRING, pattern = "[0-9]{1,18}"))
            @QueryParam("previousRunId") String previousRunId) {
        var journal = journals.journal(runId, QueryIds.parse(previousRunId, "previousRunId"));
        return download(ReportCsv.journal(journal, reports.bundle(runId, Set.of())), CSV, "provision-journal-" + runId + ".csv");
    }

    @GET
    @Path("/movement.csv")
    @Produces(CSV)
    @Operation(summary = "Allowance roll-forward from an earlier run, as CSV", description = "Per category, the general reserve and "
            + "the total: opening + charges − releases − write-offs − derecognition losses + recoveries = closing, from loan-risk's booked flows.")
    @APIResponse(responseCode = "200", description = "The roll-forward", content = @Content(mediaType = CSV))
    @APIResponse(responseCode = "400", description = "fromRunId missing, not ASCII digits or not earlier")
    @APIResponse(responseCode = "404", description = "No completed run with one of the ids")
    public Response movement(@PathParam("runId") long runId,
            @Parameter(description = "The earlier run (opening balances; ASCII digits)", required = true,
                    schema = @Schema(type = SchemaType.STRING, pattern = "[0-9]{1,18}")) @QueryParam("fromRunId") String fromRunId) {
        long from = QueryIds.parse(fromRunId, "fromRunId");
        return download(ReportCsv.movement(movements.movement(from, runId)), CSV, "provision-movement-" + from + "-" + runId + ".csv");
    }

    private static Set<ReportView> views(String view) {
        if (view == null || view.isBlank()) {
            return EnumSet.allOf(ReportView.class);
        }
        try {
            return EnumSet.of(ReportView.valueOf(view.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            Violations violations = new Violations();
            violations.add("view", "must be one of CATEGORY, PRODUCT, BRANCH, TIER");
            violations.throwIfAny();
            throw unknown;
        }
    }

    static Response download(Object body, String type, String fileName) {
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }
}
