package io.gureum.core.spi;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.protocol.ProtocolCodec;

/**
 * What one API does on the wire that its protocol does not say: how requests that name no service reach
 * it, how its codec differs from the protocol's, how it words the errors core raises for it. Core names
 * no service; each module contributes its own through {@link AwsService#quirks()}. Every method has a
 * default meaning "as the protocol says". See ADR 0006.
 */
public interface ProtocolQuirks {

    /** No quirks. */
    ProtocolQuirks NONE = new ProtocolQuirks() {
    };

    /**
     * Whether this API takes a request whose signature, {@code X-Amz-Target} and query {@code Action} name
     * no served API, from its Host or path (S3: a virtual-hosted {@code bucket.s3.localhost}). Asked before
     * the request is matched against unserved APIs.
     */
    default boolean claims(AwsHttpRequest request) {
        return false;
    }

    /**
     * Whether this API takes the requests nothing identifies at all, after every other rule (S3: anonymous
     * path-style requests to the bare endpoint, as AWS's own S3 endpoint would). At most one enabled API
     * should.
     */
    default boolean takesUnidentified() {
        return false;
    }

    /**
     * The codec for this API, given the standard codec of the protocol the request uses; called once per
     * standard codec. Return {@code standard} itself, or a codec that delegates to it (S3's bucket
     * addressing and error shape, DynamoDB's CRC32 header).
     */
    default ProtocolCodec codec(ProtocolCodec standard) {
        return standard;
    }

    /**
     * The error for a signature whose access key does not exist, or null for the common
     * {@code InvalidClientTokenId} (403).
     */
    default AwsException unknownAccessKey() {
        return null;
    }

    /**
     * The API's own answer to a request that carries no signature while signatures are verified, or null
     * for AWS's usual {@code MissingAuthenticationToken} (S3 answers {@code AccessDenied}).
     */
    default AwsException missingAuthentication() {
        return null;
    }

    /**
     * Whether the API checks legacy Signature Version 2 ({@code Authorization: AWS key:signature}) itself, in
     * its pre-operation step (S3, which alone knows how a request names its bucket); every other API refuses
     * such a signature in core's verifier.
     */
    default boolean verifiesSignatureVersion2() {
        return false;
    }

    /**
     * Whether this API authenticates {@code request} itself, in its pre-operation step, with a scheme other than
     * SigV4 (ECR's Docker Registry API: HTTP Basic with a GetAuthorizationToken password), so that core's
     * signature verification leaves it alone; only requests the API {@link #claims claims} reach this question.
     */
    default boolean authenticatesItself(AwsHttpRequest request) {
        return false;
    }
}
