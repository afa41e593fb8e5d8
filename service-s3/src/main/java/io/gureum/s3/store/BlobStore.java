package io.gureum.s3.store;

import io.gureum.core.http.FileSlice;
import io.gureum.s3.Checksums;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Object bytes as files under {@code <dataDir>/s3/}, or a temporary directory removed on close; without
 * persistence, small objects' bytes stay in memory instead ({@link #MEMORY_MAX}). Files
 * are named by random IDs, never by key, so no key ({@code ../}, 1,024 bytes of odd Unicode) can
 * reach outside the directory or collide with another. Bytes are streamed through a 64 KiB buffer.
 */
public final class BlobStore implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;
    private static final int SMALL_BUFFER = 8 * 1024;

    private final Path configured;
    private final boolean temporary;
    /** Whether the bytes must outlive the server (records in {@code --data-dir} name them). */
    private final boolean durable;
    /** Whether a written file is forced before the record naming it ({@code GUREUM_FSYNC=always}). */
    private final boolean forceWrittenFiles;
    /** Blobs this thread's operation replaced, deleted once the records that stopped naming them are durable. */
    private final ThreadLocal<List<Blob>> garbage = ThreadLocal.withInitial(ArrayList::new);
    private volatile Path root;
    private volatile SmallBlobs small;

    /** Blobs up to this size are journaled rather than forced to their files ({@link SmallBlobs}). */
    public static final int INLINE_MAX = 64 * 1024;

    /**
     * Without persistence, blobs up to this size stay in memory rather than in a file of their own: a file per
     * small object cost a create, a write, a close and, on overwrite, an unlink per PUT, and an open and a close
     * per GET, more than the rest of the request together.
     */
    public static final int MEMORY_MAX = 64 * 1024;

    /**
     * At most this many bytes of blobs stay in memory (a quarter of the heap, at most 256 MiB); beyond it new
     * small blobs go to files again, so a client writing millions of small objects cannot exhaust the heap.
     */
    public static final long MEMORY_BUDGET = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4);

    /** The in-memory blobs by ID (never with persistence; see {@link #MEMORY_MAX}). Their arrays are not changed. */
    private final Map<String, byte[]> memory = new java.util.concurrent.ConcurrentHashMap<>();
    /** The bytes {@link #memory} holds (approximate under concurrent writes: each may overshoot by one blob). */
    private final java.util.concurrent.atomic.AtomicLong memoryBytes = new java.util.concurrent.atomic.AtomicLong();
    private final long memoryBudget;
    private final char[] prefix = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toCharArray();
    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Where the bytes of small blobs go in a data directory: a record in the state journal, group-committed
     * with the request's other records, instead of a {@code force} of their own file per write (which
     * serialises in the file system's journal). The file is then only a cache that restore rewrites from
     * the record when it is missing or short.
     */
    public interface SmallBlobs {
        /** A small blob was written (on the writing thread, before any record names it). */
        void written(Blob blob, byte[] bytes);

        /** A small blob was let go of (after the records that named it changed, on the same thread). */
        void released(Blob blob);
    }

    /** Journals small blobs through {@code journal} from now on (with a data directory only). */
    public void journalSmallBlobs(SmallBlobs journal) {
        this.small = journal;
    }

    /** The bytes of a small blob, for a snapshot of the state; null when its file is gone. */
    public byte[] readSmall(Blob blob) {
        try {
            return Files.readAllBytes(path(blob.id()));
        } catch (IOException e) {
            return null; // deleted meanwhile: its release is journaled
        }
    }

    /** Rewrites a small blob's file from its journaled bytes when it is missing or not whole. */
    public void restoreSmall(Blob blob, byte[] bytes) throws IOException {
        Path file = path(blob.id());
        if (!Files.exists(file) || Files.size(file) != bytes.length) {
            Files.write(file, bytes);
        }
    }

    public BlobStore(Path dataDir) {
        this(dataDir, false);
    }

    /**
     * @param durable whether files are forced to the disk when written and kept when the store closes
     *     ({@code --data-dir} with persistence), rather than removed with the state that named them
     */
    public BlobStore(Path dataDir, boolean durable) {
        this(dataDir, durable, MEMORY_BUDGET);
    }

    /** As {@link #BlobStore(Path, boolean)}, holding at most about {@code memoryBudget} bytes of blobs in memory. */
    public BlobStore(Path dataDir, boolean durable, long memoryBudget) {
        this.memoryBudget = memoryBudget;
        this.configured = dataDir == null ? null : dataDir.resolve("s3");
        this.temporary = dataDir == null;
        this.durable = durable && dataDir != null;
        this.forceWrittenFiles = this.durable
                && io.gureum.core.persist.FsyncMode.current() == io.gureum.core.persist.FsyncMode.ALWAYS;
    }

    /** What a write produced: the blob, the MD5 and the requested checksums (raw bytes). */
    public record Written(Blob blob, byte[] md5, Map<String, byte[]> checksums) {
    }

    private Path root() {
        Path r = root;
        if (r == null) {
            synchronized (this) {
                if (root == null) {
                    try {
                        root = temporary ? Files.createTempDirectory("gureum-s3-")
                                : Files.createDirectories(configured);
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot create the S3 data directory", e);
                    }
                }
                r = root;
            }
        }
        return r;
    }

    private Path path(String id) {
        return root().resolve(id);
    }

    /**
     * Streams {@code in} to a new blob, computing its MD5 and the given checksums on the way. Without
     * persistence a blob of at most {@link #MEMORY_MAX} bytes stays in memory while the memory held is under
     * {@link #MEMORY_BUDGET}; a larger one, or any blob with persistence, goes to a file.
     */
    public Written write(InputStream in, Collection<String> algorithms) throws IOException {
        String id = newId();
        Checksums.Hasher md5 = Checksums.hasher("MD5");
        List<Checksums.Hasher> hashers = new ArrayList<>(algorithms.size());
        for (String a : algorithms) {
            hashers.add(Checksums.hasher(a));
        }
        long size = 0;
        // Small first: most objects are a few KiB, and a 64 KiB buffer per write is most of a small PUT's garbage.
        byte[] buf = new byte[SMALL_BUFFER];
        // In memory mode the bytes gather at the start of buf (grown up to MEMORY_MAX) until they outgrow it.
        int held = 0;
        boolean inMemory = !durable && memoryBytes.get() < memoryBudget;
        SmallBlobs journal = durable ? small : null;
        java.io.ByteArrayOutputStream kept = journal == null ? null : new java.io.ByteArrayOutputStream(0);
        Path file = inMemory ? null : path(id);
        OutputStream out = null;
        try (in) {
            if (!inMemory) {
                out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            while (true) {
                if (inMemory && held == buf.length) {
                    if (buf.length < MEMORY_MAX) {
                        buf = java.util.Arrays.copyOf(buf, Math.min(MEMORY_MAX, buf.length * 4));
                    } else {
                        // Too big to keep in memory: to a file from here on.
                        file = path(id);
                        out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                        out.write(buf, 0, held);
                        inMemory = false;
                        held = 0;
                    }
                }
                int n = in.read(buf, held, buf.length - held);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    continue;
                }
                md5.update(buf, held, n);
                for (Checksums.Hasher h : hashers) {
                    h.update(buf, held, n);
                }
                size += n;
                if (inMemory) {
                    held += n;
                    continue;
                }
                out.write(buf, 0, n);
                if (kept != null) {
                    if (size <= INLINE_MAX) {
                        kept.write(buf, 0, n);
                    } else {
                        kept = null; // too big to journal: the file is forced instead
                    }
                }
                if (n == buf.length && buf.length < BUFFER) {
                    buf = new byte[BUFFER]; // a large body: fewer, bigger reads from here on
                }
            }
            if (out != null) {
                out.close();
            }
        } catch (IOException | RuntimeException e) {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the write already failed
                }
                Files.deleteIfExists(file);
            }
            throw e;
        }
        Blob blob = new Blob(id, size);
        if (inMemory) {
            memory.put(id, held == buf.length ? buf : java.util.Arrays.copyOf(buf, held));
            memoryBytes.addAndGet(held);
        } else if (kept != null) {
            // Journaled with the request's other records, under one shared force: the file is a cache of it.
            journal.written(blob, kept.toByteArray());
        } else if (forceWrittenFiles) {
            // With --fsync always the record naming it is acknowledged only after this; in the default interval
            // mode the written file, like the journal, already survives a crash of the server.
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
        Map<String, byte[]> sums = new LinkedHashMap<>();
        int i = 0;
        for (String a : algorithms) {
            sums.put(a, hashers.get(i++).digest());
        }
        return new Written(blob, md5.digest(), sums);
    }

    /**
     * A new blob ID: 32 hex digits, a random half fixed for this store and a counter, so no two writes of this
     * store or of any earlier server on the same data directory share one (a random UUID per write cost a
     * {@code SecureRandom} draw on every PUT).
     */
    private String newId() {
        long n = sequence.incrementAndGet();
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[i] = prefix[i];
        }
        for (int i = 31; i >= 16; i--) {
            out[i] = HEX[(int) (n & 0xf)];
            n >>>= 4;
        }
        return new String(out);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * Takes a blob's bytes from a shared snapshot under the blob's own ID (false for a name that is no blob
     * ID). A blob is never rewritten once written, so a file already present under that ID (a merge into the
     * server that exported it, or the same data directory) holds those bytes and stays as it is.
     */
    public boolean importFile(String id, long size, InputStream in) throws IOException {
        if (!id.matches("[0-9a-f]{32}")) {
            return false;
        }
        Path file = path(id);
        if (Files.exists(file)) {
            if (durable) {
                // It may be a small blob whose bytes were in a journal record the import's clear removes.
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            return true;
        }
        Path part = root().resolve(id + ".import");
        byte[] buf = new byte[BUFFER];
        long copied = 0;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                copied += n;
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        if (copied != size) {
            Files.deleteIfExists(part);
            throw new IOException("The file " + id + " has " + copied + " bytes, not " + size);
        }
        if (durable) {
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
                ch.force(true); // the imported records naming it are journaled after this
            }
        }
        Files.move(part, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** Whether every one of the blobs is held in memory (so reading them touches no file). */
    public boolean inMemory(List<Blob> blobs) {
        for (Blob b : blobs) {
            if (!memory.containsKey(b.id())) {
                return false;
            }
        }
        return true;
    }

    /**
     * A stream of {@code length} bytes from {@code offset} across the blobs back to back. Every file is
     * opened now, so a concurrent overwrite that deletes them does not cut the stream short.
     */
    public InputStream open(List<Blob> blobs, long offset, long length) throws IOException {
        List<InputStream> streams = new ArrayList<>();
        long skip = offset;
        long remaining = length;
        try {
            for (Blob b : blobs) {
                if (remaining <= 0) {
                    break;
                }
                if (skip >= b.size()) {
                    skip -= b.size();
                    continue;
                }
                long take = Math.min(remaining, b.size() - skip);
                byte[] bytes = memory.get(b.id());
                if (bytes != null) {
                    // Over HTTP the server sends the array itself.
                    streams.add(new io.gureum.core.http.ByteSlice(bytes, (int) skip, (int) take));
                } else {
                    FileChannel ch = FileChannel.open(path(b.id()), StandardOpenOption.READ);
                    // A file range: over HTTP the server sends it with sendfile, not through the heap.
                    streams.add(new FileSlice(ch, skip, take));
                }
                remaining -= take;
                skip = 0;
            }
        } catch (IOException e) {
            for (InputStream s : streams) {
                s.close();
            }
            throw e;
        }
        return streams.size() == 1 ? streams.get(0) : new SequenceInputStream(Collections.enumeration(streams));
    }

    /** A copy of the blobs as one new blob (CopyObject, UploadPartCopy). */
    public Written copy(List<Blob> blobs, long offset, long length, Collection<String> algorithms)
            throws IOException {
        return write(open(blobs, offset, length), algorithms);
    }

    public void delete(Collection<Blob> blobs) {
        if (durable) {
            garbage.get().addAll(blobs);
            return;
        }
        deleteNow(blobs);
    }

    /**
     * Deletes the blobs this thread's operation let go of once {@code durable} completes (the records that
     * no longer name them are on the disk): a crash before then leaves the old record and its bytes whole.
     */
    public void releaseGarbage(java.util.concurrent.CompletableFuture<Void> durable) {
        List<Blob> mine = garbage.get();
        if (mine.isEmpty()) {
            return;
        }
        List<Blob> release = new ArrayList<>(mine);
        mine.clear();
        SmallBlobs journal = small;
        if (journal != null) {
            // After the records that stopped naming them, on this thread: the journal keeps that order.
            release.stream().filter(b -> b.size() <= INLINE_MAX).forEach(journal::released);
        }
        if (durable.isDone()) {
            deleteNow(release);
        } else {
            // Not on the thread that completes the journal's futures: it acknowledges every other request's write.
            durable.thenRunAsync(() -> deleteNow(release), RELEASER);
        }
    }

    /** Deletes the files of replaced blobs once their records are durable (one thread for every store). */
    private static final java.util.concurrent.Executor RELEASER = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "gureum-s3-release");
                t.setDaemon(true);
                return t;
            });

    /**
     * Removes the blob files no record names (left by a crash between writing the bytes and recording
     * them); returns how many.
     */
    public int sweep(java.util.Set<String> referenced) {
        if (configured == null || !Files.isDirectory(configured)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.list(configured)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.matches("[0-9a-f]{32}(\\.import)?") && !referenced.contains(name)) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        } catch (IOException e) {
            // best effort: the next start tries again
        }
        return removed;
    }

    private void deleteNow(Collection<Blob> blobs) {
        for (Blob b : blobs) {
            byte[] held = memory.remove(b.id());
            if (held != null) {
                memoryBytes.addAndGet(-held.length);
                continue;
            }
            try {
                Files.deleteIfExists(path(b.id()));
            } catch (IOException e) {
                // A file still open on Windows: it goes with the directory.
            }
        }
    }

    /**
     * Removes the blob files: the metadata that names them lives in memory and is gone with this
     * store (reset, shutdown). In a configured data directory only files with our ID names are
     * removed; a temporary directory goes entirely.
     */
    @Override
    public void close() {
        memory.clear();
        memoryBytes.set(0);
        Path r = root;
        if (r == null || durable) {
            return; // durable bytes stay for the records that name them
        }
        try (Stream<Path> files = Files.walk(r)) {
            files.sorted(Comparator.reverseOrder())
                    .filter(p -> temporary ? true : p.getFileName().toString().matches("[0-9a-f]{32}"))
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
