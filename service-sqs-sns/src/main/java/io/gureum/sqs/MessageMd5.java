package io.gureum.sqs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MD5 digests SQS returns and the SDKs verify: of the body (hex MD5 of its UTF-8 bytes) and of the
 * message (system) attributes, which hashes, for each attribute in name order, the 4-byte big-endian
 * length and bytes of the name, of the data type, a transport byte (1 for String/Number, 2 for
 * Binary) and the length and bytes of the value. See
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation
 */
final class MessageMd5 {
    private MessageMd5() {
    }

    static String ofBody(String body) {
        return HexFormat.of().formatHex(digest().digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Null when there are no attributes: SQS then omits the digest. */
    static String ofAttributes(Map<String, AttributeValue> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return null;
        }
        MessageDigest md = digest();
        for (Map.Entry<String, AttributeValue> e : new TreeMap<>(attributes).entrySet()) {
            AttributeValue v = e.getValue();
            lengthPrefixed(md, e.getKey().getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(md, v.dataType().getBytes(StandardCharsets.UTF_8));
            if (v.binaryValue() != null) {
                md.update((byte) 2);
                lengthPrefixed(md, v.binaryValue());
            } else {
                md.update((byte) 1);
                lengthPrefixed(md, v.stringValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void lengthPrefixed(MessageDigest md, byte[] bytes) {
        md.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        md.update(bytes);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
