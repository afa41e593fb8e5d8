package io.gureum.core.auth;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes {@code aws-chunked} request bodies (S3 uploads from current SDKs): chunk framing, chunk
 * signatures and checksum trailers.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 */
public final class AwsChunked {
    static final String SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    static final String SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    static final String UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    private AwsChunked() {
    }

    /** Whether the request body is aws-chunked. */
    public static boolean isChunked(AwsHttpRequest request) {
        String sha = request.header("x-amz-content-sha256");
        String encoding = request.header("Content-Encoding");
        return (sha != null && sha.startsWith("STREAMING-"))
                || (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked"));
    }

    /**
     * A stream of the payload of an aws-chunked body. Chunk and trailer signatures are verified when
     * {@code secretAccessKey} is given and the body is signed; the checksum named by {@code x-amz-trailer}
     * is always verified.
     */
    public static AwsChunkedInputStream payload(AwsHttpRequest request, InputStream body, SignatureInfo signature,
            String secretAccessKey) {
        String sha = request.header("x-amz-content-sha256");
        boolean signed = SIGNED.equals(sha) || SIGNED_TRAILER.equals(sha);
        ChunkSignature chain = null;
        if (signed && secretAccessKey != null && signature != null) {
            chain = new ChunkSignature(secretAccessKey, signature);
        }
        SignatureErrors errors = signature == null ? null : SignatureErrors.of(request, signature);
        return new AwsChunkedInputStream(body, chain, announcedChecksum(request),
                () -> errors == null ? new AwsException("SignatureDoesNotMatch", "Chunk signature mismatch", 403)
                        : errors.mismatch());
    }

    /**
     * The request with its body de-chunked: {@code aws-chunked} removed from {@code Content-Encoding},
     * {@code Content-Length} the payload's length, {@code x-amz-content-sha256} set to
     * {@code UNSIGNED-PAYLOAD} (the chunks are verified, and a second decode must not happen) and the
     * trailing headers ({@code x-amz-checksum-crc32} …) added as headers. Requests that are not aws-chunked
     * come back unchanged.
     */
    public static AwsHttpRequest decode(AwsHttpRequest request, SignatureInfo signature, String secretAccessKey) {
        if (!isChunked(request)) {
            return request;
        }
        long declared = declaredLength(request);
        if (request.streamed()) {
            // Decoded as the handler reads; the trailer checksum is verified when the stream ends.
            AwsChunkedInputStream in = payload(request, request.bodyStream(), signature, secretAccessKey);
            Map<String, List<String>> headers = decodedHeaders(request, declared, Map.of());
            if (declared < 0) {
                headers.remove("Content-Length");
            }
            return request.withBodyStream(headers, declared < 0 ? in : new LengthCheckedInputStream(in, declared));
        }
        AwsChunkedInputStream in = payload(request, new ByteArrayInputStream(request.body()), signature,
                secretAccessKey);
        byte[] payload;
        try {
            if (declared >= 0 && declared <= request.body().length) {
                // Straight into an array of the announced size (the payload is never larger than the framed body),
                // then on to the end of the body, which checks the last chunk and the trailers.
                payload = new byte[(int) declared];
                int n = in.readNBytes(payload, 0, payload.length);
                if (n == payload.length && in.read() >= 0) {
                    in.transferTo(OutputStream.nullOutputStream()); // more than announced: read on, then refuse
                }
            } else {
                ByteArrayOutputStream out = new ByteArrayOutputStream(
                        (int) Math.min(declared >= 0 ? declared : request.body().length, request.body().length));
                in.transferTo(out);
                payload = out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (declared >= 0 && declared != in.decodedLength()) {
            throw new AwsException("IncompleteBody",
                    "You did not provide the number of bytes specified by the Content-Length HTTP header", 400);
        }
        return new AwsHttpRequest(request.method(), uri(request), decodedHeaders(request, payload.length,
                in.trailers()), payload);
    }

    private static long declaredLength(AwsHttpRequest request) {
        String value = request.header("x-amz-decoded-content-length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new AwsException("InvalidArgument", "x-amz-decoded-content-length must be a number", 400);
        }
    }

    private static ChecksumTrailer announcedChecksum(AwsHttpRequest request) {
        String trailer = request.header("x-amz-trailer");
        if (trailer == null) {
            return null;
        }
        for (String name : trailer.split(",")) {
            ChecksumTrailer checksum = ChecksumTrailer.forHeader(name);
            if (checksum != null) {
                return checksum;
            }
        }
        return null;
    }

    private static String uri(AwsHttpRequest request) {
        return request.rawQuery().isEmpty() ? request.rawPath() : request.rawPath() + '?' + request.rawQuery();
    }

    private static Map<String, List<String>> decodedHeaders(AwsHttpRequest request, long length,
            Map<String, String> trailers) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : request.headers().entrySet()) {
            String name = e.getKey();
            if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("x-amz-content-sha256")) {
                continue;
            }
            if (name.equalsIgnoreCase("Content-Encoding")) {
                List<String> rest = withoutAwsChunked(e.getValue());
                if (!rest.isEmpty()) {
                    headers.put(name, rest);
                }
                continue;
            }
            headers.put(name, e.getValue());
        }
        headers.put("Content-Length", List.of(Long.toString(length)));
        headers.put("x-amz-content-sha256", List.of(SigV4Verifier.UNSIGNED_PAYLOAD));
        for (Map.Entry<String, String> t : trailers.entrySet()) {
            headers.put(t.getKey(), List.of(t.getValue()));
        }
        return headers;
    }

    private static List<String> withoutAwsChunked(List<String> values) {
        List<String> out = new ArrayList<>(1);
        for (String value : values) {
            StringBuilder kept = new StringBuilder();
            for (String coding : value.split(",")) {
                String c = coding.trim();
                if (!c.isEmpty() && !c.equalsIgnoreCase("aws-chunked")) {
                    kept.append(kept.length() == 0 ? "" : ",").append(c);
                }
            }
            if (kept.length() > 0) {
                out.add(kept.toString());
            }
        }
        return out;
    }
}
