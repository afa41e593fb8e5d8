package io.gureum.core.auth;

import io.gureum.core.http.AwsHttpRequest;
import java.time.Instant;

/**
 * Verifies SigV4 signatures: the Authorization header, presigned URLs (with expiry) and aws-chunked
 * bodies. Implemented in {@link SigV4Verifier}.
 */
public interface SignatureVerifier {

    /**
     * Checks the request's signature against the secret; throws an {@link io.gureum.core.error.AwsException}
     * with AWS's code for the service's protocol ({@code SignatureDoesNotMatch}, {@code InvalidSignatureException},
     * {@code AccessDenied} for an expired presigned URL …) when it does not verify.
     */
    void verify(AwsHttpRequest request, SignatureInfo signature, String secretAccessKey, Instant now);
}
