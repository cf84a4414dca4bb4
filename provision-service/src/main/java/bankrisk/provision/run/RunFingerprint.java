package bankrisk.provision.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import bankrisk.provision.policy.LoanCategory;
import bankrisk.provision.policy.ProvisionPolicy;

/**
 * SHA-256 fingerprints of a run. The input key hashes the inputs alone (the same inputs give the same run); the
 * run fingerprint hashes the inputs and then every line, in the snapshot's loan order, as the lines stream past.
 */
public final class RunFingerprint {

    private final MessageDigest digest;

    public RunFingerprint(String inputs) {
        digest = sha256();
        update(inputs);
    }

    public void add(ProvisionLine line) {
        update(line.canonical());
    }

    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The inputs in one fixed text form: the same inputs give the same text. */
    public static String canonicalInputs(RunInputs inputs, ProvisionPolicy policy) {
        StringBuilder text = new StringBuilder()
                .append("asOf=").append(inputs.asOf())
                .append(";snapshot=").append(inputs.snapshotId()).append('/').append(inputs.snapshotFingerprint())
                .append('/').append(inputs.snapshotRuleSet())
                .append(";policy=").append(inputs.policyCode()).append(" v").append(inputs.policyVersion())
                .append(";base=").append(inputs.base())
                .append(";general=").append(inputs.generalReserveRate().stripTrailingZeros().toPlainString());
        for (LoanCategory category : LoanCategory.values()) {
            text.append(';').append(category).append('=').append(policy.rateOf(category).rate.stripTrailingZeros().toPlainString());
        }
        return text.append(";collateral=").append(inputs.eligibleCollateral())
                .append(";currency=").append(inputs.currencyCode())
                .append(';').append(inputs.eclParameters())
                .toString();
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private void update(String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
