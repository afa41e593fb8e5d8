package io.gureum.core.targets;

import java.io.InputStream;
import java.util.Optional;

/**
 * An S3 bucket as other services read it: Lambda fetches deployment packages ({@code S3Bucket},
 * {@code S3Key}, {@code S3ObjectVersion}) through this, never through the S3 store. Looked up by the
 * bucket's ARN, {@code arn:aws:s3:::<bucket>}.
 */
public interface BucketSource {

    /**
     * Opens an object for reading; the caller closes the stream.
     *
     * @param versionId a version, or null for the current one
     * @return empty when the key (or version) does not exist or is a delete marker
     */
    Optional<InputStream> open(String key, String versionId);
}
