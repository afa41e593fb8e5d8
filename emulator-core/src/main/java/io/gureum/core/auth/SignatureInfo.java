package io.gureum.core.auth;

import java.util.List;

/**
 * What a request's SigV4 signature says, before any verification: the access key, the credential
 * scope (date, region, service) and, for verification, the signed headers and the signature.
 *
 * @param presigned whether the signature came in the query string (presigned URL)
 * @param amzDate the {@code X-Amz-Date} value, or null
 * @param expiresSeconds a presigned URL's {@code X-Amz-Expires}, or -1
 */
public record SignatureInfo(
        String algorithm,
        String accessKeyId,
        String scopeDate,
        String region,
        String service,
        List<String> signedHeaders,
        String signature,
        boolean presigned,
        String amzDate,
        long expiresSeconds) {
}
