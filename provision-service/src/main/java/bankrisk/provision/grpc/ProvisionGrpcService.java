package bankrisk.provision.grpc;

import jakarta.inject.Inject;

import bank.provision.v1.CreatePolicyRequest;
import bank.provision.v1.GetPolicyRequest;
import bank.provision.v1.Policy;
import bank.provision.v1.ProvisionService;
import bankrisk.api.convert.Texts;
import bankrisk.common.error.Violations;
import bankrisk.provision.policy.PolicyService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** gRPC adapter of {@code bank.provision.v1.ProvisionService}. */
@GrpcService
@Blocking
public class ProvisionGrpcService implements ProvisionService {

    private final PolicyService policies;

    @Inject
    ProvisionGrpcService(PolicyService policies) {
        this.policies = policies;
    }

    @Override
    public Uni<Policy> createPolicy(CreatePolicyRequest request) {
        return Uni.createFrom().item(() -> PolicyMapper.toProto(policies.create(PolicyMapper.toDomain(request))));
    }

    @Override
    public Uni<Policy> getPolicy(GetPolicyRequest request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            String code = Texts.identifier(request.getPolicyCode(), "policy_code", 40, violations);
            violations.require(request.getVersion() >= 0, "version", "must be 0 (latest) or more");
            violations.throwIfAny();
            return PolicyMapper.toProto(policies.get(code, request.getVersion()));
        });
    }
}
