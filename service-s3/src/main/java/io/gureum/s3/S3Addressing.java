package io.gureum.s3;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.protocol.UriTemplate;
import java.util.List;

/**
 * Where an S3 request names its bucket: in the Host (virtual-hosted style, {@code bucket.s3.localhost},
 * {@code bucket.localhost}, {@code bucket.s3.<region>.localhost.localstack.cloud}) or in the first path
 * segment (path style). The SDK's URI templates leave the bucket out, so it is taken off here.
 */
public final class S3Addressing {
    private S3Addressing() {
    }

    /** The bucket named by the Host header, or null for path-style requests. */
    public static String virtualHostBucket(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String host = hostHeader.toLowerCase();
        if (host.startsWith("[")) {
            return null; // IPv6 literal
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        int s3 = host.indexOf(".s3.");
        if (s3 < 0) {
            s3 = host.indexOf(".s3-");
        }
        if (s3 > 0) {
            return host.substring(0, s3);
        }
        for (String suffix : new String[] {".localhost.localstack.cloud", ".localhost"}) {
            if (host.endsWith(suffix)) {
                String prefix = host.substring(0, host.length() - suffix.length());
                return prefix.isEmpty() || prefix.equals("s3") || prefix.startsWith("s3.") ? null : prefix;
            }
        }
        return null;
    }

    /** The bucket and the remaining raw path segments of a request. */
    public record Target(String bucket, List<String> keySegments) {
    }

    public static Target target(AwsHttpRequest request) {
        List<String> segments = UriTemplate.split(request.rawPath());
        String bucket = virtualHostBucket(request.header("Host"));
        if (bucket == null && !segments.isEmpty() && !segments.get(0).isEmpty()) {
            bucket = AwsHttpRequest.decode(segments.get(0), false);
            segments = segments.subList(1, segments.size());
        }
        if (segments.size() == 1 && segments.get(0).isEmpty()) {
            segments = List.of();
        }
        return new Target(bucket, segments);
    }
}
