package io.gureum.lambda.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Makes the files a function process reads readable by every user, and writable by none but the server:
 * function processes may run as another, unprivileged user ({@link FunctionUser}), and Lambda's task
 * root is read-only to function code. {@code Files.createTemp*} makes owner-only files and directories,
 * so every such file a function reads passes through here.
 */
public final class FileModes {
    private FileModes() {
    }

    /** Directory: rwxr-xr-x. File: rw-r--r--, or rwxr-xr-x if its owner may execute it. */
    public static Path readableByAll(Path path) {
        try {
            Set<PosixFilePermission> p = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
            if (Files.isDirectory(path) || Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_EXECUTE)) {
                p.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE));
            }
            Files.setPosixFilePermissions(path, p);
            return path;
        } catch (UnsupportedOperationException e) {
            return path; // not a POSIX file system: its own rules apply
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
