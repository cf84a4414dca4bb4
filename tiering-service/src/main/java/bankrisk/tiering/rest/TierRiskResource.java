package bankrisk.tiering.rest;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import bankrisk.common.error.Violations;
import bankrisk.common.security.Roles;
import bankrisk.platform.csv.CsvWriter;
import bankrisk.tiering.projection.ProjectionService;
import bankrisk.tiering.projection.RiskCursor;
import bankrisk.tiering.projection.TierRisk;
import io.smallrye.common.annotation.Blocking;

/**
 * The customers projected to drop a tier, as CSV for relationship managers: the same rows, order and rules as
 * {@code ListTierRisks}, all of them, streamed from a database cursor (never the whole list in memory). Bearer JWT as
 * every call (401 without a valid one, 403 for roles other than the readers of tiers).
 */
@Path("/tiering/risks.csv")
@RolesAllowed({ Roles.TIER_ADMIN, Roles.AUDITOR, Roles.SERVICE })
@Tag(name = "Tier risks", description = "Mid-month tier projection for relationship managers")
@Blocking
public class TierRiskResource {

    static final String CSV = "text/csv; charset=UTF-8";
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final String[] HEADER = { "customer_number", "held_tier", "projected_tier", "projected_average",
            "today_balance", "status", "balance_needed", "shortfall", "months_below", "grace_holds", "grace_last_month",
            "floor_tier" };

    private final ProjectionService projections;

    @Inject
    TierRiskResource(ProjectionService projections) {
        this.projections = projections;
    }

    @GET
    @Produces(CSV)
    @Operation(summary = "Customers projected to drop a tier, as CSV", description = "One line per customer whose month, "
            + "if the business date's balance stays to the month end, falls below the tier held in the month before: "
            + "projected average, today's balance, the exact balance needed from tomorrow to keep the tier and the "
            + "shortfall, smallest shortfall first; whether the downgrade grace still keeps the tier at the month end "
            + "(grace_holds) and its last month; an approved manual floor below the tier held (floor_tier: the least tier the "
            + "evaluation assigns; a floor at or above the tier held keeps it, and the customer is not listed). The first "
            + "lines name the month, the business date, the scheme and the currency.")
    @APIResponse(responseCode = "200", description = "The list", content = @Content(mediaType = CSV))
    @APIResponse(responseCode = "400", description = "month or business_date missing or malformed, the date outside the month "
            + "or in the future")
    @APIResponse(responseCode = "409", description = "No scheme in force, or an FX rate missing (reason in the body)")
    public Response risks(@Parameter(description = "The month, YYYY-MM", required = true) @QueryParam("month") String month,
            @Parameter(description = "The business date, YYYY-MM-DD, a day of the month not after today", required = true)
            @QueryParam("business_date") String businessDate) {
        Violations violations = new Violations();
        YearMonth parsedMonth = parse(month, MONTH, "month", violations, YearMonth::parse);
        LocalDate date = parse(businessDate, DATE, "business_date", violations, LocalDate::parse);
        violations.throwIfAny();
        // Computed once, before the first byte is sent, so that no scheme or a missing FX rate is an HTTP error and
        // not a download broken in the middle; the rows are then streamed from a cursor in the same transaction.
        RiskCursor risks = projections.openRisks(parsedMonth, date);
        StreamingOutput body = output -> {
            try (risks) {
                Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
                write(writer, new Object[] { "month", parsedMonth.toString() });
                write(writer, new Object[] { "business_date", date.toString() });
                write(writer, new Object[] { "scheme_version", risks.schemeVersion() });
                write(writer, new Object[] { "currency", risks.currency() });
                write(writer, new Object[] {});
                write(writer, HEADER);
                risks.forEach(risk -> write(writer, row(risk)));
                writer.flush();
            } catch (UncheckedIOException failure) {
                throw failure.getCause();
            }
        };
        return Response.ok(body, CSV)
                .header("Content-Disposition", "attachment; filename=\"tier-risks-" + date + ".csv\"").build();
    }

    private static Object[] row(TierRisk risk) {
        return new Object[] { risk.customerNumber(), risk.heldTierCode(), risk.projectedTierCode(),
                risk.projectedAverage(), risk.todayBalance(), risk.keep().needed().status().name(),
                risk.keep().needed().amount(), risk.shortfall(), risk.monthsBelow(), risk.graceHolds(),
                risk.graceLastMonth(), risk.floorTierCode() };
    }

    private static void write(Writer writer, Object[] fields) {
        try {
            writer.write(new CsvWriter().row(fields).toString());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static <T> T parse(String text, Pattern shape, String field, Violations violations,
            java.util.function.Function<String, T> parser) {
        if (text == null || text.isEmpty()) {
            violations.add(field, "is required");
            return null;
        }
        // ASCII digits only: the java.time parsers would also read other scripts' digits.
        if (!shape.matcher(text).matches()) {
            violations.add(field, "must be " + (shape == MONTH ? "YYYY-MM" : "YYYY-MM-DD"));
            return null;
        }
        try {
            return parser.apply(text);
        } catch (DateTimeParseException impossible) {
            violations.add(field, text + " is not a calendar " + (shape == MONTH ? "month" : "date"));
            return null;
        }
    }
}
