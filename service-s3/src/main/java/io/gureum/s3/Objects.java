package io.gureum.s3;

import io.gureum.core.ids.ResourceIds;
import io.gureum.core.time.GureumClock;
import io.gureum.s3.store.Blob;
import io.gureum.s3.store.BlobStore;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.ContentHeaders;
import io.gureum.s3.store.KeyVersions;
import io.gureum.s3.store.S3Store;
import io.gureum.s3.store.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writing, reading and deleting object versions: ETags, checksums, conditional writes, versioning's
 * null-version rules and Object Lock's protection.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/versioning-workflows.html
 */
public final class Objects {
    private final S3Store store;
    private final GureumClock clock;
    private final ResourceIds ids;
    private final Notifications notifications;

    public Objects(S3Store store, GureumClock clock, ResourceIds ids, Notifications notifications) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.notifications = notifications;
    }

    /** What a PutObject (or a copy, or a completed upload) writes besides the bytes. */
    public record Attributes(ContentHeaders headers, Map<String, String> metadata, String storageClass,
            Map<String, String> tags, String lockMode, Instant retainUntil, boolean legalHold,
            io.gureum.s3.store.Encryption sse) {
    }

    /** Conditional-write headers of PutObject and CompleteMultipartUpload. */
    public record WriteCondition(String ifMatch, String ifNoneMatch) {
        public static final WriteCondition NONE = new WriteCondition(null, null);
    }

    /** The last {@link #now()}: objects written in the same second share one Instant (24 bytes each otherwise). */
    private volatile Instant lastSecond = Instant.EPOCH;

    public Instant now() {
        Instant t = clock.now().truncatedTo(ChronoUnit.SECONDS);
        Instant last = lastSecond;
        if (t.equals(last)) {
            return last;
        }
        lastSecond = t;
        return t;
    }

    public String newVersionId(Bucket b) {
        return b.versioningEnabled() ? ids.hex(32) : "null";
    }

    /**
     * Streams the body to a file and stores it as the key's newest version. {@code expected} holds the
     * checksums the client sent (S3 name → base64); they and Content-MD5 are verified.
     */
    public StoredObject put(Bucket b, String key, InputStream body, Attributes attrs, Map<String, String> expected,
            String requestedAlgorithm, String contentMd5, WriteCondition condition, Long declaredLength) {
        checkWriteCondition(b, key, condition);
        Set<String> algorithms = new LinkedHashSet<>(expected.keySet());
        if (requestedAlgorithm != null) {
            algorithms.add(requestedAlgorithm);
        }
        if (algorithms.isEmpty()) {
            algorithms.add("CRC64NVME"); // S3 adds a CRC64NVME checksum to objects uploaded without one
        }
        BlobStore.Written w;
        try {
            w = store.blobs.write(body, algorithms);
        } catch (IOException e) {
            throw S3Errors.incompleteBody(); // the client went away or sent less than it announced
        }
        checkLength(w, declaredLength);
        Map<String, String> sums = verify(w, expected, contentMd5);
        String etag = '"' + HexFormat.of().formatHex(w.md5()) + '"';
        StoredObject o = new StoredObject(key, newVersionId(b), false, List.of(w.blob()), w.blob().size(), etag,
                now(), ownerOf(b, currentAccount()), attrs.headers(), attrs.metadata(), sums, "FULL_OBJECT", List.of(),
                attrs.storageClass(), attrs.tags(), attrs.sse());
        applyLock(b, o, attrs);
        commit(b, o, condition);
        notifications.emit(b, "ObjectCreated:Put", o);
        return o;
    }

    /** A body shorter or longer than its Content-Length (possible once bodies are streamed) is refused. */
    void checkLength(BlobStore.Written w, Long declaredLength) {
        if (declaredLength != null && declaredLength >= 0 && declaredLength != w.blob().size()) {
            store.blobs.delete(List.of(w.blob()));
            throw S3Errors.incompleteBody();
        }
    }

    /** Verifies Content-MD5 and the sent checksums, deleting the blob on a mismatch. */
    Map<String, String> verify(BlobStore.Written w, Map<String, String> expected, String contentMd5) {
        try {
            if (contentMd5 != null) {
                byte[] md5 = Checksums.fromBase64(contentMd5);
                if (md5 == null || md5.length != 16) {
                    throw S3Errors.invalidDigest();
                }
                if (!java.util.Arrays.equals(md5, w.md5())) {
                    throw ErrorDetails.add(new io.gureum.core.error.AwsException("BadDigest",
                            "The Content-MD5 you specified did not match what we received.", 400), "ExpectedDigest",
                            contentMd5, "CalculatedDigest", Checksums.base64(w.md5()));
                }
            }
            Map<String, String> sums = new LinkedHashMap<>();
            w.checksums().forEach((alg, raw) -> sums.put(alg, Checksums.base64(raw)));
            for (Map.Entry<String, String> e : expected.entrySet()) {
                if (!e.getValue().trim().equals(sums.get(e.getKey()))) {
                    throw S3Errors.badDigest(e.getKey());
                }
            }
            return sums;
        } catch (RuntimeException e) {
            store.blobs.delete(List.of(w.blob()));
            throw e;
        }
    }

    void applyLock(Bucket b, StoredObject o, Attributes attrs) {
        if (attrs.lockMode() != null || attrs.legalHold()) {
            if (!b.objectLockEnabled) {
                throw S3Errors.invalidRequest("Bucket is missing Object Lock Configuration");
            }
            o.retentionMode = attrs.lockMode();
            o.retainUntil = attrs.retainUntil();
            o.legalHold = attrs.legalHold();
        } else {
            ObjectLock.applyDefault(b, o);
        }
    }

    private void checkWriteCondition(Bucket b, String key, WriteCondition c) {
        if (c.ifMatch() == null && c.ifNoneMatch() == null) {
            return;
        }
        StoredObject current = b.latest(key);
        boolean exists = current != null && !current.deleteMarker;
        if (c.ifNoneMatch() != null && exists) {
            throw S3Errors.preconditionFailed("If-None-Match");
        }
        if (c.ifMatch() != null) {
            if (!exists) {
                throw S3Errors.noSuchKey();
            }
            if (!Preconditions.etagMatches(c.ifMatch(), current.etag)) {
                throw S3Errors.preconditionFailed("If-Match");
            }
        }
    }

    /**
     * Makes {@code o} the key's newest version. Without versioning (or suspended) it replaces the null
     * version, whose bytes are deleted. Conditions are checked again under the lock, so of two racing
     * conditional writes one fails.
     */
    void commit(Bucket b, StoredObject o, WriteCondition condition) {
        List<Blob> garbage = new ArrayList<>();
        try {
            synchronized (b) {
                checkWriteCondition(b, o.key, condition);
                KeyVersions kv = b.objects.computeIfAbsent(o.key, k -> new KeyVersions());
                if (!b.versioningEnabled()) {
                    StoredObject old = kv.find("null");
                    if (old != null) {
                        kv.remove(old);
                        garbage.addAll(old.allBlobs());
                    }
                }
                kv.addLatest(o);
            }
        } catch (RuntimeException e) {
            garbage.addAll(o.blobs);
            throw e;
        } finally {
            store.blobs.delete(garbage);
        }
    }

    /** The version a GET, HEAD or copy reads: NoSuchKey, NoSuchVersion, or 405 for a delete marker. */
    public StoredObject resolve(Bucket b, String key, String versionId) {
        synchronized (b) {
            KeyVersions kv = b.objects.get(key);
            if (versionId == null || versionId.isEmpty()) {
                StoredObject o = kv == null ? null : kv.latest();
                if (o != null && o.deleteMarker) {
                    throw S3Errors.noSuchKeyDeleteMarker(o.versionId);
                }
                if (o == null) {
                    throw S3Errors.noSuchKey();
                }
                return o;
            }
            StoredObject o = kv == null ? null : kv.find(versionId);
            if (o == null) {
                if (!versionId.equals("null") && !versionId.matches("[0-9A-Za-z._+/=-]{1,1024}")) {
                    throw S3Errors.invalidArgument("Invalid version id specified", "versionId", versionId);
                }
                throw S3Errors.noSuchVersion();
            }
            if (o.deleteMarker) {
                // A GET of a delete marker's version is 405, with the marker's headers.
                // Its body names the method and the resource type, and Allow names the one method left: DELETE.
                throw ErrorDetails.add(S3Errors.methodNotAllowed(), "Method", Requests.method(), "ResourceType",
                        "DeleteMarker").withHeader("Allow", "DELETE").withHeader("x-amz-delete-marker", "true")
                        .withHeader("x-amz-version-id", o.versionId)
                        .withHeader("Last-Modified", io.gureum.core.protocol.Timestamps.rfc822(o.lastModified));
            }
            return o;
        }
    }

    public InputStream open(StoredObject o, long offset, long length) {
        try {
            return store.blobs.open(o.blobs, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The result of a delete: the version removed or the delete marker created. */
    public record Deleted(String versionId, boolean deleteMarker) {
    }

    /**
     * DeleteObject. Without a version ID: removes the null version of an unversioned bucket, or adds a
     * delete marker (replacing the null version when versioning is suspended). With one: removes that
     * version for good, unless Object Lock protects it.
     */
    public Deleted delete(Bucket b, String key, String versionId, boolean bypassGovernance) {
        List<Blob> garbage = new ArrayList<>();
        Deleted result;
        StoredObject marker = null;
        synchronized (b) {
            KeyVersions kv = b.objects.get(key);
            if (versionId == null || versionId.isEmpty()) {
                if (!b.versioned()) {
                    if (kv != null) {
                        StoredObject old = kv.find("null");
                        if (old != null) {
                            kv.remove(old);
                            garbage.addAll(old.allBlobs());
                        }
                        dropIfEmpty(b, key, kv);
                    }
                    result = new Deleted(null, false);
                } else {
                    kv = b.objects.computeIfAbsent(key, k -> new KeyVersions());
                    if (!b.versioningEnabled()) {
                        StoredObject old = kv.find("null");
                        if (old != null) {
                            kv.remove(old);
                            garbage.addAll(old.allBlobs());
                        }
                    }
                    marker = StoredObject.deleteMarker(key, newVersionId(b), now(), ownerOf(b, currentAccount()));
                    kv.addLatest(marker);
                    result = new Deleted(marker.versionId, true);
                }
            } else {
                StoredObject v = kv == null ? null : kv.find(versionId);
                if (v == null) {
                    if (!versionId.equals("null") && !versionId.matches("[0-9A-Za-z._+/=-]{1,1024}")) {
                        throw S3Errors.invalidArgument("Invalid version id specified", "versionId", versionId);
                    }
                    result = new Deleted(versionId, false);
                } else {
                    ObjectLock.checkDeletable(v, clock.now(), bypassGovernance);
                    kv.remove(v);
                    garbage.addAll(v.allBlobs());
                    dropIfEmpty(b, key, kv);
                    result = new Deleted(versionId, v.deleteMarker);
                }
            }
        }
        store.blobs.delete(garbage);
        if (marker != null) {
            notifications.emit(b, "ObjectRemoved:DeleteMarkerCreated", marker);
        } else {
            notifications.emitRemoved(b, "ObjectRemoved:Delete", key, result.versionId());
        }
        return result;
    }

    /** Removes a version during lifecycle expiry, without Object Lock checks beyond the caller's. */
    void removeVersion(Bucket b, KeyVersions kv, StoredObject v) {
        synchronized (b) {
            kv.remove(v);
            dropIfEmpty(b, v.key, kv);
        }
        store.blobs.delete(v.allBlobs());
    }

    void dropIfEmpty(Bucket b, String key, KeyVersions kv) {
        if (kv.isEmpty()) {
            b.objects.remove(key, kv);
        }
    }

    /**
     * CopyObject: the bytes of a source version into a new version of the target. ETag and checksums are
     * computed afresh (a multipart source becomes a single-part object).
     */
    public StoredObject copy(StoredObject source, Bucket target, String key, Attributes attrs,
            String checksumAlgorithm, WriteCondition condition) {
        checkWriteCondition(target, key, condition);
        Set<String> algorithms = new LinkedHashSet<>();
        if (checksumAlgorithm != null) {
            algorithms.add(checksumAlgorithm);
        } else if (source.checksums.size() == 1 && "FULL_OBJECT".equals(source.checksumType)) {
            algorithms.addAll(source.checksums.keySet());
        } else {
            algorithms.add("CRC64NVME");
        }
        BlobStore.Written w;
        try {
            w = store.blobs.copy(source.blobs, 0, source.size, algorithms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> sums = new LinkedHashMap<>();
        w.checksums().forEach((alg, raw) -> sums.put(alg, Checksums.base64(raw)));
        StoredObject o = new StoredObject(key, newVersionId(target), false, List.of(w.blob()), w.blob().size(),
                '"' + HexFormat.of().formatHex(w.md5()) + '"', now(), ownerOf(target, currentAccount()), attrs.headers(),
                attrs.metadata(), sums, "FULL_OBJECT", List.of(), attrs.storageClass(), attrs.tags(), attrs.sse());
        applyLock(target, o, attrs);
        commit(target, o, condition);
        notifications.emit(target, "ObjectCreated:Copy", o);
        return o;
    }

    /**
     * Who owns an object {@code writer} writes: under BucketOwnerEnforced "the bucket owner automatically
     * owns and has full control over every object in the bucket"
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html); else the writer
     * (BucketOwnerPreferred with bucket-owner-full-control names the bucket owner in the object's ACL).
     */
    static String ownerOf(Bucket b, String writer) {
        return io.gureum.s3.access.EffectivePolicy.aclsApply(b.ownership) ? writer : b.owner;
    }

    static String currentAccount() {
        io.gureum.core.protocol.RequestContext ctx = io.gureum.core.protocol.RequestContext.currentOrNull();
        return ctx == null ? "000000000000" : ctx.accountId();
    }

    /** Drops an unfinished upload and its parts (lifecycle AbortIncompleteMultipartUpload). */
    void abortUpload(Bucket b, io.gureum.s3.store.Upload u) {
        if (b.uploads.remove(u.uploadId, u)) {
            List<Blob> blobs = new ArrayList<>();
            u.parts.values().forEach(p -> blobs.add(p.blob()));
            store.blobs.delete(blobs);
        }
    }
}
