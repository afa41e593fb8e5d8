package io.gureum.ecr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * A blob upload of the registry API in progress ({@link RegistryApi}): the bytes received so far go to a file of
 * the {@link LayerStore} as they arrive (never whole in memory), with their sha256 computed on the way. Bound to the
 * registry and repository it was started in. Not kept across restarts: a client starts the upload again.
 */
final class BlobUpload {
    final String id;
    final String account;
    final String region;
    final String repository;
    final Path file;
    private final LayerStore store;
    private final MessageDigest sha256;
    private long size;

    BlobUpload(String id, String account, String region, String repository, LayerStore store) {
        this.id = id;
        this.account = account;
        this.region = region;
        this.repository = repository;
        this.store = store;
        this.file = store.uploadFile(id, true);
        this.sha256 = Digests.newSha256();
    }

    /** The bytes received so far. */
    synchronized long size() {
        return size;
    }

    /** Appends {@code in} to its end; an IOException leaves the upload unusable (the caller drops it). */
    synchronized void append(InputStream in) throws IOException {
        size += store.append(file, size, new DigestInputStream(in, sha256));
    }

    /** {@code sha256:<hex>} of everything received; call once, when the upload completes. */
    synchronized String digest() {
        return Digests.of(sha256.digest());
    }

    /** Removes the upload's file (once it is a layer, it has moved and this does nothing). */
    void discard() {
        store.discard(file);
    }
}
