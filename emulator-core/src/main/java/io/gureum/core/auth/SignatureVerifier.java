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

    /**
     * The request to go on with once its signature verified: a streamed body may be wrapped so that it is
     * checked as it is read (S3's {@code x-amz-content-sha256} of a large upload).
     */
    default AwsHttpRequest checkedBody(AwsHttpRequest request, SignatureInfo signature) {
        return request;
    }
}
