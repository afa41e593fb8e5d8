package io.gureum.s3;

import io.gureum.core.persist.StateRecord;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.KeyVersions;
import io.gureum.s3.store.S3Store;
import io.gureum.s3.store.StoredObject;
import io.gureum.s3.store.Upload;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the buckets, their keys' versions and unfinished uploads from S3's records, then removes the
 * blob files no record names (bytes written by a request that never got its answer, before a kill -9).
 */
final class S3Restore {
    private static final Logger LOG = LoggerFactory.getLogger(S3Restore.class);

    private S3Restore() {
    }

    static void restore(List<StateRecord> records, S3Store store, S3Records s3) {
        for (StateRecord r : records) {
            if (r.kind().equals(S3Records.BUCKET)) {
                Bucket b = s3.bucket(r.value(S3Records.BucketState.class));
                store.buckets.put(b.name, b);
                if (r.account().isEmpty()) {
                    s3.migrateBucketRecord(b); // written before bucket records named their owner
                }
            }
        }
        Set<String> referenced = new HashSet<>();
        for (StateRecord r : records) {
            if (r.kind().equals(S3Records.KEY)) {
                S3Records.KeyState k = r.value(S3Records.KeyState.class);
                Bucket b = store.buckets.get(r.key().substring(0, r.key().indexOf('/')));
                if (b != null && b.created.equals(k.bucketCreated())) {
                    KeyVersions kv = S3Records.versions(k);
                    b.objects.put(k.key(), kv);
                    for (StoredObject o : kv.all()) {
                        o.allBlobs().forEach(blob -> referenced.add(blob.id()));
                    }
                }
            } else if (r.kind().equals(S3Records.UPLOAD)) {
                S3Records.UploadState u = r.value(S3Records.UploadState.class);
                Bucket b = store.buckets.get(r.key().substring(0, r.key().indexOf('/')));
                if (b != null && b.created.equals(u.bucketCreated())) {
                    Upload upload = S3Records.upload(u);
                    b.uploads.put(upload.uploadId, upload);
                    s3.restored(b.name, upload.uploadId, upload.key);
                    upload.parts.values().forEach(p -> referenced.add(p.blob().id()));
                }
            }
        }
        for (StateRecord r : records) {
            if (r.kind().equals(S3Records.BLOB)) {
                if (referenced.contains(r.key())) {
                    try {
                        s3.restoredSmallBlob(r.key(), r.value(S3Records.BlobBytes.class));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException("Cannot rewrite the S3 object file " + r.key(), e);
                    }
                } else {
                    s3.droppedSmallBlob(r.key());
                }
            }
        }
        sweep(store, referenced);
    }

    /**
     * The S3 instances of one server. A new instance in a data directory removes every blob file no record
     * names — at start when S3 had no records, after a reset — but not while another instance is open: an
     * import stages a fresh instance next to the serving one, over the same directory, and sweeps once it
     * restores the records that remain.
     */
    static final class Live {
        private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();

        boolean sweepAtCreate(boolean recordsAtStart) {
            boolean alone = open.getAndIncrement() == 0;
            boolean first = started.compareAndSet(false, true);
            return alone && !(first && recordsAtStart);
        }

        void closed() {
            open.decrementAndGet();
        }
    }

    static void sweep(S3Store store, Set<String> referenced) {
        int removed = store.blobs.sweep(referenced);
        if (removed > 0) {
            LOG.info("Removed {} S3 object files no record names (left by an unclean stop)", removed);
        }
    }
}
