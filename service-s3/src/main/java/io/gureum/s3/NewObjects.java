package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.ContentHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** What PutObject, CopyObject and CreateMultipartUpload check and default alike for the object they make. */
final class NewObjects {
    private NewObjects() {
    }

    /**
     * Headers of objects that carry a Content-Type alone (nearly all), one instance per type: a million objects
     * then hold one shared record and type string rather than a million equal ones (about 100 bytes each).
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, ContentHeaders> TYPE_ONLY =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int TYPE_ONLY_MAX = 256;

    static ContentHeaders contentHeaders(String type, String cache, String disposition, String encoding,
            String language, Instant expires, String redirect) {
        String t = type == null ? "binary/octet-stream" : type;
        if (cache == null && disposition == null && encoding == null && language == null && expires == null
                && redirect == null) {
            ContentHeaders shared = TYPE_ONLY.get(t);
            if (shared != null) {
                return shared;
            }
            ContentHeaders h = new ContentHeaders(t, null, null, null, null, null, null);
            return TYPE_ONLY.size() < TYPE_ONLY_MAX ? java.util.Objects.requireNonNullElse(TYPE_ONLY.putIfAbsent(t, h), h)
                    : h;
        }
        return new ContentHeaders(t, cache, disposition, encoding, language, expires, redirect);
    }

    static String storageClass(String requested) {
        return requested == null || requested.isEmpty() ? "STANDARD" : requested;
    }

    /** The requested server-side encryption, else the bucket's default (AES256 unless configured). */
    static String sse(Bucket b, String requested) {
        if (requested != null) {
            return requested;
        }
        if (b.encryption != null && !b.encryption.rules().isEmpty()
                && b.encryption.rules().get(0).applyServerSideEncryptionByDefault() != null) {
            return b.encryption.rules().get(0).applyServerSideEncryptionByDefault().sseAlgorithmAsString();
        }
        return "AES256";
    }

    static boolean bypassGovernance(Boolean flag) {
        return Boolean.TRUE.equals(flag);
    }

    /**
     * Keys are at most 1,024 bytes of UTF-8 and user metadata at most 2 KB (names and values)
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html).
     */
    static void check(String key, Map<String, String> metadata) {
        if (key == null || key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > 1024) {
            throw ErrorDetails.add(S3Errors.keyTooLong(), "Size",
                    Integer.toString(key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length), "MaxSizeAllowed", "1024");
        }
        int size = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + (e.getValue() == null ? 0 : e.getValue().getBytes(StandardCharsets.UTF_8).length);
        }
        if (size > 2048) {
            throw S3Errors.metadataTooLarge();
        }
    }
}
