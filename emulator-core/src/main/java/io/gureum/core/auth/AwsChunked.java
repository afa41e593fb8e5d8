package io.gureum.core.auth;

import io.gureum.core.http.AwsHttpRequest;

/**
 * Decodes {@code aws-chunked} request bodies (S3 uploads from current SDKs): chunk framing, chunk
 * signatures and checksum trailers.
 */
public final class AwsChunked {
    private AwsChunked() {
    }

    /** Whether the request body is aws-chunked. */
    public static boolean isChunked(AwsHttpRequest request) {
        String sha = request.header("x-amz-content-sha256");
        String encoding = request.header("Content-Encoding");
        return (sha != null && sha.startsWith("STREAMING-"))
                || (encoding != null && encoding.toLowerCase().contains("aws-chunked"));
    }

    /**
     * The request with its body de-chunked; chunk signatures are verified when {@code secretAccessKey}
     * is given. Requests that are not aws-chunked come back unchanged.
     */
    public static AwsHttpRequest decode(AwsHttpRequest request, SignatureInfo signature, String secretAccessKey) {
        if (!isChunked(request)) {
            return request;
        }
        // Work in progress by a teammate in this session; see the closing note if this is still here.
        throw new UnsupportedOperationException("aws-chunked bodies are not decoded yet");
    }
}
