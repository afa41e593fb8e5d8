package io.gureum.s3.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One version of an object, or a delete marker. The bytes live in {@link #blobs} (one blob, or one per
 * part for multipart uploads, streamed back to back). Fields that S3 lets change without a new version
 * (tags, retention, legal hold, storage class after a lifecycle transition) are mutable and guarded by
 * the bucket's lock; the rest never changes.
 */
public final class StoredObject {
    public final String key;
    public final String versionId;
    public final boolean deleteMarker;
    public final List<Blob> blobs;
    public final long size;
    public final String etag;
    public final Instant lastModified;
    public final String owner;
    public final ContentHeaders headers;
    public final Map<String, String> metadata;
    /** Checksums by algorithm name (CRC32, CRC32C, SHA1, SHA256, CRC64NVME), base64, as S3 returns them. */
    public final Map<String, String> checksums;
    /** FULL_OBJECT or COMPOSITE, or null without a checksum. */
    public final String checksumType;
    /** Sizes of the parts of a multipart object, empty otherwise. */
    public final List<Long> partSizes;
    public volatile String storageClass;
    public volatile Map<String, String> tags;
    public volatile String retentionMode;
    public volatile Instant retainUntil;
    public volatile boolean legalHold;
    /** A restore of an archived object: when its copy becomes readable, and until when (null: none). */
    public volatile java.time.Instant restoreReadyAt;
    public volatile java.time.Instant restoreExpiry;
    /** The object's ACL when one was set (PutObject/PutObjectAcl/CopyObject); null: the owner alone. */
    public volatile software.amazon.awssdk.services.s3.model.AccessControlPolicy acl;
    /** {@code x-amz-replication-status}: PENDING, COMPLETED or FAILED on a source, REPLICA on a copy; else null. */
    public volatile String replicationStatus;
    /**
     * The algorithm of {@link #encryption}; both change together, in place, with UpdateObjectEncryption (which
     * keeps the version, its ETag and its last-modified date).
     */
    public volatile String serverSideEncryption;
    /** Null for delete markers. */
    public volatile Encryption encryption;
    /** The version's annotations by name, in name order (PutObjectAnnotation). */
    public volatile java.util.SortedMap<String, Annotation> annotations = java.util.Collections.emptySortedMap();

    public StoredObject(String key, String versionId, boolean deleteMarker, List<Blob> blobs, long size, String etag,
            Instant lastModified, String owner, ContentHeaders headers, Map<String, String> metadata,
            Map<String, String> checksums, String checksumType, List<Long> partSizes, String storageClass,
            Map<String, String> tags, Encryption encryption) {
        this.key = key;
        this.versionId = versionId;
        this.deleteMarker = deleteMarker;
        this.blobs = List.copyOf(blobs);
        this.size = size;
        this.etag = etag;
        this.lastModified = lastModified;
        this.owner = owner;
        this.headers = headers;
        this.metadata = Map.copyOf(metadata);
        this.checksums = Map.copyOf(checksums);
        this.checksumType = checksumType;
        this.partSizes = List.copyOf(partSizes);
        this.storageClass = storageClass;
        this.tags = Map.copyOf(tags);
        this.encryption = encryption;
        this.serverSideEncryption = encryption == null ? null : encryption.algorithm();
    }

    public static StoredObject deleteMarker(String key, String versionId, Instant when, String owner) {
        return new StoredObject(key, versionId, true, List.of(), 0, null, when, owner, ContentHeaders.NONE, Map.of(),
                Map.of(), null, List.of(), null, Map.of(), null);
    }

    /** The version ID as S3 reports it: {@code null} for objects written while versioning was off or suspended. */
    public String versionIdOrNull() {
        return versionId;
    }

    /** Sets the encryption at rest in place (UpdateObjectEncryption). */
    public void reencrypt(Encryption e) {
        this.encryption = e;
        this.serverSideEncryption = e == null ? null : e.algorithm();
    }

    /** The files this version names: its bytes' and its annotations'. */
    public List<Blob> allBlobs() {
        if (annotations.isEmpty()) {
            return blobs;
        }
        List<Blob> out = new java.util.ArrayList<>(blobs);
        annotations.values().forEach(a -> out.add(a.blob()));
        return out;
    }

    public boolean isNullVersion() {
        return "null".equals(versionId);
    }

    public int partsCount() {
        return partSizes.size();
    }

    /** Protected from permanent deletion by a retention period or a legal hold. */
    public boolean locked(Instant now) {
        return legalHold || (retainUntil != null && retainUntil.isAfter(now));
    }
}
