package io.gureum.s3;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.persist.SdkJson;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateSink;
import io.gureum.core.persist.StateStore;
import io.gureum.core.spi.ServiceContext;
import io.gureum.s3.store.Annotation;
import io.gureum.s3.store.Blob;
import io.gureum.s3.store.BlobStore;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.ContentHeaders;
import io.gureum.s3.store.Encryption;
import io.gureum.s3.store.KeyVersions;
import io.gureum.s3.store.S3Store;
import io.gureum.s3.store.StoredObject;
import io.gureum.s3.store.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LoggingEnabled;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.OwnershipControls;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.WebsiteConfiguration;

/**
 * S3's records for {@code --data-dir}: a bucket and its configurations under its name, every version of
 * a key under {@code bucket/key}, and an unfinished multipart upload with its parts under
 * {@code bucket/uploadId}. Bucket names are global, so a bucket's record has no account or region (its
 * value names its owner and region). Object bytes stay files under {@code <data-dir>/s3/}; the records name them.
 *
 * <p>Records are written by reading the current state under the bucket's monitor after a change
 * ({@link #bucket}, {@link #key}, {@link #uploads}): whichever of two racing writers records last reads
 * the newest state, so the journal ends where memory does. Key and upload records carry the bucket's
 * creation time: those of a bucket deleted and created again are ignored. Absent (null) members are left out
 * of the JSON (most of an object's optional settings are unset), which reads back as the same null.
 */
final class S3Records {
    static final String SERVICE = "s3";
    static final String BUCKET = "bucket";
    static final String KEY = "key";
    static final String UPLOAD = "upload";
    /** The bytes of a small blob ({@link BlobStore#INLINE_MAX}), by blob ID: no account, never exported. */
    static final String BLOB = "blob";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BucketState(String name, String owner, String region, Instant created, String versioning,
            boolean objectLockEnabled, String policy, List<JsonNode> cors, List<JsonNode> lifecycle,
            JsonNode notifications, JsonNode encryption, JsonNode ownership, JsonNode publicAccessBlock,
            JsonNode objectLock, JsonNode acl, JsonNode website, String accelerate, String requestPayer,
            JsonNode logging, JsonNode replication, Map<String, String> tags, Map<String, List<JsonNode>> idConfigs,
            String abacStatus) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VersionState(String versionId, boolean deleteMarker, List<Blob> blobs, long size, String etag,
            Instant lastModified, String owner, ContentHeaders headers, Map<String, String> metadata,
            Map<String, String> checksums, String checksumType, List<Long> partSizes, String storageClass,
            Map<String, String> tags, String retentionMode, Instant retainUntil, boolean legalHold,
            Instant restoreReadyAt, Instant restoreExpiry, Encryption encryption, JsonNode acl,
            String replicationStatus, List<Annotation> annotations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KeyState(Instant bucketCreated, String key, List<VersionState> versions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UploadState(Instant bucketCreated, String uploadId, String key, Instant initiated, String owner,
            ContentHeaders headers, Map<String, String> metadata, String storageClass, Map<String, String> tags,
            String checksumAlgorithm, String checksumType, String objectLockMode, Instant retainUntil,
            boolean legalHold, Encryption encryption, List<Upload.Part> parts, JsonNode acl) {
    }

    /** A small blob's bytes and size, journaled instead of forcing its file. */
    record BlobBytes(long size, byte[] bytes) {
    }

    /** The small blobs whose bytes are journaled (their IDs; the bytes stay in their files). */
    private final Set<String> inlined = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile BlobStore blobs;

    private final ServiceContext context;
    private final StateStore state;
    /** Per bucket, the uploads recorded and their keys, to know which records a change removed. */
    private final Map<String, Map<String, String>> recordedUploads = new HashMap<>();

    S3Records(ServiceContext context) {
        this.context = context;
        this.state = context.state();
    }

    /** Journals the small blobs of {@code store} (with a data directory). */
    void journalSmallBlobs(BlobStore store) {
        if (!state.enabled()) {
            return;
        }
        this.blobs = store;
        store.journalSmallBlobs(new BlobStore.SmallBlobs() {
            @Override
            public void written(Blob blob, byte[] bytes) {
                inlined.add(blob.id());
                state.put(SERVICE, "", "", BLOB, blob.id(), new BlobBytes(blob.size(), bytes));
            }

            @Override
            public void released(Blob blob) {
                if (inlined.remove(blob.id())) {
                    state.delete(SERVICE, "", "", BLOB, blob.id());
                }
            }
        });
    }

    /** A small blob restored from its record: its file rewritten if need be, its record kept track of. */
    void restoredSmallBlob(String id, BlobBytes value) throws IOException {
        blobs.restoreSmall(new Blob(id, value.size()), value.bytes());
        inlined.add(id);
    }

    /** A small blob's record no record names any more (a crash came between a change and the release). */
    void droppedSmallBlob(String id) {
        state.delete(SERVICE, "", "", BLOB, id);
    }

    boolean enabled() {
        return state.enabled();
    }

    java.util.concurrent.CompletableFuture<Void> durableForThread() {
        return state.durableForThread();
    }

    /**
     * Records a bucket's settings as they are now, or its removal ({@code b} null; {@code before} the bucket
     * the operation found, whose owner and region name the record).
     */
    void bucket(String name, Bucket b, Bucket before) {
        if (!state.enabled()) {
            return;
        }
        if (b == null) {
            if (before != null) {
                state.delete(SERVICE, before.owner, before.region, BUCKET, name);
            }
            return;
        }
        synchronized (b) {
            state.put(SERVICE, b.owner, b.region, BUCKET, b.name, bucketState(b));
        }
    }

    /**
     * Moves a bucket record written without account and region (before bucket records named their owner,
     * which a shared snapshot's {@code ?accounts=} filter needs) to its owner's account and region.
     */
    void migrateBucketRecord(Bucket b) {
        if (state.enabled()) {
            state.delete(SERVICE, "", "", BUCKET, b.name);
            state.put(SERVICE, b.owner, b.region, BUCKET, b.name, bucketState(b));
        }
    }

    /** Records every version of a key as they are now (none: the key's record goes). */
    void key(Bucket b, String key) {
        if (!state.enabled()) {
            return;
        }
        synchronized (b) {
            KeyVersions kv = b.objects.get(key);
            if (kv == null || kv.isEmpty()) {
                state.delete(SERVICE, b.owner, b.region, KEY, b.name + "/" + key);
            } else {
                state.put(SERVICE, b.owner, b.region, KEY, b.name + "/" + key, keyState(b, key, kv));
            }
        }
    }

    /** Records the unfinished uploads of a key as they are now (those gone lose their records). */
    void uploads(Bucket b, String key) {
        if (!state.enabled()) {
            return;
        }
        synchronized (b) {
            Map<String, String> recorded;
            synchronized (recordedUploads) {
                recorded = recordedUploads.computeIfAbsent(b.name, k -> new HashMap<>());
            }
            for (Upload u : b.uploads.values()) {
                if (key == null || u.key.equals(key)) {
                    state.put(SERVICE, b.owner, b.region, UPLOAD, b.name + "/" + u.uploadId, uploadState(b, u));
                    recorded.put(u.uploadId, u.key);
                }
            }
            recorded.entrySet().removeIf(e -> {
                if ((key == null || e.getValue().equals(key)) && !b.uploads.containsKey(e.getKey())) {
                    state.delete(SERVICE, b.owner, b.region, UPLOAD, b.name + "/" + e.getKey());
                    return true;
                }
                return false;
            });
        }
    }

    BucketState bucketState(Bucket b) {
        return new BucketState(b.name, b.owner, b.region, b.created, b.versioning, b.objectLockEnabled, b.policy,
                list(b.cors), list(b.lifecycle), SdkJson.toJson(b.notifications), SdkJson.toJson(b.encryption),
                SdkJson.toJson(b.ownership), SdkJson.toJson(b.publicAccessBlock), SdkJson.toJson(b.objectLock),
                SdkJson.toJson(b.acl), SdkJson.toJson(b.website), b.accelerate, b.requestPayer,
                SdkJson.toJson(b.logging), SdkJson.toJson(b.replication),
                context.registry().tags(Buckets.arn(b.name)), IdConfigRecords.capture(b.idConfigs),
                b.abacStatus);
    }

    private static List<JsonNode> list(List<?> pojos) {
        if (pojos == null) {
            return null;
        }
        List<JsonNode> out = new ArrayList<>();
        pojos.forEach(p -> out.add(SdkJson.toJson(p)));
        return out;
    }

    private static <T> List<T> list(List<JsonNode> json, Class<T> type) {
        if (json == null) {
            return null;
        }
        List<T> out = new ArrayList<>();
        json.forEach(j -> out.add(SdkJson.fromJson(j, type)));
        return List.copyOf(out);
    }

    static KeyState keyState(Bucket b, String key, KeyVersions kv) {
        List<VersionState> versions = new ArrayList<>();
        for (StoredObject o : kv.all()) {
            versions.add(new VersionState(o.versionId, o.deleteMarker, o.blobs, o.size, o.etag, o.lastModified, o.owner,
                    o.headers, o.metadata, o.checksums, o.checksumType, o.partSizes, o.storageClass, o.tags,
                    o.retentionMode, o.retainUntil, o.legalHold, o.restoreReadyAt, o.restoreExpiry, o.encryption,
                    SdkJson.toJson(o.acl), o.replicationStatus,
                    o.annotations.isEmpty() ? null : List.copyOf(o.annotations.values())));
        }
        return new KeyState(b.created, key, versions);
    }

    static UploadState uploadState(Bucket b, Upload u) {
        return new UploadState(b.created, u.uploadId, u.key, u.initiated, u.owner, u.headers, u.metadata,
                u.storageClass, u.tags, u.checksumAlgorithm, u.checksumType, u.objectLockMode, u.retainUntil,
                u.legalHold, u.encryption, new ArrayList<>(u.parts.values()), SdkJson.toJson(u.acl));
    }

    /** Every record of the buckets, each bucket under its monitor, and the journaled bytes of small blobs. */
    void capture(Map<String, Bucket> buckets, Consumer<StateRecord> sink) {
        BlobStore store = blobs;
        if (store != null) {
            for (String id : inlined) {
                long size;
                byte[] bytes = store.readSmall(new Blob(id, 0));
                if (bytes != null && inlined.contains(id)) {
                    size = bytes.length;
                    sink.accept(StateRecord.of(SERVICE, "", "", BLOB, id, new BlobBytes(size, bytes)));
                }
            }
        }
        for (Bucket b : buckets.values()) {
            synchronized (b) {
                sink.accept(StateRecord.of(SERVICE, b.owner, b.region, BUCKET, b.name, bucketState(b)));
                b.objects.forEach((key, kv) -> {
                    if (!kv.isEmpty()) {
                        sink.accept(StateRecord.of(SERVICE, b.owner, b.region, KEY, b.name + "/" + key,
                                keyState(b, key, kv)));
                    }
                });
                b.uploads.values().forEach(u -> sink.accept(StateRecord.of(SERVICE, b.owner, b.region, UPLOAD,
                        b.name + "/" + u.uploadId, uploadState(b, u))));
            }
        }
    }

    /**
     * Every record of the buckets {@code sink} takes, each preceded by the bytes of the files it names. A
     * bucket's monitor is held per key, not for the whole bucket: the key's record and the files of its
     * versions are taken together (the files opened, so an overwrite that deletes them meanwhile does not
     * cut them short), then streamed without the lock.
     */
    void export(S3Store store, StateSink sink) throws IOException {
        Set<String> sent = new HashSet<>();
        for (Bucket b : store.buckets.values()) {
            if (!sink.includes(b.owner)) {
                continue;
            }
            List<String> keys;
            List<String> uploadIds;
            synchronized (b) {
                sink.record(StateRecord.of(SERVICE, b.owner, b.region, BUCKET, b.name, bucketState(b)));
                keys = new ArrayList<>(b.objects.keySet());
                uploadIds = new ArrayList<>(b.uploads.keySet());
            }
            for (String key : keys) {
                StateRecord record = null;
                List<Opened> files = new ArrayList<>();
                try {
                    synchronized (b) {
                        KeyVersions kv = b.objects.get(key);
                        if (kv != null && !kv.isEmpty()) {
                            record = StateRecord.of(SERVICE, b.owner, b.region, KEY, b.name + "/" + key,
                                    keyState(b, key, kv));
                            for (StoredObject o : kv.all()) {
                                open(store, o.allBlobs(), sent, files);
                            }
                        }
                    }
                    send(files, sink);
                } finally {
                    closeAll(files);
                }
                if (record != null) {
                    sink.record(record);
                }
            }
            for (String uploadId : uploadIds) {
                StateRecord record = null;
                List<Opened> files = new ArrayList<>();
                try {
                    synchronized (b) {
                        Upload u = b.uploads.get(uploadId);
                        if (u != null) {
                            record = StateRecord.of(SERVICE, b.owner, b.region, UPLOAD, b.name + "/" + uploadId,
                                    uploadState(b, u));
                            List<Blob> parts = new ArrayList<>();
                            u.parts.values().forEach(p -> parts.add(p.blob()));
                            open(store, parts, sent, files);
                        }
                    }
                    send(files, sink);
                } finally {
                    closeAll(files);
                }
                if (record != null) {
                    sink.record(record);
                }
            }
        }
    }

    private record Opened(Blob blob, InputStream bytes) {
    }

    private static void open(S3Store store, List<Blob> blobs, Set<String> sent, List<Opened> into) throws IOException {
        for (Blob blob : blobs) {
            if (sent.add(blob.id())) {
                into.add(new Opened(blob, store.blobs.open(List.of(blob), 0, blob.size())));
            }
        }
    }

    private static void send(List<Opened> files, StateSink sink) throws IOException {
        for (java.util.Iterator<Opened> it = files.iterator(); it.hasNext();) {
            Opened f = it.next();
            it.remove();
            sink.file(f.blob().id(), f.blob().size(), f.bytes());
        }
    }

    private static void closeAll(List<Opened> files) {
        for (Opened f : files) {
            try {
                f.bytes().close();
            } catch (IOException e) {
                // nothing to keep
            }
        }
    }

    // ---- restore ---------------------------------------------------------------------------

    /** A bucket from its record, its tags back in the registry. */
    Bucket bucket(BucketState s) {
        Bucket b = new Bucket(s.name(), s.owner(), s.region(), s.created());
        b.versioning = s.versioning();
        b.objectLockEnabled = s.objectLockEnabled();
        b.policy = s.policy();
        b.cors = list(s.cors(), CORSRule.class);
        b.lifecycle = list(s.lifecycle(), LifecycleRule.class);
        b.notifications = SdkJson.fromJson(s.notifications(), NotificationConfiguration.class);
        b.encryption = SdkJson.fromJson(s.encryption(), ServerSideEncryptionConfiguration.class);
        b.ownership = SdkJson.fromJson(s.ownership(), OwnershipControls.class);
        b.publicAccessBlock = SdkJson.fromJson(s.publicAccessBlock(), PublicAccessBlockConfiguration.class);
        b.objectLock = SdkJson.fromJson(s.objectLock(), ObjectLockConfiguration.class);
        b.acl = SdkJson.fromJson(s.acl(), AccessControlPolicy.class);
        b.website = SdkJson.fromJson(s.website(), WebsiteConfiguration.class);
        b.accelerate = s.accelerate();
        b.requestPayer = s.requestPayer();
        b.logging = SdkJson.fromJson(s.logging(), LoggingEnabled.class);
        b.replication = SdkJson.fromJson(s.replication(), ReplicationConfiguration.class);
        IdConfigRecords.restore(s.idConfigs(), b.idConfigs);
        b.abacStatus = s.abacStatus();
        context.registry().register(s.owner(), s.region(), "s3", s.name(), Buckets.arn(s.name()),
                s.tags() == null ? Map.of() : s.tags());
        return b;
    }

    static KeyVersions versions(KeyState s) {
        KeyVersions kv = new KeyVersions();
        List<VersionState> newestFirst = s.versions();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            VersionState v = newestFirst.get(i);
            StoredObject o = new StoredObject(s.key(), v.versionId(), v.deleteMarker(), v.blobs(), v.size(), v.etag(),
                    v.lastModified(), v.owner(), v.headers() == null ? ContentHeaders.NONE : v.headers(),
                    v.metadata() == null ? Map.of() : v.metadata(), v.checksums() == null ? Map.of() : v.checksums(),
                    v.checksumType(), v.partSizes() == null ? List.of() : v.partSizes(), v.storageClass(),
                    v.tags() == null ? Map.of() : v.tags(), v.encryption());
            o.retentionMode = v.retentionMode();
            o.retainUntil = v.retainUntil();
            o.legalHold = v.legalHold();
            o.restoreReadyAt = v.restoreReadyAt();
            o.restoreExpiry = v.restoreExpiry();
            if (v.annotations() != null) {
                java.util.TreeMap<String, Annotation> annotations = new java.util.TreeMap<>();
                v.annotations().forEach(a -> annotations.put(a.name(), a));
                o.annotations = java.util.Collections.unmodifiableSortedMap(annotations);
            }
            o.acl = SdkJson.fromJson(v.acl(), AccessControlPolicy.class);
            o.replicationStatus = v.replicationStatus();
            kv.addLatest(o);
        }
        return kv;
    }

    void restored(String bucket, String uploadId, String key) {
        synchronized (recordedUploads) {
            recordedUploads.computeIfAbsent(bucket, k -> new HashMap<>()).put(uploadId, key);
        }
    }

    static Upload upload(UploadState s) {
        Upload u = new Upload(s.uploadId(), s.key(), s.initiated(), s.owner(),
                s.headers() == null ? ContentHeaders.NONE : s.headers(), s.metadata() == null ? Map.of() : s.metadata(),
                s.storageClass(), s.tags() == null ? Map.of() : s.tags(), s.checksumAlgorithm(), s.checksumType(),
                s.objectLockMode(), s.retainUntil(), s.legalHold(), s.encryption());
        if (s.parts() != null) {
            s.parts().forEach(p -> u.parts.put(p.number(), p));
        }
        u.acl = SdkJson.fromJson(s.acl(), AccessControlPolicy.class);
        return u;
    }
}
