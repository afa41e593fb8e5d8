package io.gureum.s3.store;

import java.time.Instant;
import java.util.Map;

/**
 * A named payload attached to one object version (PutObjectAnnotation): its bytes in a {@link Blob} like the
 * object's own, its ETag (the payload's MD5) and the checksum S3 computed or was sent, by algorithm name.
 */
public record Annotation(String name, Blob blob, String etag, Instant lastModified, String checksumAlgorithm,
        Map<String, String> checksums) {
}
