package bankrisk.provision.grpc;

import java.time.YearMonth;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bank.tiering.v1.StreamTierAssignmentsRequest;
import bank.tiering.v1.TieringServiceGrpc.TieringServiceBlockingStub;
import bankrisk.api.convert.Dates;
import bankrisk.platform.security.ServiceIdentity;
import bankrisk.provision.config.ProvisionConfig;
import bankrisk.provision.tier.TierAssignment;
import bankrisk.provision.tier.TierSource;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;

/** Reads tiering-service's {@code StreamTierAssignments} (gRPC client {@code tiering}) as {@code provision-service} (role {@code service}). */
@ApplicationScoped
public class TieringClient implements TierSource {

    static final String SERVICE = "tiering";

    private final TieringServiceBlockingStub stub;
    private final ProvisionConfig config;

    @Inject
    TieringClient(@GrpcClient("tiering") @RegisterClientInterceptor(ServiceIdentity.class) TieringServiceBlockingStub stub, ProvisionConfig config) {
        this.stub = stub;
        this.config = config;
    }

    @Override
    public boolean forEachAssignment(YearMonth month, Consumer<TierAssignment> sink) {
        return UpstreamCalls.cancellable(SERVICE, () -> {
            Iterator<bank.tiering.v1.TierAssignment> assignments = stub
                    .withDeadlineAfter(config.run().streamDeadline().toMillis(), TimeUnit.MILLISECONDS)
                    .streamTierAssignments(StreamTierAssignmentsRequest.newBuilder().setMonth(Dates.toYearMonth(month)).build());
            try {
                while (assignments.hasNext()) {
                    bank.tiering.v1.TierAssignment a = assignments.next();
                    sink.accept(new TierAssignment(a.getCustomerNumber(), a.getTierCode(), a.getTierName(), a.getValueClass()));
                }
            } catch (StatusRuntimeException e) {
                // NOT_FOUND: tiering has not evaluated the month; the tier report shows the customers as untiered.
                if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                    return false;
                }
                throw e;
            }
            return true;
        });
    }
}
