package io.gureum.ecr;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A blob upload of the registry API in progress ({@link RegistryApi}): the bytes received so far go to a
 * temporary file as they arrive (never whole in memory), with their sha256 computed on the way. Bound to the
 * registry and repository it was started in. Not kept across restarts: a client starts the upload again.
 */
final class BlobUpload {
    final String id;
    final String account;
    final String region;
    final String repository;
    private final Path file;
    private final MessageDigest sha256;
    private long size;

    BlobUpload(String id, String account, String region, String repository) throws IOException {
        this.id = id;
        this.account = account;
        this.region = region;
        this.repository = repository;
        this.file = Files.createTempFile("gureum-ecr-blob-", ".part");
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes received so far. */
    synchronized long size() {
        return size;
    }

    /** Appends {@code in} to its end; an IOException leaves the upload unusable (the caller drops it). */
    synchronized void append(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                out.write(buffer, 0, n);
                sha256.update(buffer, 0, n);
                size += n;
            }
        }
    }

    /** {@code sha256:<hex>} of everything received; call once, when the upload completes. */
    synchronized String digest() {
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }

    /** The bytes received, for the repository's layer store. */
    synchronized byte[] bytes() throws IOException {
        return Files.readAllBytes(file);
    }

    /** Removes the temporary file. */
    void discard() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file: the system cleans it up at worst
        }
    }
}
