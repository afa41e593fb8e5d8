package io.gureum.s3;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.protocol.RequestContext;
import io.gureum.s3.store.Bucket;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

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
     * The Block Public Access settings that apply to a bucket: each one the bucket or its owner's account
     * (S3 Control's PutPublicAccessBlock) turns on; null when neither has any. "Amazon S3 applies the most
     * restrictive combination of the bucket-level and account-level settings"
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html).
     */
    PublicAccessBlockConfiguration block(Bucket b) {
        return block(b, null);
    }

    /**
     * As {@link #block(Bucket)}, for a request that named the bucket {@code requested}: through an access point (its
     * alias or ARN host), the access point's own settings apply too ("Block Public Access settings of the access
     * point", https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-bpa-settings.html).
     */
    PublicAccessBlockConfiguration block(Bucket b, String requested) {
        io.gureum.s3.control.ControlState control = io.gureum.s3.control.ControlState.current(s3.context);
        io.gureum.s3.control.ControlState.Block account = control.block(b.owner);
        if (requested != null && !requested.equals(b.name)) {
            RequestContext ctx = RequestContext.currentOrNull();
            io.gureum.s3.control.ControlState.AccessPoint point = control.pointFor(requested,
                    ctx == null ? null : ctx.region());
            if (point != null) {
                account = io.gureum.s3.control.ControlState.Block.either(account, point.block());
            }
        }
        return io.gureum.s3.access.Blocks.effective(b.publicAccessBlock, account);
    }

    /**
     * A presigned URL is valid for X-Amz-Expires seconds from X-Amz-Date (SigV4), or until the epoch second
     * {@code Expires} (SigV2: {@code AWSAccessKeyId}, {@code Expires}, {@code Signature}), judged by the
     * emulated clock, whether or not signatures are verified. The error names the expiry and the server's
     * time (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html,
     * https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html#RESTAuthenticationQueryStringAuth).
     */
    void checkPresignExpiry() {
        RequestContext ctx = RequestContext.currentOrNull();
        AwsHttpRequest http = ctx == null ? null : ctx.httpRequest();
        if (http == null) {
            return;
        }
        Instant now = s3.context.clock().now();
        String v2Expires = http.queryParameter("Expires");
        if (v2Expires != null && http.queryParameter("Signature") != null
                && http.queryParameter("AWSAccessKeyId") != null) {
            try {
                Instant end = Instant.ofEpochSecond(Long.parseLong(v2Expires.trim()));
                if (now.isAfter(end)) {
                    throw ErrorDetails.add(S3Errors.accessDenied("Request has expired"), "Expires", iso(end),
                            "ServerTime", iso(now));
                }
            } catch (NumberFormatException e) {
                throw S3Errors.accessDenied("Invalid date (should be seconds since epoch): " + v2Expires);
            }
            return;
        }
        String date = http.queryParameter("X-Amz-Date");
        String expires = http.queryParameter("X-Amz-Expires");
        if (date == null || expires == null) {
            return;
        }
        try {
            Instant start = LocalDateTime.parse(date, AMZ_DATE).toInstant(ZoneOffset.UTC);
            Instant end = start.plusSeconds(Long.parseLong(expires));
            if (now.isAfter(end)) {
                throw ErrorDetails.add(S3Errors.accessDenied("Request has expired"), "X-Amz-Expires", expires,
                        "Expires", iso(end), "ServerTime", iso(now));
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new io.gureum.core.error.AwsException("AuthorizationQueryParametersError",
                    "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"", 400);
        }
    }

    private static String iso(Instant t) {
        return java.time.format.DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
