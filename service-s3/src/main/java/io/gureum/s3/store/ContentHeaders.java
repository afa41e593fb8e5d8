package io.gureum.s3.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** The standard HTTP headers S3 stores with an object and returns on GET and HEAD. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContentHeaders(String contentType, String cacheControl, String contentDisposition,
        String contentEncoding, String contentLanguage, Instant expires, String websiteRedirectLocation) {
    public static final ContentHeaders NONE = new ContentHeaders(null, null, null, null, null, null, null);
}
