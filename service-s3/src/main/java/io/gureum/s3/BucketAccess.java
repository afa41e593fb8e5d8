package io.gureum.s3;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.protocol.RequestContext;
import io.gureum.s3.store.Bucket;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The bucket an operation names, after the checks every bucket operation makes first: a presigned
 * URL's expiry and {@code x-amz-expected-bucket-owner}.
 */
final class BucketAccess {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final S3Backend s3;

    BucketAccess(S3Backend s3) {
        this.s3 = s3;
    }

    /** The bucket of a request, or NoSuchBucket; AccessDenied when it is not the expected owner's. */
    Bucket bucket(String name) {
        checkPresignExpiry();
        Bucket b = s3.buckets.get(name);
        // x-amz-expected-bucket-owner guards against writing to a bucket someone else now owns.
        String expected = Requests.header("x-amz-expected-bucket-owner");
        if (expected != null && !expected.equals(b.owner)) {
            throw S3Errors.accessDenied("Access Denied");
        }
        return b;
    }

    /**
     * A presigned URL is valid for X-Amz-Expires seconds from X-Amz-Date, judged by the emulated clock,
     * whether or not signatures are verified.
     */
    void checkPresignExpiry() {
        RequestContext ctx = RequestContext.currentOrNull();
        AwsHttpRequest http = ctx == null ? null : ctx.httpRequest();
        if (http == null) {
            return;
        }
        String date = http.queryParameter("X-Amz-Date");
        String expires = http.queryParameter("X-Amz-Expires");
        if (date == null || expires == null) {
            return;
        }
        try {
            Instant start = LocalDateTime.parse(date, AMZ_DATE).toInstant(ZoneOffset.UTC);
            if (s3.context.clock().now().isAfter(start.plusSeconds(Long.parseLong(expires)))) {
                throw S3Errors.accessDenied("Request has expired");
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new io.gureum.core.error.AwsException("AuthorizationQueryParametersError",
                    "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"", 400);
        }
    }
}
