package io.gureum.s3;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.s3.store.Bucket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CORS on the wire: the preflight {@code OPTIONS} answer and the {@code Access-Control-*} headers of
 * ordinary responses, from the bucket's CORS rules
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html).
 */
final class CorsRequests {
    private final S3Backend s3;

    CorsRequests(S3Backend s3) {
        this.s3 = s3;
    }

    /** The answer to a preflight request, or null when the request is not one. */
    AwsHttpResponse preflight(AwsHttpRequest request) {
        if (!"OPTIONS".equals(request.method())) {
            return null;
        }
        String origin = request.header("Origin");
        String method = request.header("Access-Control-Request-Method");
        if (origin == null) {
            throw new AwsException("BadRequest", "Insufficient information. Origin request header needed.", 400);
        }
        if (method == null) {
            throw new AwsException("BadRequest",
                    "Invalid Access-Control-Request-Method: null", 400);
        }
        Bucket bucket = s3.buckets.get(S3Addressing.target(request).bucket());
        if (bucket.cors == null) {
            throw forbidden("CORSResponse: CORS is not enabled for this bucket.");
        }
        Map<String, String> headers = Cors.evaluate(bucket.cors, origin, method, requestHeaders(request), true);
        if (headers == null) {
            throw forbidden("CORSResponse: This CORS request is not allowed. This is usually because the evalution of"
                    + " Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are"
                    + " not whitelisted by the resource's CORS spec.");
        }
        AwsHttpResponse response = new AwsHttpResponse(200);
        headers.forEach(response::header);
        return response;
    }

    /** Adds the Access-Control-* headers to a response for a cross-origin request a rule allows. */
    void decorate(AwsHttpRequest request, AwsHttpResponse response) {
        String origin = request.header("Origin");
        if (origin == null || "OPTIONS".equals(request.method())) {
            return;
        }
        String name = S3Addressing.target(request).bucket();
        Bucket bucket;
        try {
            bucket = name == null ? null : s3.buckets.get(name);
        } catch (RuntimeException noSuchBucket) {
            return;
        }
        if (bucket == null || bucket.cors == null) {
            return;
        }
        Map<String, String> headers = Cors.evaluate(bucket.cors, origin, request.method(), List.of(), false);
        if (headers != null) {
            headers.forEach(response::header);
        }
    }

    private static List<String> requestHeaders(AwsHttpRequest request) {
        String value = request.header("Access-Control-Request-Headers");
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String h : value.split(",")) {
                if (!h.isBlank()) {
                    out.add(h.trim());
                }
            }
        }
        return out;
    }

    private static AwsException forbidden(String message) {
        return new AwsException("AccessForbidden", message, 403);
    }
}
