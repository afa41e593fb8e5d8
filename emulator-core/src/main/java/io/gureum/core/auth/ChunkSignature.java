package io.gureum.core.auth;

/**
 * The chain of signatures in a signed aws-chunked body: each chunk's signature covers its data and the
 * previous signature, starting from the request's own; the trailer's covers the trailing headers:
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html and
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html
 */
final class ChunkSignature {
    private final byte[] signingKey;
    private final String prefix;
    private String previous;

    ChunkSignature(String secret, SignatureInfo signature) {
        this.signingKey = SigningKeys.signingKey(secret, signature.scopeDate(), signature.region(),
                signature.service());
        this.prefix = signature.amzDate() + '\n' + SigV4Verifier.scope(signature) + '\n';
        this.previous = signature.signature();
    }

    /** Checks the next chunk's signature given the hex SHA-256 of its data; false when it does not match. */
    boolean nextChunk(String sentSignature, String dataSha256) {
        String expected = SigningKeys.sign(signingKey, "AWS4-HMAC-SHA256-PAYLOAD\n" + prefix + previous + '\n'
                + SigningKeys.EMPTY_SHA256 + '\n' + dataSha256);
        previous = expected;
        return SigningKeys.same(expected, sentSignature);
    }

    /** Checks the trailer signature given the trailing headers as {@code name:value\n} lines. */
    boolean trailer(String sentSignature, String canonicalTrailers) {
        String expected = SigningKeys.sign(signingKey, "AWS4-HMAC-SHA256-TRAILER\n" + prefix + previous + '\n'
                + SigningKeys.sha256Hex(canonicalTrailers));
        return SigningKeys.same(expected, sentSignature);
    }
}
