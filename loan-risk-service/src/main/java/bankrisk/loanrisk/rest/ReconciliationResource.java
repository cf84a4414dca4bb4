package bankrisk.loanrisk.rest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import bankrisk.common.security.Roles;
import bankrisk.loanrisk.reconciliation.Reconciliations;
import bankrisk.platform.csv.CsvWriter;
import io.smallrye.common.annotation.Blocking;

/**
 * The reconciliation of two snapshots as CSV for data-quality staff (the same list as ReconcileSnapshots, all of it):
 * for {@code risk-officer}, {@code risk-approver} and {@code auditor} (bearer JWT; 401 without a valid one, 403 for
 * other roles). Streamed row by row from one query, so a large book never sits in memory.
 */
// Snapshot ids are UUIDs: anything else in the path is 404 before it reaches the database.
@Path("/loan-risk/reconciliations/{from: [0-9a-f-]{36}}/{to: [0-9a-f-]{36}}.csv")
@RolesAllowed({ Roles.RISK_OFFICER, Roles.RISK_APPROVER, Roles.AUDITOR })
@Tag(name = "Reconciliation", description = "Loans whose events do not explain the change of their balance")
@Blocking
public class ReconciliationResource {

    static final String CSV = "text/csv; charset=UTF-8";

    private final Reconciliations reconciliations;

    @Inject
    ReconciliationResource(Reconciliations reconciliations) {
        this.reconciliations = reconciliations;
    }

    @GET
    @Produces(CSV)
    @Operation(summary = "Loans that do not reconcile between two snapshots, as CSV", description = "One line per loan whose "
            + "closing balance differs from opening + disbursed − repaid − written off − transferred − foreclosed (events "
            + "booked after the earlier as-of date, on or before the later one), in loan-id order, amounts in the loan's "
            + "currency.")
    @APIResponse(responseCode = "200", description = "The list (a header line only when every loan reconciles)",
            content = @Content(mediaType = CSV))
    @APIResponse(responseCode = "400", description = "`to` is not later than `from`")
    @APIResponse(responseCode = "404", description = "No snapshot with one of these ids")
    public Response csv(@PathParam("from") String from, @PathParam("to") String to) {
        // Checked before the first byte, so that an unknown snapshot is a 404, not a broken download.
        Reconciliations.Pair pair = reconciliations.pair(from, to);
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write(CsvWriter.line("loan_id", "currency", "opening_balance", "disbursed", "repaid", "written_off",
                    "transferred", "foreclosed", "closing_balance", "difference"));
            reconciliations.forEachBreak(pair, b -> {
                try {
                    writer.write(CsvWriter.line(b.loanId(), b.currency(), b.openingOriginal(), b.flows().disbursed(),
                            b.flows().repaid(), b.flows().writtenOff(), b.flows().transferred(), b.flows().foreclosed(),
                            b.closingOriginal(), b.unexplained()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.flush();
        };
        return Response.ok(body, CSV).header("Content-Disposition", "attachment; filename=\"reconciliation-"
                + pair.from().asOf() + "-" + pair.to().asOf() + ".csv\"").build();
    }
}
