package io.gureum.s3.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All of S3's state in one server: buckets by name (the namespace is global across accounts, each
 * bucket owned by one) and the blob files.
 */
public final class S3Store implements AutoCloseable {
    public final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    public final BlobStore blobs;

    public S3Store(Path dataDir) {
        this(dataDir, false);
    }

    /** @param durable whether the blob files outlive the store (records in {@code --data-dir} name them) */
    public S3Store(Path dataDir, boolean durable) {
        this.blobs = new BlobStore(dataDir, durable);
    }

    @Override
    public void close() {
        blobs.close();
    }
}
