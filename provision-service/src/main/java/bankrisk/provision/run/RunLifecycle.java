package bankrisk.provision.run;

import java.time.OffsetDateTime;

/**
 * A run's approval state and the people behind it; the reasons they gave are in the audit log. {@code postingId} and
 * {@code reversalId} are 0 until the run is posted or its posting reversed.
 */
public record RunLifecycle(ApprovalStatus status, String submittedBy, OffsetDateTime submittedAt, String decidedBy,
        OffsetDateTime decidedAt, String reversalRequestedBy, OffsetDateTime reversalRequestedAt, long postingId,
        long reversalId) {

    public static final RunLifecycle DRAFT = new RunLifecycle(ApprovalStatus.DRAFT, null, null, null, null, null, null, 0, 0);
}
