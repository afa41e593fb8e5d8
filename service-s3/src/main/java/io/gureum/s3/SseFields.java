package io.gureum.s3;

import io.gureum.s3.store.Encryption;

/**
 * The SSE-KMS response members of writes and reads: {@code SSEKMSKeyId} (always the key's ARN, whatever
 * the request named), {@code BucketKeyEnabled} (only when true, as S3 sends the header) and the caller's
 * encryption context as sent.
 */
final class SseFields {
    private SseFields() {
    }

    static String keyArn(Encryption e) {
        return e == null ? null : e.kmsKeyArn();
    }

    static Boolean bucketKey(Encryption e) {
        return e != null && Boolean.TRUE.equals(e.bucketKeyEnabled()) ? Boolean.TRUE : null;
    }

    static String context(Encryption e) {
        return e == null ? null : e.requestedContext();
    }
}
