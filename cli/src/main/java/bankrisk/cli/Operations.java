package bankrisk.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Iterator;

import bank.loanrisk.v1.ClassificationProgress;
import bank.loanrisk.v1.ClassificationStage;
import bank.loanrisk.v1.ClassifyPortfolioRequest;
import bank.loanrisk.v1.GetSnapshotSummaryRequest;
import bank.loanrisk.v1.LoanRiskServiceGrpc;
import bank.loanrisk.v1.Snapshot;
import bank.loanrisk.v1.SnapshotSummary;
import bank.provision.v1.ProvisionRun;
import bank.provision.v1.ProvisionServiceGrpc;
import bank.provision.v1.RunPhase;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bank.tiering.v1.EvaluateMonthRequest;
import bank.tiering.v1.EvaluationProgress;
import bank.tiering.v1.EvaluationStage;
import bank.tiering.v1.GetTierDistributionRequest;
import bank.tiering.v1.TierDistribution;
import bank.tiering.v1.TieringServiceGrpc;
import bankrisk.api.convert.Dates;
import io.grpc.ManagedChannel;

/** The month-end calls, rendering each server's progress stream; shared by the verbs and the demo. */
public final class Operations {

    /** Report formats provision-service serves under /provision/runs/{id}/report.{format}. */
    public enum Format {
        csv, xlsx, pdf
    }

    private Operations() {
    }

    public static EvaluationProgress evaluate(ManagedChannel channel, YearMonth month, boolean force, Progress progress) {
        Iterator<EvaluationProgress> stream = TieringServiceGrpc.newBlockingStub(channel)
                .evaluateMonth(EvaluateMonthRequest.newBuilder().setMonth(Dates.toYearMonth(month)).setForce(force).build());
        EvaluationProgress last = null;
        while (stream.hasNext()) {
            last = stream.next();
            progress.update("tiers " + month + ": " + stage(last.getStage()), last.getCustomers(), -1);
        }
        if (last == null || last.getStage() != EvaluationStage.EVALUATION_STAGE_COMPLETED) {
            throw new CliException(ExitCodes.OTHER, "tiering-service ended the evaluation without COMPLETED");
        }
        progress.done(String.format("tiers %s: %,d customers evaluated with scheme v%d%s in %,d ms", month, last.getCustomers(),
                last.getSchemeVersion(), last.getRecomputed() ? "" : " (already evaluated, stored result kept)", last.getElapsedMillis()));
        return last;
    }

    public static TierDistribution distribution(ManagedChannel channel, YearMonth month) {
        return TieringServiceGrpc.newBlockingStub(channel)
                .getTierDistribution(GetTierDistributionRequest.newBuilder().setMonth(Dates.toYearMonth(month)).build());
    }

    public static Snapshot classify(ManagedChannel channel, LocalDate asOf, String actor, Progress progress) {
        Iterator<ClassificationProgress> stream = LoanRiskServiceGrpc.newBlockingStub(channel)
                .classifyPortfolio(ClassifyPortfolioRequest.newBuilder().setAsOf(Dates.toDate(asOf)).build());
        ClassificationProgress last = null;
        while (stream.hasNext()) {
            last = stream.next();
            progress.update("classify " + asOf + ": " + stage(last.getStage()), last.getLoansGraded(), -1);
        }
        if (last == null || last.getStage() != ClassificationStage.CLASSIFICATION_STAGE_COMPLETED) {
            throw new CliException(ExitCodes.OTHER, "loan-risk-service ended the classification without COMPLETED");
        }
        Snapshot s = last.getSnapshot();
        progress.done(String.format("classify %s: %,d loans graded (rule set %s), snapshot %s%s", asOf, s.getLoanCount(),
                s.getRuleSetVersion(), s.getSnapshotId(), last.getAlreadyExisted() ? " (already existed)" : ""));
        return s;
    }

    public static SnapshotSummary snapshotSummary(ManagedChannel channel, String snapshotId) {
        return LoanRiskServiceGrpc.newBlockingStub(channel)
                .getSnapshotSummary(GetSnapshotSummaryRequest.newBuilder().setSnapshotId(snapshotId).build());
    }

    public static ProvisionRun provision(ManagedChannel channel, LocalDate asOf, String policy, int version, Progress progress) {
        Iterator<RunProvisioningProgress> stream = ProvisionServiceGrpc.newBlockingStub(channel)
                .runProvisioning(RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(asOf)).setPolicyCode(policy)
                        .setPolicyVersion(version).build());
        RunProvisioningProgress last = null;
        while (stream.hasNext()) {
            last = stream.next();
            if (last.getPhase() == RunPhase.RUN_PHASE_RETRYING) {
                progress.done("provision: retrying (attempt " + last.getAttempt() + "): " + last.getMessage());
            } else {
                progress.update("provision " + asOf, last.getLoansDone(), last.getLoansTotal());
            }
        }
        if (last == null || !last.hasRun()) {
            throw new CliException(ExitCodes.OTHER, "provision-service ended the run without a result");
        }
        ProvisionRun run = last.getRun();
        progress.done(String.format("provision %s: run %d, %,d loans%s", asOf, run.getRunId(), run.getLoanCount(),
                last.getPhase() == RunPhase.RUN_PHASE_REUSED ? " (same inputs: stored run reused)" : ""));
        return run;
    }

    /** Downloads a run's report; HTTP failures map to the exit codes (404 → not found). */
    public static Path fetchReport(String httpBase, Credentials credentials, long runId, Format format, Path out) throws IOException, InterruptedException {
        return download(URI.create(httpBase.replaceAll("/+$", "") + "/provision/runs/" + runId + "/report." + format.name()), credentials, out);
    }

    /**
     * Downloads a regulatory return ({@code /provision/returns/G12.csv?from=…&to=…&lang=…}); the service checks the
     * parameters and names a bad one (400 → exit 2).
     */
    public static Path fetchReturn(String httpBase, Credentials credentials, String form, Format format, java.util.Map<String, String> query,
            Path out) throws IOException, InterruptedException {
        StringBuilder uri = new StringBuilder(httpBase.replaceAll("/+$", "")).append("/provision/returns/")
                .append(java.net.URLEncoder.encode(form, java.nio.charset.StandardCharsets.UTF_8)).append('.').append(format.name());
        char separator = '?';
        for (var parameter : query.entrySet()) {
            uri.append(separator).append(parameter.getKey()).append('=')
                    .append(java.net.URLEncoder.encode(parameter.getValue(), java.nio.charset.StandardCharsets.UTF_8));
            separator = '&';
        }
        return download(URI.create(uri.toString()), credentials, out);
    }

    /** GET into a temporary file beside {@code out}, moved into place only after a 200: a failed call leaves no file. */
    private static Path download(URI uri, Credentials credentials, Path out) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".report", ".part");
        try {
            HttpResponse<Path> response = http.send(credentials.authorize(HttpRequest.newBuilder(uri)).timeout(Duration.ofMinutes(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(tmp));
            if (response.statusCode() != 200) {
                String body = Files.readString(tmp).strip();
                throw new CliException(ExitCodes.ofHttp(response.statusCode()),
                        "GET " + uri + " answered " + response.statusCode() + (body.isEmpty() ? "" : ": " + abbreviate(body)));
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            return out;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static String stage(Enum<?> stage) {
        String n = stage.name();
        return n.substring(n.indexOf("_STAGE_") + "_STAGE_".length()).toLowerCase().replace('_', ' ');
    }
}
