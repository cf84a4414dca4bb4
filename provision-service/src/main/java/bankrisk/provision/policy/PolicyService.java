package bankrisk.provision.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import bankrisk.common.error.AlreadyExistsException;
import bankrisk.common.error.NotFoundException;

/** Stores policy versions and finds them. */
@ApplicationScoped
public class PolicyService {

    static final String RESOURCE = "policy";

    @Transactional
    public ProvisionPolicy create(ProvisionPolicy policy) {
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
        return policy;
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

    private static String name(String policyCode, int version) {
        return policyCode + " v" + version;
    }
}
