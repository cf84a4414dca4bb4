package bankrisk.provision.fake;

import bank.common.v1.Money;
import bank.tiering.v1.Customer;
import bank.tiering.v1.GetCustomerRequest;
import bank.tiering.v1.MutinyTieringServiceGrpc;
import bank.tiering.v1.StreamTierAssignmentsRequest;
import bank.tiering.v1.TierAssignment;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * tiering-service stubbed at the gRPC boundary: December 2024 is evaluated (C001 欣然, C002 below the lowest
 * tier, C003 卓然; C004 and C005 unknown), every other month is NOT_FOUND. Every call must carry provision-service's
 * own token ({@link ServiceTokenCheck}).
 */
@GrpcService
@RegisterInterceptor(ServiceTokenCheck.class)
public class FakeTiering extends MutinyTieringServiceGrpc.TieringServiceImplBase {

    /** The returns book's registered borrowers (ReturnsBook); every other customer is NOT_FOUND. */
    @Override
    public Uni<Customer> getCustomer(GetCustomerRequest request) {
        String name = switch (request.getCustomerNumber()) {
            case "C102" -> "王小明";
            case "C107" -> "华信贸易有限公司";
            default -> null;
        };
        if (name == null) {
            return Uni.createFrom().failure(Status.NOT_FOUND.withDescription("no customer " + request.getCustomerNumber()).asRuntimeException());
        }
        return Uni.createFrom().item(Customer.newBuilder().setCustomerNumber(request.getCustomerNumber()).setName(name).build());
    }

    @Override
    public Multi<TierAssignment> streamTierAssignments(StreamTierAssignmentsRequest request) {
        if (request.getMonth().getYear() != 2024 || request.getMonth().getMonth() != 12) {
            return Multi.createFrom().failure(Status.NOT_FOUND.withDescription("month not evaluated").asRuntimeException());
        }
        return Multi.createFrom().items(
                assignment("C001", "XINRAN", "欣然", "60000.00", "B"),
                assignment("C002", "", "", "1000.00", "C"),
                assignment("C003", "ZHUORAN", "卓然", "2000000.00", "A"));
    }

    private static TierAssignment assignment(String customer, String code, String name, String average, String valueClass) {
        return TierAssignment.newBuilder().setCustomerNumber(customer).setTierCode(code).setTierName(name)
                .setAverageBalance(Money.newBuilder().setAmount(average).setCurrencyCode("CNY")).setValueClass(valueClass).build();
    }
}
