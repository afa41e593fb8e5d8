package io.gureum.core.persist;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The layout of {@code --data-dir}: a {@code FORMAT} file naming the layout's version, a lock that keeps
 * a second server off the directory, and under {@code state/} the snapshots and journals by generation
 * ({@code snapshot-000000000007.bin} holds every live record at the start of journal 7).
 */
final class DataDirectory implements AutoCloseable {
    /** The layout this build writes and reads. */
    static final int FORMAT = 1;

    private static final Pattern JOURNAL = Pattern.compile("journal-(\\d{12})\\.log");
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d{12})\\.bin");

    private final Path root;
    private final Path state;
    private final FileChannel lockFile;
    private final FileLock lock;

    private DataDirectory(Path root, Path state, FileChannel lockFile, FileLock lock) {
        this.root = root;
        this.state = state;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /**
     * Opens (creates) a data directory.
     *
     * @throws IllegalStateException when its FORMAT is not one this build reads, or another server holds it
     */
    static DataDirectory open(Path root) throws IOException {
        Files.createDirectories(root);
        Path format = root.resolve("FORMAT");
        if (Files.exists(format)) {
            String text = Files.readString(format, StandardCharsets.UTF_8).trim();
            int version;
            try {
                version = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("The data directory " + root + " has an unreadable FORMAT file ('"
                        + text + "'); it was not written by Gureum");
            }
            if (version != FORMAT) {
                throw new IllegalStateException("The data directory " + root + " has format " + version
                        + ", and this Gureum reads format " + FORMAT + (version > FORMAT
                                ? ": it was written by a newer Gureum; use that version or another --data-dir"
                                : ": no migration from it exists; use another --data-dir"));
            }
        } else {
            Path tmp = root.resolve("FORMAT.tmp");
            Files.writeString(tmp, FORMAT + "\n", StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, format, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(root);
        }
        Path state = Files.createDirectories(root.resolve("state"));
        FileChannel lockFile = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockFile.tryLock();
        } catch (IOException | RuntimeException e) {
            lockFile.close();
            throw e;
        }
        if (lock == null) {
            lockFile.close();
            throw new IllegalStateException("The data directory " + root + " is in use by another Gureum server");
        }
        return new DataDirectory(root, state, lockFile, lock);
    }

    Path root() {
        return root;
    }

    Path journal(long generation) {
        return state.resolve(String.format("journal-%012d.log", generation));
    }

    Path snapshot(long generation) {
        return state.resolve(String.format("snapshot-%012d.bin", generation));
    }

    Path snapshotTemp(long generation) {
        return state.resolve(String.format("snapshot-%012d.tmp", generation));
    }

    List<Long> journals() throws IOException {
        return generations(JOURNAL);
    }

    List<Long> snapshots() throws IOException {
        return generations(SNAPSHOT);
    }

    private List<Long> generations(Pattern pattern) throws IOException {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(state)) {
            files.forEach(p -> {
                Matcher m = pattern.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(Long.parseLong(m.group(1)));
                }
            });
        }
        out.sort(null);
        return out;
    }

    /** Removes what a snapshot of {@code generation} made obsolete, and temporary files of failed snapshots. */
    void dropBefore(long generation) throws IOException {
        for (long g : journals()) {
            if (g < generation) {
                Files.deleteIfExists(journal(g));
            }
        }
        for (long g : snapshots()) {
            if (g < generation) {
                Files.deleteIfExists(snapshot(g));
            }
        }
        try (Stream<Path> files = Files.list(state)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(p);
            }
        }
        syncDirectory(state);
    }

    /** Makes a directory's entries (a created, renamed or deleted file) durable. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems (and Windows) cannot open a directory; their renames are durable enough.
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
                throw e;
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockFile.close();
        }
    }
}
