package io.gureum.sqs;

import io.gureum.core.protocol.RequestContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * The {@code SenderId} system attribute of a message: who sent it. AWS documents it as the user ID for a
 * user and {@code <role ID>:<session name>} for a role
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html).
 * <ul>
 * <li>Over HTTP Gureum has no IAM unique ID: the caller's access key ID stands in for it (the account
 * for an unsigned request).</li>
 * <li>An AWS service sending in-process shows the ID AWS shows for it: SNS-delivered messages carry
 * {@code AIDAIT2UOQQY3AUEKVGXU} in every region. Services whose ID AWS does not publish get a stable
 * ID of the same shape derived from their principal.</li>
 * <li>An IAM principal sending in-process: the account ID for the root user, {@code AROA…:session} for
 * an assumed role, {@code AIDA…} for a user, the unique ID derived from the ARN (IAM's real ID is
 * another module's).</li>
 * </ul>
 */
final class SenderIds {
    /** What SQS shows for messages from these service principals. */
    static final Map<String, String> SERVICES = Map.of("sns.amazonaws.com", "AIDAIT2UOQQY3AUEKVGXU");
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private SenderIds() {
    }

    static String of(RequestContext ctx) {
        String principal = ctx.principal();
        if (principal == null) {
            return ctx.accessKeyId() != null ? ctx.accessKeyId() : ctx.accountId();
        }
        if (principal.endsWith(".amazonaws.com")) {
            String known = SERVICES.get(principal);
            return known != null ? known : uniqueId("AIDA", principal);
        }
        int colon = principal.lastIndexOf(':');
        String resource = colon < 0 ? principal : principal.substring(colon + 1);
        if (resource.equals("root")) {
            return ctx.accountId();
        }
        if (resource.startsWith("assumed-role/")) {
            int slash = principal.lastIndexOf('/');
            return uniqueId("AROA", principal.substring(0, slash)) + ":" + principal.substring(slash + 1);
        }
        return uniqueId(resource.startsWith("role/") ? "AROA" : "AIDA", principal);
    }

    /** An IAM-shaped unique ID: the prefix and 17 base32 characters, the same for the same name. */
    static String uniqueId(String prefix, String name) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < 17; i++) {
            b.append(BASE32[(digest[i] & 0xff) % 32]);
        }
        return b.toString();
    }
}
