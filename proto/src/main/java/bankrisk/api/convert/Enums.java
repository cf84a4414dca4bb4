package bankrisk.api.convert;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.ProtocolMessageEnum;

import bankrisk.common.error.Violations;

/**
 * Maps contract enums to domain enums by name, following the protobuf style guide: the contract value
 * {@code PRODUCT_PERSONAL_MORTGAGE} of enum {@code Product} is the domain value {@code PERSONAL_MORTGAGE}.
 * {@code *_UNSPECIFIED} and numbers unknown to this server are rejected with the list of accepted values.
 */
public final class Enums {

    // Streams convert every row's enums: the prefix is derived once per enum type, not once per value (a regex).
    private static final Map<EnumDescriptor, String> PREFIXES = new ConcurrentHashMap<>();
    /** Per contract enum type: its values by domain name ("PERSONAL_MORTGAGE" → PRODUCT_PERSONAL_MORTGAGE). */
    private static final ClassValue<Map<String, Enum<?>>> BY_DOMAIN_NAME = new ClassValue<>() {
        @Override
        protected Map<String, Enum<?>> computeValue(Class<?> protoType) {
            String prefix = prefix(((ProtocolMessageEnum) protoType.getEnumConstants()[0]).getDescriptorForType());
            Map<String, Enum<?>> byName = new HashMap<>();
            for (Object constant : protoType.getEnumConstants()) {
                String name = ((Enum<?>) constant).name();
                if (name.startsWith(prefix)) {
                    byName.put(name.substring(prefix.length()), (Enum<?>) constant);
                }
            }
            return Map.copyOf(byName);
        }
    };

    private Enums() {
    }

    /** Reads a contract enum value as a domain value, or records why it is bad and returns null. */
    public static <E extends Enum<E>> E fromProto(ProtocolMessageEnum value, Class<E> domainType, String field,
            Violations violations) {
        EnumDescriptor descriptor = value.getDescriptorForType();
        String prefix = prefix(descriptor);
        if (value instanceof Enum<?> constant && !"UNRECOGNIZED".equals(constant.name())) {
            String name = constant.name();
            if (name.startsWith(prefix)) {
                String domainName = name.substring(prefix.length());
                for (E candidate : domainType.getEnumConstants()) {
                    if (candidate.name().equals(domainName)) {
                        return candidate;
                    }
                }
            }
        }
        violations.add(field, "must be one of " + Arrays.stream(domainType.getEnumConstants())
                .map(e -> prefix + e.name())
                .collect(Collectors.joining(", ")));
        return null;
    }

    /** The contract value of a domain value. */
    public static <P extends Enum<P> & ProtocolMessageEnum> P toProto(Enum<?> value, Class<P> protoType) {
        Enum<?> constant = BY_DOMAIN_NAME.get(protoType).get(value.name());
        if (constant == null) {
            throw new IllegalArgumentException("no constant of " + protoType.getName() + " for " + value.name());
        }
        return protoType.cast(constant);
    }

    /** "LoanCategory" → "LOAN_CATEGORY_". */
    static String prefix(EnumDescriptor descriptor) {
        return PREFIXES.computeIfAbsent(descriptor, d -> d.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase() + "_");
    }
}
