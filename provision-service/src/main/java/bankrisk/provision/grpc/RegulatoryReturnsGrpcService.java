package bankrisk.provision.grpc;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import bank.provision.v1.G11Return;
import bank.provision.v1.G12Return;
import bank.provision.v1.G13Return;
import bank.provision.v1.GetG11Request;
import bank.provision.v1.GetG12Request;
import bank.provision.v1.GetG13Request;
import bank.provision.v1.RegulatoryReturnsService;
import bankrisk.api.convert.Dates;
import bankrisk.common.error.Violations;
import bankrisk.common.security.Roles;
import bankrisk.provision.label.Lang;
import bankrisk.provision.returns.ReturnService;
import bankrisk.provision.returns.ReturnService.ReturnPeriod;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * gRPC adapter of {@code bank.provision.v1.RegulatoryReturnsService}: the 1104 returns for {@code finance},
 * {@code auditor} and {@code risk-officer} (who files them). Reads only.
 */
@GrpcService
@Blocking
@RolesAllowed({ Roles.FINANCE, Roles.AUDITOR, Roles.RISK_OFFICER })
public class RegulatoryReturnsGrpcService implements RegulatoryReturnsService {

    private final ReturnService returns;

    @Inject
    RegulatoryReturnsGrpcService(ReturnService returns) {
        this.returns = returns;
    }

    @Override
    public Uni<G11Return> getG11(GetG11Request request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            LocalDate asOf = Dates.parse(request.getAsOf(), "as_of", violations);
            violations.require(request.getRunId() > 0, "run_id", "must be a positive run id");
            Lang lang = Lang.parse(request.getLang(), "lang", Lang.ZH_CN, violations);
            violations.throwIfAny();
            return ReturnsMapper.toProto(UpstreamCalls.orUnavailable(() -> returns.g11(asOf, request.getRunId())), lang);
        });
    }

    @Override
    public Uni<G12Return> getG12(GetG12Request request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            LocalDate from = Dates.parse(request.getFrom(), "from", violations);
            LocalDate to = Dates.parse(request.getTo(), "to", violations);
            ReturnPeriod period = ReturnPeriod.check(from, to, violations);
            Lang lang = Lang.parse(request.getLang(), "lang", Lang.ZH_CN, violations);
            violations.throwIfAny();
            return ReturnsMapper.toProto(UpstreamCalls.orUnavailable(() -> returns.g12(period)), lang);
        });
    }

    @Override
    public Uni<G13Return> getG13(GetG13Request request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            LocalDate asOf = Dates.parse(request.getAsOf(), "as_of", violations);
            violations.require(request.getRunId() > 0, "run_id", "must be a positive run id");
            Lang lang = Lang.parse(request.getLang(), "lang", Lang.ZH_CN, violations);
            violations.throwIfAny();
            return ReturnsMapper.toProto(UpstreamCalls.orUnavailable(() -> returns.g13(asOf, request.getRunId())), lang);
        });
    }
}
