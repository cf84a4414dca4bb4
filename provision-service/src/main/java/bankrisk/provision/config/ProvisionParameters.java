package bankrisk.provision.config;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import bankrisk.provision.ecl.EclParameters;
import bankrisk.provision.policy.LoanCategory;
import bankrisk.provision.run.CollateralKind;

/** Turns the configuration into the plain parameter records the domain code takes, failing fast at start. */
@ApplicationScoped
public class ProvisionParameters {

    @Produces
    @Singleton
    EclParameters eclParameters(ProvisionConfig config) {
        ProvisionConfig.Ecl ecl = config.ecl();
        return new EclParameters(byCategory(ecl.stage(), "stage"), ecl.stage2DaysPastDue(), ecl.stage3DaysPastDue(),
                byCategory(ecl.pd12Month(), "pd-12-month"), byCategory(ecl.pdLifetime(), "pd-lifetime"), byCategory(ecl.lgd(), "lgd"));
    }

    public static Set<CollateralKind> eligibleCollateral(ProvisionConfig config) {
        Set<CollateralKind> kinds = EnumSet.noneOf(CollateralKind.class);
        for (String name : config.eligibleCollateral()) {
            kinds.add(CollateralKind.valueOf(name.trim().toUpperCase().replace('-', '_')));
        }
        return kinds;
    }

    /** Keys are category names in any case, with '-' or '_' ("special-mention", "SPECIAL_MENTION"). */
    static <V> Map<LoanCategory, V> byCategory(Map<String, V> values, String key) {
        Map<LoanCategory, V> result = new EnumMap<>(LoanCategory.class);
        values.forEach((name, value) -> {
            try {
                result.put(LoanCategory.valueOf(name.trim().toUpperCase().replace('-', '_')), value);
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("provision.ecl." + key + "." + name + ": not a loan category", unknown);
            }
        });
        return result;
    }
}
