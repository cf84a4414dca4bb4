package bankrisk.provision.returns;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bankrisk.api.convert.Dates;

/** The provision run the returns tests name: PBOC-2002 (seeded) over a date of the fake's returns book. */
final class ReturnsFixture {

    private ReturnsFixture() {
    }

    /** Runs (or reuses) PBOC-2002 v1 over the snapshot of {@code asOf}; returns the run id. */
    static long run(ProvisionServiceBlockingStub provision, LocalDate asOf) {
        List<RunProvisioningProgress> progress = new ArrayList<>();
        provision.runProvisioning(RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(asOf)).setPolicyCode("PBOC-2002")
                .setPolicyVersion(1).build()).forEachRemaining(progress::add);
        return progress.get(progress.size() - 1).getRun().getRunId();
    }
}
