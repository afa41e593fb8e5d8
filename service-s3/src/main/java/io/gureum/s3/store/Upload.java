package io.gureum.s3.store;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** A multipart upload in progress: what CreateMultipartUpload said, and the parts so far. */
public final class Upload {
    public final String uploadId;
    public final String key;
    public final Instant initiated;
    public final String owner;
    public final ContentHeaders headers;
    public final Map<String, String> metadata;
    public final String storageClass;
    public final Map<String, String> tags;
    /** The checksum algorithm the parts carry, or null. */
    public final String checksumAlgorithm;
    /** COMPOSITE or FULL_OBJECT, or null. */
    public final String checksumType;
    public final String objectLockMode;
    public final Instant retainUntil;
    public final boolean legalHold;
    public final String serverSideEncryption;
    public final Encryption encryption;
    /** The ACL CreateMultipartUpload stated for the object, or null. */
    public volatile software.amazon.awssdk.services.s3.model.AccessControlPolicy acl;
    public final ConcurrentSkipListMap<Integer, Part> parts = new ConcurrentSkipListMap<>();

    public Upload(String uploadId, String key, Instant initiated, String owner, ContentHeaders headers,
            Map<String, String> metadata, String storageClass, Map<String, String> tags, String checksumAlgorithm,
            String checksumType, String objectLockMode, Instant retainUntil, boolean legalHold,
            Encryption encryption) {
        this.uploadId = uploadId;
        this.key = key;
        this.initiated = initiated;
        this.owner = owner;
        this.headers = headers;
        this.metadata = Map.copyOf(metadata);
        this.storageClass = storageClass;
        this.tags = Map.copyOf(tags);
        this.checksumAlgorithm = checksumAlgorithm;
        this.checksumType = checksumType;
        this.objectLockMode = objectLockMode;
        this.retainUntil = retainUntil;
        this.legalHold = legalHold;
        this.encryption = encryption;
        this.serverSideEncryption = encryption == null ? null : encryption.algorithm();
    }

    /** One uploaded part; {@code md5} is raw bytes, for the multipart ETag. */
    public record Part(int number, Blob blob, String etag, byte[] md5, Instant lastModified,
            Map<String, String> checksums) {
    }
}
