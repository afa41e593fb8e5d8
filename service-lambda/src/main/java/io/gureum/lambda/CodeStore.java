package io.gureum.lambda;

import io.gureum.lambda.runtime.FileModes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Deployment packages on disk, never in the heap longer than the upload: each zip is stored once under
 * its SHA-256 ({@code <hex>.zip}) and unzipped once beside it ({@code <hex>/}) for the runner. Code of
 * several functions or versions with the same hash shares both.
 *
 * <p>Limits (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html): 250 MB unzipped,
 * counted while extracting rather than trusted from the zip's headers; entries that would land outside
 * the target directory (zip-slip) make the package invalid.
 */
final class CodeStore implements AutoCloseable {
    static final long MAX_UNZIPPED = 262_144_000L;
    static final long MAX_ZIPPED = 52_428_800L;

    /** A stored package. */
    record Code(String sha256, long size, Path zip, Path directory) {
    }

    private final Path root;
    private final boolean temporary;
    private final Map<String, Object> locks = new HashMap<>();

    CodeStore(Path dataDir) {
        try {
            if (dataDir != null) {
                root = Files.createDirectories(dataDir.resolve("lambda").resolve("code"));
                temporary = false;
            } else {
                root = FileModes.readableByAll(Files.createTempDirectory("gureum-lambda-"));
                temporary = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores a zip read from {@code in} (closed by the caller) and unzips it. */
    Code store(InputStream in, long maxZipped) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(root, "upload-", ".zip");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    size += n;
                    if (size > maxZipped) {
                        throw LambdaErrors.invalidParameter("Zipped size must be smaller than " + maxZipped + " bytes");
                    }
                    out.write(buf, 0, n);
                }
            }
            if (!temporary) {
                // A record naming this package may be journaled next; the bytes must be on the disk first.
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            byte[] digest = sha.digest();
            String hex = HexFormat.of().formatHex(digest);
            Path zip = root.resolve(hex + ".zip");
            Path dir = root.resolve(hex);
            synchronized (lockOf(hex)) {
                if (!Files.isDirectory(dir)) {
                    Path staging = FileModes.readableByAll(Files.createTempDirectory(root, "unzip-"));
                    try {
                        unzip(tmp, staging);
                    } catch (RuntimeException e) {
                        deleteTree(staging);
                        throw e;
                    }
                    Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return new Code(Base64.getEncoder().encodeToString(digest), size, zip, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover upload in the code directory is harmless
                }
            }
        }
    }

    /**
     * A package a restored record names by its SHA-256 (Base64, as the API shows it): its zip must still be in the
     * data directory; the unzipped directory is made again when it is missing.
     *
     * @return the package, or null when its zip is gone or cannot be unzipped
     */
    Code restore(String sha256, long size) {
        String hex = HexFormat.of().formatHex(Base64.getDecoder().decode(sha256));
        Path zip = root.resolve(hex + ".zip");
        Path dir = root.resolve(hex);
        if (!Files.isRegularFile(zip)) {
            return null;
        }
        synchronized (lockOf(hex)) {
            if (!Files.isDirectory(dir)) {
                try {
                    Path staging = FileModes.readableByAll(Files.createTempDirectory(root, "unzip-"));
                    unzip(zip, staging);
                    Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException | RuntimeException unreadable) {
                    return null; // a damaged zip: what names it is not restored, and start-up goes on
                }
            }
        }
        return new Code(sha256, size, zip, dir);
    }

    /**
     * Removes what no record names: packages not in {@code kept} (SHA-256 in Base64), uploads and extractions a
     * crash interrupted. Directories of Gureum's own ({@code _runtime}, {@code _opt}) stay.
     */
    void removeUnreferenced(Set<String> kept) {
        Set<String> keptHex = new java.util.HashSet<>();
        kept.forEach(k -> keptHex.add(HexFormat.of().formatHex(Base64.getDecoder().decode(k))));
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith("_")) {
                    continue;
                }
                String hex = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
                if (!keptHex.contains(hex)) {
                    if (Files.isDirectory(p)) {
                        deleteTree(p);
                    } else {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory of its own under the code directory, for the runner's files. */
    Path scratch(String name) {
        try {
            return Files.createDirectories(root.resolve("_" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Layers' contents extracted in order into one directory, as Lambda extracts them into {@code /opt}
     * (a later layer's file replaces an earlier one's). Made once per sequence of packages.
     */
    Path merge(java.util.List<Code> layers) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Code c : layers) {
                sha.update((c.sha256() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            Path opt = Files.createDirectories(root.resolve("_opt"));
            Path dir = opt.resolve(hex);
            synchronized (lockOf("opt-" + hex)) {
                if (!Files.isDirectory(dir)) {
                    Path staging = FileModes.readableByAll(Files.createTempDirectory(opt, "merge-"));
                    for (Code c : layers) {
                        copyTree(c.directory(), staging);
                    }
                    Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    if (!Files.isDirectory(target)) {
                        Files.deleteIfExists(target);
                        FileModes.readableByAll(Files.createDirectories(target));
                    }
                } else {
                    if (Files.isDirectory(target)) {
                        deleteTree(target);
                    }
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** The bytes of an unzipped package's files. */
    static long unzippedSize(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Code store(byte[] zip) {
        return store(new ByteArrayInputStream(zip), Long.MAX_VALUE);
    }

    private synchronized Object lockOf(String hex) {
        return locks.computeIfAbsent(hex, k -> new Object());
    }

    private static void unzip(Path zipFile, Path target) {
        Map<String, Integer> modes = unixModes(zipFile);
        long total = 0;
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            var entries = zip.entries();
            Path base = target.toAbsolutePath().normalize();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                Path out = base.resolve(e.getName()).normalize();
                if (!out.startsWith(base) || out.equals(base) && !e.isDirectory()) {
                    throw invalidZip();
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = zip.getInputStream(e);
                        OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW)) {
                    byte[] buf = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        total += n;
                        if (total > MAX_UNZIPPED) {
                            throw LambdaErrors.invalidParameter(
                                    "Unzipped size must be smaller than " + MAX_UNZIPPED + " bytes");
                        }
                        os.write(buf, 0, n);
                    }
                }
                Integer mode = modes.get(e.getName());
                setMode(out, mode != null && (mode & 0111) != 0);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw invalidZip();
        }
    }

    private static void setMode(Path file, boolean executable) throws IOException {
        try {
            Set<PosixFilePermission> p = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
            if (executable) {
                p.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE));
            }
            Files.setPosixFilePermissions(file, p);
        } catch (UnsupportedOperationException notPosix) {
            file.toFile().setExecutable(executable);
        }
    }

    /**
     * The Unix permission bits of each entry, from the central directory's external attributes (which
     * {@link ZipFile} does not expose): a {@code provided} runtime's {@code bootstrap} must stay executable.
     */
    static Map<String, Integer> unixModes(Path zipFile) {
        Map<String, Integer> modes = new HashMap<>();
        try (FileChannel ch = FileChannel.open(zipFile, StandardOpenOption.READ)) {
            long size = ch.size();
            int tail = (int) Math.min(size, 65_557);
            ByteBuffer end = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(end, size - tail);
            int eocd = -1;
            for (int i = tail - 22; i >= 0; i--) {
                if (end.getInt(i) == 0x06054b50) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                return modes;
            }
            long cdSize = Integer.toUnsignedLong(end.getInt(eocd + 12));
            long cdOffset = Integer.toUnsignedLong(end.getInt(eocd + 16));
            if (cdSize > 64L * 1024 * 1024 || cdOffset + cdSize > size) {
                return modes;
            }
            ByteBuffer cd = ByteBuffer.allocate((int) cdSize).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(cd, cdOffset);
            int p = 0;
            while (p + 46 <= cdSize && cd.getInt(p) == 0x02014b50) {
                int madeBy = Short.toUnsignedInt(cd.getShort(p + 4)) >> 8;
                int nameLen = Short.toUnsignedInt(cd.getShort(p + 28));
                int extraLen = Short.toUnsignedInt(cd.getShort(p + 30));
                int commentLen = Short.toUnsignedInt(cd.getShort(p + 32));
                int external = cd.getInt(p + 38);
                byte[] name = new byte[nameLen];
                cd.get(p + 46, name);
                if (madeBy == 3) { // Unix
                    modes.put(new String(name, StandardCharsets.UTF_8), (external >>> 16) & 07777);
                }
                p += 46 + nameLen + extraLen + commentLen;
            }
        } catch (IOException | RuntimeException e) {
            return modes;
        }
        return modes;
    }

    private static RuntimeException invalidZip() {
        return LambdaErrors.invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Removes the code directory when it was a temporary one. */
    @Override
    public void close() {
        if (temporary) {
            deleteTree(root);
        }
    }
}
