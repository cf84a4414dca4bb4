package bankrisk.provision.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import bankrisk.common.error.Violations;
import bankrisk.common.security.Roles;
import bankrisk.provision.label.Lang;
import bankrisk.provision.report.returns.ReturnCsv;
import bankrisk.provision.report.returns.ReturnDocument;
import bankrisk.provision.report.returns.ReturnDocuments;
import bankrisk.provision.report.returns.ReturnPdf;
import bankrisk.provision.report.returns.ReturnXlsx;
import bankrisk.provision.returns.ReturnService;
import bankrisk.provision.returns.ReturnService.ReturnPeriod;
import io.smallrye.common.annotation.Blocking;

/**
 * The 1104 returns as files: {@code /provision/returns/G11.xlsx?as_of=2026-06-30&run_id=7&lang=zh-CN}, {@code G12.csv?from=…&to=…},
 * {@code G13.pdf?as_of=…&run_id=…}, for {@code finance}, {@code auditor} and {@code risk-officer}. The same returns and checks
 * as the gRPC {@code RegulatoryReturnsService}; 400 naming the field (or {@code form}, {@code format}) for bad input.
 */
@Path("/provision/returns")
@RolesAllowed({ Roles.FINANCE, Roles.AUDITOR, Roles.RISK_OFFICER })
@Tag(name = "Regulatory returns", description = "1104 G11, G12 and G13 as CSV, XLSX or PDF, in Chinese (default) or English")
@Blocking
public class ReturnResource {

    private final ReturnService returns;

    @Inject
    ReturnResource(ReturnService returns) {
        this.returns = returns;
    }

    @GET
    @Path("/{file}")
    @Operation(summary = "A return as a file", description = "G11 and G13 need `as_of` and `run_id` (a provision run of that snapshot); "
            + "G12 needs `from` (a 31 December) and `to`. Amounts in 万元 (two decimals) and yuan; XLSX cells are numeric.")
    @APIResponse(responseCode = "200", description = "The return")
    @APIResponse(responseCode = "400", description = "Unknown form, format or language, a missing or malformed date or run id")
    @APIResponse(responseCode = "404", description = "No completed run with this id")
    @APIResponse(responseCode = "409", description = "A snapshot missing, a run of another snapshot, different rule sets, or a form check failed")
    public Response file(@Parameter(description = "G11, G12 or G13, a dot, then csv, xlsx or pdf") @PathParam("file") String file,
            @Parameter(description = "Period end (G11, G13), yyyy-mm-dd") @QueryParam("as_of") String asOf,
            @Parameter(description = "Provision run of that snapshot (G11, G13)") @QueryParam("run_id") String runId,
            @Parameter(description = "Year start, a 31 December (G12)") @QueryParam("from") String from,
            @Parameter(description = "Period end (G12)") @QueryParam("to") String to,
            @Parameter(description = "zh-CN (default) or en") @QueryParam("lang") String lang) {
        Violations violations = new Violations();
        int dot = file.lastIndexOf('.');
        String form = (dot < 0 ? file : file.substring(0, dot)).toUpperCase(Locale.ROOT);
        String format = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
        violations.require(form.equals("G11") || form.equals("G12") || form.equals("G13"), "form", "must be G11, G12 or G13");
        violations.require(format.equals("csv") || format.equals("xlsx") || format.equals("pdf"), "format", "must be csv, xlsx or pdf");
        Lang language = Lang.parse(lang, "lang", Lang.ZH_CN, violations);
        ReturnDocument document;
        if (form.equals("G12")) {
            ReturnPeriod period = ReturnPeriod.check(date(from, "from", violations), date(to, "to", violations), violations);
            violations.throwIfAny();
            document = ReturnDocuments.g12(returns.g12(period), language);
        } else {
            LocalDate date = date(asOf, "as_of", violations);
            long run = QueryIds.parse(runId, "run_id");
            violations.require(run > 0, "run_id", "is required: a positive run id");
            violations.throwIfAny();
            document = form.equals("G11") ? ReturnDocuments.g11(returns.g11(date, run), language)
                    : ReturnDocuments.g13(returns.g13(date, run), language);
        }
        String name = document.form() + "-" + (form.equals("G12") ? from + "-" + to : asOf) + "-" + language.tag() + "." + format;
        return switch (format) {
            case "csv" -> ReportResource.download(ReturnCsv.write(document), ReportResource.CSV, name);
            case "xlsx" -> ReportResource.download(ReturnXlsx.write(document), ReportResource.XLSX, name);
            default -> ReportResource.download(ReturnPdf.write(document), ReportResource.PDF, name);
        };
    }

    private static LocalDate date(String text, String field, Violations violations) {
        if (text == null || text.isBlank()) {
            violations.add(field, "is required (yyyy-mm-dd)");
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            violations.add(field, "must be a date yyyy-mm-dd, not '" + (text.length() > 20 ? text.substring(0, 20) + "…" : text) + "'");
            return null;
        }
    }
}
