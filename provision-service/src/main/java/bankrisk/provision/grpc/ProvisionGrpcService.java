package bankrisk.provision.grpc;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import bank.common.v1.ListAuditEventsRequest;
import bank.common.v1.ListAuditEventsResponse;
import bank.provision.v1.ClosePeriodRequest;
import bank.provision.v1.ClosePeriodResponse;
import bank.provision.v1.CreatePolicyRequest;
import bank.provision.v1.GetPostingRequest;
import bank.provision.v1.LedgerPosting;
import bank.provision.v1.ListPoliciesRequest;
import bank.provision.v1.ListPoliciesResponse;
import bank.provision.v1.ListRunsRequest;
import bank.provision.v1.ListRunsResponse;
import bank.provision.v1.RunApprovalStatus;
import bank.provision.v1.RunLinePage;
import bank.provision.v1.RunStepRequest;
import bank.provision.v1.StreamRunLinesRequest;
import bank.provision.v1.GetJournalRequest;
import bank.provision.v1.GetMovementRequest;
import bank.provision.v1.GetPolicyRequest;
import bank.provision.v1.GetReportRequest;
import bank.provision.v1.GetRunRequest;
import bank.provision.v1.Journal;
import bank.provision.v1.Movement;
import bank.provision.v1.Policy;
import bank.provision.v1.ProvisionRun;
import bank.provision.v1.ProvisionService;
import bank.provision.v1.Report;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Enums;
import bankrisk.api.convert.Paging;
import bankrisk.api.convert.Texts;
import bankrisk.api.error.RunInProgressStatus;
import bankrisk.common.error.RunInProgressException;
import bankrisk.common.error.Violations;
import bankrisk.common.run.RunLock;
import bankrisk.common.security.Roles;
import bankrisk.platform.audit.AuditEvents;
import bankrisk.platform.security.Caller;
import bankrisk.platform.stream.PacedStreams;
import bankrisk.provision.audit.Requester;
import bankrisk.provision.close.Postings;
import bankrisk.provision.close.RunApprovals;
import bankrisk.provision.journal.JournalService;
import bankrisk.provision.movement.MovementService;
import bankrisk.provision.policy.PolicyService;
import bankrisk.provision.report.ReportService;
import bankrisk.provision.report.ReportView;
import bankrisk.provision.run.RunLines;
import bankrisk.provision.run.RunProgress;
import bankrisk.provision.run.RunRepository;
import bankrisk.provision.run.RunService;
import bankrisk.provision.run.UpstreamUnavailableException;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * gRPC adapter of {@code bank.provision.v1.ProvisionService}. Changes (policies, runs) are {@code finance}'s; every
 * read is open to {@code finance} and {@code auditor}. The caller named in the audit log is the verified token's.
 */
@GrpcService
@Blocking
public class ProvisionGrpcService implements ProvisionService {

    private final PolicyService policies;
    private final RunService runService;
    private final RunRepository runs;
    private final MovementService movements;
    private final JournalService journals;
    private final ReportService reports;

    @Inject
    DataSource dataSource;

    @Inject
    Caller caller;

    @Inject
    AuditEvents auditEvents;

    @Inject
    PacedStreams streams;

    @Inject
    RunApprovals approvals;

    @Inject
    Postings postings;

    @Inject
    RunLines lines;

    @Inject
    ProvisionGrpcService(PolicyService policies, RunService runService, RunRepository runs, MovementService movements,
            JournalService journals, ReportService reports) {
        this.policies = policies;
        this.runService = runService;
        this.runs = runs;
        this.movements = movements;
        this.journals = journals;
        this.reports = reports;
    }

    @Override
    @RolesAllowed(Roles.FINANCE)
    public Uni<Policy> createPolicy(CreatePolicyRequest request) {
        Requester requester = requester();
        return Uni.createFrom().item(() -> PolicyMapper.toProto(policies.create(PolicyMapper.toDomain(request), requester)));
    }

    @Override
    @RolesAllowed({ Roles.FINANCE, Roles.AUDITOR })
    public Uni<Policy> getPolicy(GetPolicyRequest request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            String code = Texts.identifier(request.getPolicyCode(), "policy_code", 40, violations);
            violations.require(request.getVersion() >= 0, "version", "must be 0 (latest) or more");
            violations.throwIfAny();
            return PolicyMapper.toProto(policies.get(code, request.getVersion()));
        });
    }

    /**
     * Runs on the worker thread that subscribes: progress messages are emitted as the run goes (the newest one
     * replacing an unsent one while the caller is not reading); a caller that cancels aborts the run (its
     * transaction rolls back).
     */
    @Override
    @RolesAllowed(Roles.FINANCE)
    public Multi<RunProvisioningProgress> runProvisioning(RunProvisioningRequest request) {
        Requester requester = requester();
        Violations violations = new Violations();
        LocalDate asOf = Dates.parse(request.getAsOf(), "as_of", violations);
        String code = Texts.identifier(request.getPolicyCode(), "policy_code", 40, violations);
        violations.require(request.getPolicyVersion() >= 0, "policy_version", "must be 0 (latest) or more");
        violations.require(request.getDeductedAllowanceRunId() >= 0, "deducted_allowance_run_id", "must be a run id or 0");
        violations.throwIfAny();
        return streams.<RunProvisioningProgress> progress(emitter -> {
            RunProgress[] last = new RunProgress[1];
            // One replica runs a key (as-of date, policy code, requested version); the others answer ABORTED
            // RUN_IN_PROGRESS with the job id.
            String runKey = asOf + " " + code + " v" + request.getPolicyVersion()
                    + (request.getDeductedAllowanceRunId() == 0 ? "" : " deducting run " + request.getDeductedAllowanceRunId());
            try (RunLock lock = RunLock.acquire(dataSource, "provision/run-provisioning", runKey)) {
                bankrisk.provision.run.ProvisionRun run = runService.run(asOf, code, request.getPolicyVersion(),
                        request.getDeductedAllowanceRunId(), requester, progress -> {
                    if (emitter.isCancelled()) {
                        throw new IllegalStateException("the caller cancelled the run");
                    }
                    last[0] = progress;
                    if (progress.phase() != RunProgress.Phase.COMPLETED && progress.phase() != RunProgress.Phase.REUSED) {
                        emitter.emit(RunMapper.toProto(progress).toBuilder().setJobId(lock.jobId()).build());
                    }
                });
                emitter.emit(RunMapper.toProto(last[0]).toBuilder().setRun(RunMapper.toProto(run)).setJobId(lock.jobId()).build());
            } catch (RunInProgressException running) {
                emitter.fail(RunInProgressStatus.of(running));
                return;
            } catch (UpstreamUnavailableException e) {
                emitter.fail(UpstreamCalls.unavailable(e));
                return;
            } catch (RuntimeException e) {
                emitter.fail(e);
                return;
            }
            // Only once the run's lock is released: a caller that retries as soon as it has the answer finds the run
            // done (REUSED), not RUN_IN_PROGRESS.
            emitter.complete();
        });
    }

    @Override
    @RolesAllowed({ Roles.FINANCE, Roles.AUDITOR })
    public Uni<ProvisionRun> getRun(GetRunRequest request) {
        return Uni.createFrom().item(() -> RunMapper.toProto(runs.get(positive(request.getRunId(), "run_id"))));
    }

    @Override
    @RolesAllowed({ Roles.FINANCE, Roles.AUDITOR })
    public Uni<Movement> getMovement(GetMovementRequest request) {
        return Uni.createFrom().item(() -> RunMapper.toProto(UpstreamCalls.orUnavailable(
                () -> movements.movement(request.getFromRunId(), request.getToRunId()))));
    }

    @Override
    @RolesAllowed({ Roles.FINANCE, Roles.AUDITOR })
    public Uni<Journal> getJournal(GetJournalRequest request) {
        return Uni.createFrom().item(() -> RunMapper.toProto(UpstreamCalls.orUnavailable(
                () -> journals.journal(request.getRunId(), request.getPreviousRunId()))));
    }

    @Override
    @RolesAllowed({ Roles.FINANCE, Roles.AUDITOR })
    public Uni<Report> getReport(GetReportRequest request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            long runId = request.getRunId();
            violations.require(runId > 0, "run_id", "must be a run id");
            ReportView view = Enums.fromProto(request.getView(), ReportView.class, "view", violations);
            violations.throwIfAny();
            return RunMapper.toProto(reports.report(runId, view));
        });
    }

    @Override
    @RolesAllowed({ Roles.FINANCE, Roles.AUDITOR })
    public Uni<ListAuditEventsResponse> listAuditEvents(ListAuditEventsRequest request) {
        return Uni.createFrom().item(() -> auditEvents.list(request));
    }

    @Override
    @RolesAllowed(Roles.FINANCE)
    public Uni<ProvisionRun> submitRun(RunStepRequest request) {
        Requester requester = requester();
        return Uni.createFrom().item(() -> RunMapper.toProto(approvals.submit(runId(request), requester)));
    }

    @Override
    @RolesAllowed(Roles.FINANCE_APPROVER)
    public Uni<ProvisionRun> approveRun(RunStepRequest request) {
        Requester requester = requester();
        return Uni.createFrom().item(() -> RunMapper.toProto(approvals.approve(runId(request), requester)));
    }

    @Override
    @RolesAllowed(Roles.FINANCE_APPROVER)
    public Uni<ProvisionRun> rejectRun(RunStepRequest request) {
        Requester requester = requester();
        return Uni.createFrom().item(() -> RunMapper.toProto(approvals.reject(runId(request), requester)));
    }

    @Override
    @RolesAllowed(Roles.FINANCE)
    public Uni<LedgerPosting> postRun(RunStepRequest request) {
        Requester requester = requester();
        return Uni.createFrom().item(() -> CloseMapper.toProto(UpstreamCalls.orUnavailable(() -> postings.post(runId(request), requester))));
    }

    @Override
    @RolesAllowed(Roles.FINANCE)
    public Uni<ProvisionRun> requestReversal(RunStepRequest request) {
        Requester requester = requester();
        return Uni.createFrom().item(() -> RunMapper.toProto(approvals.requestReversal(runId(request), requester)));
    }

    @Override
    @RolesAllowed(Roles.FINANCE_APPROVER)
    public Uni<LedgerPosting> approveReversal(RunStepRequest request) {
        Requester requester = requester();
        return Uni.createFrom().item(() -> CloseMapper.toProto(postings.approveReversal(runId(request), requester)));
    }

    @Override
    @RolesAllowed(Roles.FINANCE_APPROVER)
    public Uni<ClosePeriodResponse> closePeriod(ClosePeriodRequest request) {
        Requester requester = requester();
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            YearMonth period = Dates.parse(request.getPeriod(), "period", violations);
            violations.throwIfAny();
            postings.closePeriod(period, requester);
            return ClosePeriodResponse.newBuilder().setPeriod(Dates.toYearMonth(period)).setClosedBy(requester.name()).build();
        });
    }

    @Override
    @RolesAllowed({ Roles.FINANCE, Roles.AUDITOR })
    public Uni<LedgerPosting> getPosting(GetPostingRequest request) {
        return Uni.createFrom().item(() -> CloseMapper.toProto(postings.get(positive(request.getPostingId(), "posting_id"))));
    }

    @Override
    @RolesAllowed({ Roles.FINANCE, Roles.AUDITOR })
    public Uni<ListRunsResponse> listRuns(ListRunsRequest request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            LocalDate from = request.hasFromAsOf() ? Dates.parse(request.getFromAsOf(), "from_as_of", violations) : null;
            LocalDate to = request.hasToAsOf() ? Dates.parse(request.getToAsOf(), "to_as_of", violations) : null;
            violations.require(from == null || to == null || !to.isBefore(from), "to_as_of", "must not be before from_as_of");
            String code = request.getPolicyCode().isEmpty() ? null : Texts.identifier(request.getPolicyCode(), "policy_code", 40, violations);
            bankrisk.provision.run.ApprovalStatus status = request.getStatus() == RunApprovalStatus.RUN_APPROVAL_STATUS_UNSPECIFIED ? null
                    : Enums.fromProto(request.getStatus(), bankrisk.provision.run.ApprovalStatus.class, "status", violations);
            Paging.Page page = Paging.parse(request.getPage(), "page", violations);
            violations.throwIfAny();
            List<bankrisk.provision.run.ProvisionRun> found = runs.list(from, to, code, status, page.offset(), page.size());
            return ListRunsResponse.newBuilder().addAllRuns(found.stream().map(RunMapper::toProto).toList())
                    .setPage(Paging.info(page, found.size(), runs.count(from, to, code, status))).build();
        });
    }

    @Override
    @RolesAllowed({ Roles.FINANCE, Roles.AUDITOR })
    public Uni<ListPoliciesResponse> listPolicies(ListPoliciesRequest request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            Paging.Page page = Paging.parse(request.getPage(), "page", violations);
            violations.throwIfAny();
            var found = policies.list(page.offset(), page.size());
            return ListPoliciesResponse.newBuilder().addAllPolicies(found.stream().map(PolicyMapper::toProto).toList())
                    .setPage(Paging.info(page, found.size(), policies.count())).build();
        });
    }

    @Override
    @RolesAllowed({ Roles.FINANCE, Roles.AUDITOR })
    public Multi<RunLinePage> streamRunLines(StreamRunLinesRequest request) {
        long runId = positive(request.getRunId(), "run_id");
        return streams.stream(lines.pages(runId, RunLines.PAGE_SIZE).map(RunMapper::toProto));
    }

    private static long runId(RunStepRequest request) {
        return positive(request.getRunId(), "run_id");
    }

    /** Read on the calling thread, where the verified identity and the call's headers are known. */
    private Requester requester() {
        return new Requester(caller.name(), caller.reason());
    }

    private static long positive(long id, String field) {
        Violations violations = new Violations();
        violations.require(id > 0, field, "must be a positive id");
        violations.throwIfAny();
        return id;
    }
}
