package io.gureum.sqs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Receipt handles: opaque to clients, new on every receive. Ours carry the queue ARN, the message ID
 * and the delivery epoch, so a handle from an earlier delivery is recognisably stale.
 */
final class ReceiptHandles {
    record Parsed(String queueArn, String messageId, long epoch) {
    }

    private ReceiptHandles() {
    }

    static String encode(String queueArn, String messageId, long epoch) {
        String raw = queueArn + "\n" + messageId + "\n" + epoch + "\n"
                + Long.toHexString(ThreadLocalRandom.current().nextLong());
        return "AQEB" + Base64.getEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The parsed handle, or null if it is not one of ours. */
    static Parsed decode(String handle) {
        if (handle == null || !handle.startsWith("AQEB")) {
            return null;
        }
        try {
            String raw = new String(Base64.getDecoder().decode(handle.substring(4)), StandardCharsets.UTF_8);
            String[] parts = raw.split("\n");
            if (parts.length != 4) {
                return null;
            }
            return new Parsed(parts[0], parts[1], Long.parseLong(parts[2]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
