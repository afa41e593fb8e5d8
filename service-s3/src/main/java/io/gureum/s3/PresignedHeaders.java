package io.gureum.s3;

import io.gureum.core.http.AwsHttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Headers a presigned URL carries in its query string: botocore's SigV2 presigner (boto3 with signature
 * version {@code s3}, CLI v1) moves the request's {@code x-amz-meta-*}, {@code Content-Type} and other
 * headers into the query, and S3 applies them as if sent as headers, so a plain {@code curl -T} PUT gets
 * the metadata the URL was signed with. A header actually sent wins.
 */
final class PresignedHeaders {
    private static final Set<String> AUTH = Set.of("x-amz-algorithm", "x-amz-credential", "x-amz-date",
            "x-amz-expires", "x-amz-signedheaders", "x-amz-signature", "x-amz-security-token");
    private static final Set<String> CONTENT = Set.of("content-type", "content-md5", "content-disposition",
            "content-encoding", "content-language", "cache-control");

    private PresignedHeaders() {
    }

    /** The request with its query-string headers moved into its headers, or itself when it has none. */
    static AwsHttpRequest apply(AwsHttpRequest request) {
        if (request.queryParameter("Signature") == null && request.queryParameter("X-Amz-Signature") == null) {
            return request;
        }
        Map<String, List<String>> extra = new LinkedHashMap<>();
        request.queryParameters().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean header = lower.startsWith("x-amz-") && !AUTH.contains(lower) || CONTENT.contains(lower);
            if (header && request.header(name) == null && !values.isEmpty()) {
                extra.put(name, values);
            }
        });
        if (extra.isEmpty()) {
            return request;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.putAll(extra);
        return request.withBodyStream(headers, request.bodyStream());
    }
}
