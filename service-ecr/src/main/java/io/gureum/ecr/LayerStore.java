package io.gureum.ecr;

import io.gureum.core.http.FileSlice;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Layer bytes on disk, never whole in the heap: each layer once under its sha256 ({@code <hex>}), shared by every
 * repository that has it, in {@code <dataDir>/ecr/layers/} or a temporary directory removed on close. Uploads in
 * progress are files in {@code uploads/} beside them, named by upload ID. With a data directory, bytes are forced
 * to the disk before a record names them; layers no record names any more are removed at the next start
 * ({@link #keepOnly}), as deleting one at once could lose bytes a record not yet durable still names.
 */
final class LayerStore implements AutoCloseable {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f-]{36}");

    private final Path root;
    private final Path uploads;
    private final boolean durable;

    LayerStore(Path dataDir) {
        this(dataDir, "ecr");
    }

    /**
     * The layers of one API ({@code api}: {@code ecr}, or {@code ecr-public}, whose registries are separate) in
     * {@code <dataDir>/<api>/layers/}: each API's start removes the files its own records do not name.
     */
    LayerStore(Path dataDir, String api) {
        try {
            durable = dataDir != null;
            root = durable ? Files.createDirectories(dataDir.resolve(api).resolve("layers"))
                    : Files.createTempDirectory("gureum-" + api + "-");
            uploads = Files.createDirectories(root.resolve("uploads"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean durable() {
        return durable;
    }

    /** The file of an upload in progress (created empty when {@code create}). */
    Path uploadFile(String uploadId, boolean create) {
        if (!UPLOAD_ID.matcher(uploadId).matches()) {
            throw new IllegalArgumentException("Not an upload ID: " + uploadId);
        }
        Path file = uploads.resolve(uploadId);
        if (create) {
            try {
                Files.deleteIfExists(file);
                Files.createFile(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    /**
     * Appends {@code in} to an upload's file, forcing it to the disk with a data directory (a record of the new size
     * follows); returns the bytes appended. On failure the file is cut back to {@code sizeBefore}.
     */
    long append(Path file, long sizeBefore, InputStream in) throws IOException {
        long n = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.position(sizeBefore);
            OutputStream out = java.nio.channels.Channels.newOutputStream(ch);
            byte[] buffer = new byte[64 * 1024];
            for (int r; (r = in.read(buffer)) > 0;) {
                out.write(buffer, 0, r);
                n += r;
            }
            if (durable) {
                ch.force(false);
            }
        } catch (IOException | RuntimeException e) {
            truncate(file, sizeBefore);
            throw e;
        }
        return n;
    }

    /** Cuts an upload's file to {@code size} (bytes past what a record acknowledged); false when it is shorter. */
    boolean truncate(Path file, long size) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (ch.size() < size) {
                return false;
            }
            ch.truncate(size);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Makes an upload's file the layer {@code digest} (the sha256 of its bytes, checked by the caller): moved into
     * place, or dropped when the layer is already stored. The upload's file is gone afterwards.
     */
    Layer commit(Path uploadFile, String digest) throws IOException {
        Path target = layerFile(digest);
        long size = Files.size(uploadFile);
        if (Files.exists(target) && Files.size(target) == size) {
            Files.deleteIfExists(uploadFile);
        } else {
            Files.move(uploadFile, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (durable) {
                forceDirectory(root);
            }
        }
        return new Layer(digest, size);
    }

    /** Stores bytes a record of an older version held inline; returns the layer. */
    Layer store(String digest, byte[] bytes) throws IOException {
        Path target = layerFile(digest);
        if (!Files.exists(target) || Files.size(target) != bytes.length) {
            Path tmp = Files.createTempFile(uploads, "inline-", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return new Layer(digest, bytes.length);
    }

    /** Whether the layer's bytes are on the disk in full (a restored record names it). */
    boolean has(String digest, long size) {
        try {
            Path file = layerFile(digest);
            return Files.isRegularFile(file) && Files.size(file) == size;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The layer's bytes as a response body: sent from the file by sendfile, never through the heap. */
    FileSlice open(Layer layer) {
        try {
            FileChannel ch = FileChannel.open(layerFile(layer.digest()), StandardOpenOption.READ);
            return new FileSlice(ch, 0, layer.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes an upload's file (cancelled, failed, or its repository gone). */
    void discard(Path uploadFile) {
        try {
            Files.deleteIfExists(uploadFile);
        } catch (IOException ignored) {
            // at worst a stale file, removed at the next start
        }
    }

    /**
     * After a restore: removes the layers ({@code sha256:<hex>}) not in {@code layers} and the uploads not in
     * {@code uploadIds}, left by deletions or by requests that never got their record.
     */
    void keepOnly(Set<String> layers, Set<String> uploadIds) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (HEX.matcher(name).matches() && !layers.contains("sha256:" + name)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(uploads)) {
            for (Path f : files) {
                if (!uploadIds.contains(f.getFileName().toString())) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Without a data directory: removes a layer no repository holds any more, at once. */
    void removeUnreferenced(String digest) {
        if (!durable) {
            try {
                Files.deleteIfExists(layerFile(digest));
            } catch (IOException ignored) {
                // a temporary directory: removed on close
            }
        }
    }

    private Path layerFile(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : "";
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("Not a sha256 digest: " + digest);
        }
        return root.resolve(hex);
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some file systems cannot force a directory; the file itself was forced
        }
    }

    @Override
    public void close() {
        if (durable) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary directory: the system cleans it up at worst
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }
}
