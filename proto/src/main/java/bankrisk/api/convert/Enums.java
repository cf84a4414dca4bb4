package bankrisk.api.convert;

import java.util.Arrays;
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
        String prefix = prefix(protoType.getEnumConstants()[0].getDescriptorForType());
        return Enum.valueOf(protoType, prefix + value.name());
    }

    /** "LoanCategory" → "LOAN_CATEGORY_". */
    static String prefix(EnumDescriptor descriptor) {
        return descriptor.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase() + "_";
    }
}
