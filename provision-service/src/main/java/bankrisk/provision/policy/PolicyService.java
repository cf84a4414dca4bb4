package bankrisk.provision.policy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import bankrisk.common.error.AlreadyExistsException;
import bankrisk.common.error.NotFoundException;
import bankrisk.common.error.Violations;
import bankrisk.platform.audit.AuditLog;
import bankrisk.provision.audit.Requester;
import io.quarkus.panache.common.Sort;

/** Stores policy versions (each creation audited in its own transaction) and finds them. */
@ApplicationScoped
public class PolicyService {

    static final String RESOURCE = "policy";
    public static final String POLICY_CREATED = "POLICY_CREATED";

    private final AuditLog audit;
    private final DataSource dataSource;

    @Inject
    PolicyService(AuditLog audit, DataSource dataSource) {
        this.audit = audit;
        this.dataSource = dataSource;
    }

    @Transactional
    public ProvisionPolicy create(ProvisionPolicy policy, Requester requester) {
        Violations violations = new Violations();
        bands(policy.framework).applyTo(policy, violations);
        violations.throwIfAny();
        PolicyRules.validate(policy);
        if (find(policy.policyCode, policy.version) != null) {
            throw new AlreadyExistsException(RESOURCE, name(policy.policyCode, policy.version));
        }
        try {
            policy.persistAndFlush();
        } catch (PersistenceException e) {
            // A concurrent creation of the same version won the race between the check and the insert.
            if (e.getCause() instanceof ConstraintViolationException) {
                throw new AlreadyExistsException(RESOURCE, name(policy.policyCode, policy.version));
            }
            throw e;
        }
        audit.recordAs(requester.name(), requester.reason(), POLICY_CREATED, "policy/" + policy.policyCode + "/" + policy.version,
                Map.of("name", policy.name, "framework", policy.framework.name(), "recovery_booking", policy.recoveryBooking.name(),
                        "effective_from", policy.effectiveFrom.toString(), "base", policy.base.name(),
                        "general_reserve_rate", policy.generalReserveRate.stripTrailingZeros().toPlainString(), "rates", rates(policy)));
        return policy;
    }

    /** The bands and general-reserve floor of a framework, from the regulation's rows (none for a bank's own). */
    FrameworkBands bands(PolicyFramework framework) {
        Map<LoanCategory, BigDecimal[]> bands = new EnumMap<>(LoanCategory.class);
        BigDecimal generalMin = null;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT general_reserve_min FROM policy_framework WHERE code = ?")) {
                ps.setString(1, framework.name());
                try (ResultSet row = ps.executeQuery()) {
                    if (row.next() && row.getBigDecimal(1) != null) {
                        generalMin = row.getBigDecimal(1).stripTrailingZeros();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT category, min_rate, max_rate FROM policy_framework_band WHERE framework = ?")) {
                ps.setString(1, framework.name());
                try (ResultSet row = ps.executeQuery()) {
                    while (row.next()) {
                        bands.put(LoanCategory.valueOf(row.getString(1)), new BigDecimal[] {row.getBigDecimal(2).stripTrailingZeros(),
                                row.getBigDecimal(3).stripTrailingZeros()});
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the bands of " + framework, e);
        }
        return new FrameworkBands(framework, bands, generalMin);
    }

    /** A page of every stored version, by code then version. */
    @Transactional
    public List<ProvisionPolicy> list(long offset, int size) {
        if (offset > Integer.MAX_VALUE - size) {
            return List.of();
        }
        int start = (int) offset;
        return ProvisionPolicy.<ProvisionPolicy> findAll(Sort.by("policyCode").and("version")).range(start, start + size - 1).list();
    }

    @Transactional
    public long count() {
        return ProvisionPolicy.count();
    }

    /** A version of a policy, or its latest version when {@code version} is 0. */
    public ProvisionPolicy get(String policyCode, int version) {
        ProvisionPolicy policy = version == 0
                ? ProvisionPolicy.<ProvisionPolicy> find("policyCode = ?1 order by version desc", policyCode).firstResult()
                : find(policyCode, version);
        if (policy == null) {
            throw new NotFoundException(RESOURCE, version == 0 ? policyCode : name(policyCode, version));
        }
        return policy;
    }

    private static ProvisionPolicy find(String policyCode, int version) {
        return ProvisionPolicy.find("policyCode = ?1 and version = ?2", policyCode, version).firstResult();
    }

    /** "NORMAL=0 SPECIAL_MENTION=0.02 …" in category order. */
    private static String rates(ProvisionPolicy policy) {
        StringBuilder out = new StringBuilder();
        policy.rates.stream().sorted(Comparator.comparing(r -> r.category)).forEach(rate -> out.append(out.isEmpty() ? "" : " ")
                .append(rate.category).append('=').append(rate.rate.stripTrailingZeros().toPlainString()));
        return out.toString();
    }

    private static String name(String policyCode, int version) {
        return policyCode + " v" + version;
    }
}
