package io.gureum.s3;

import io.gureum.s3.store.StoredObject;
import java.time.Instant;

/**
 * Conditional GET/HEAD/COPY headers, with S3's combination rules: If-Match that holds overrides a failing
 * If-Unmodified-Since, and If-None-Match that fails overrides a holding If-Modified-Since
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html).
 */
public final class Preconditions {
    private Preconditions() {
    }

    public static void check(StoredObject o, String ifMatch, String ifNoneMatch, Instant ifModifiedSince,
            Instant ifUnmodifiedSince, boolean copySource) {
        String prefix = copySource ? "x-amz-copy-source-" : "";
        if (ifMatch != null) {
            if (!etagMatches(ifMatch, o.etag)) {
                throw S3Errors.preconditionFailed(prefix + "If-Match");
            }
        } else if (ifUnmodifiedSince != null && o.lastModified.isAfter(ifUnmodifiedSince)) {
            throw S3Errors.preconditionFailed(prefix + "If-Unmodified-Since");
        }
        if (ifNoneMatch != null) {
            if (etagMatches(ifNoneMatch, o.etag)) {
                throw copySource ? S3Errors.preconditionFailed(prefix + "If-None-Match") : S3Errors.notModified();
            }
        } else if (ifModifiedSince != null && !o.lastModified.isAfter(ifModifiedSince)) {
            throw copySource ? S3Errors.preconditionFailed(prefix + "If-Modified-Since") : S3Errors.notModified();
        }
    }

    /** Whether a header value ({@code *}, or a list of quoted or bare ETags) names {@code etag}. */
    public static boolean etagMatches(String header, String etag) {
        String bare = unquote(etag);
        for (String part : header.split(",")) {
            String p = part.trim();
            if (p.startsWith("W/")) {
                p = p.substring(2);
            }
            if (p.equals("*") || unquote(p).equals(bare)) {
                return true;
            }
        }
        return false;
    }

    static String unquote(String s) {
        return s != null && s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1)
                : s;
    }
}
