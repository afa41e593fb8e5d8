package io.gureum.s3.store;

import java.time.Instant;

/** The standard HTTP headers S3 stores with an object and returns on GET and HEAD. */
public record ContentHeaders(String contentType, String cacheControl, String contentDisposition,
        String contentEncoding, String contentLanguage, Instant expires, String websiteRedirectLocation) {
    public static final ContentHeaders NONE = new ContentHeaders(null, null, null, null, null, null, null);
}
