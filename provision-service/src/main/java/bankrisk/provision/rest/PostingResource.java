package bankrisk.provision.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import bankrisk.common.security.Roles;
import bankrisk.provision.close.Postings;
import bankrisk.provision.report.GlFile;
import io.smallrye.common.annotation.Blocking;

/** The general-ledger interface file of a posting, for {@code finance} and {@code auditor}. */
// ASCII digits only, as for runs: Long.valueOf would also read other scripts' digits; anything else is 404.
@Path("/provision/postings/{postingId: [0-9]{1,18}}")
@RolesAllowed({ Roles.FINANCE, Roles.AUDITOR })
@Tag(name = "Provision postings", description = "Files of a posted (or reversed) provision run for the core ledger")
@Blocking
public class PostingResource {

    private final Postings postings;

    @Inject
    PostingResource(Postings postings) {
        this.postings = postings;
    }

    @GET
    @Path("/gl.csv")
    @Produces(ReportResource.CSV)
    @Operation(summary = "General-ledger interface file", description = "Header `posting_id,date,branch,account_code,currency,debit,"
            + "credit,description`, then one row per posting line; debits equal credits per branch and currency.")
    @APIResponse(responseCode = "200", description = "The file", content = @Content(mediaType = ReportResource.CSV))
    @APIResponse(responseCode = "404", description = "No posting with this id")
    public Response gl(@PathParam("postingId") long postingId) {
        return ReportResource.download(GlFile.csv(postings.get(postingId)), ReportResource.CSV, "provision-gl-posting-" + postingId + ".csv");
    }
}
