package io.gureum.lambda.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user function processes run as. Lambda runs function code as an unprivileged user, never as root
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html): when Gureum itself runs
 * as root, each function process is started through util-linux's {@code setpriv} as {@code nobody}
 * (uid and gid 65534) with no supplementary groups, so function code cannot act with the server's rights.
 * Otherwise functions run as the server's own user. Code and runtime files are made readable by all
 * ({@link FileModes}) so the unprivileged process can read them, and none of them writable by it.
 *
 * <p>An interpreter the unprivileged user cannot reach (pyenv's Python under {@code /root}, whose
 * packages live there too) would make every function fail to start; such a function runs as the server's
 * user, with a warning naming the interpreter once, and docs/services/lambda.md says how to avoid it.
 */
public final class FunctionUser {
    static final String UNPRIVILEGED_ID = "65534";
    private static final Logger LOG = LoggerFactory.getLogger(FunctionUser.class);
    private static final List<Path> SETPRIV = List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"));
    private static final Optional<List<String>> PREFIX = prefix(isRoot(Path.of("/proc/self/status")));
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private FunctionUser() {
    }

    /** {@code command}, run as the unprivileged user when the server runs as root. */
    static List<String> wrap(List<String> command, Path taskRoot) {
        if (PREFIX.isEmpty()) {
            return command;
        }
        for (Path needed : List.of(Path.of(command.get(0)), taskRoot)) {
            if (!reachableByOthers(needed)) {
                if (WARNED.add(needed.toString())) {
                    LOG.warn("Gureum runs as root, but {} is not readable by other users: functions that need it run"
                            + " as root. Install runtimes system-wide and keep --data-dir readable to run them"
                            + " unprivileged.", needed);
                }
                return command;
            }
        }
        List<String> wrapped = new ArrayList<>(PREFIX.get());
        wrapped.addAll(command);
        return wrapped;
    }

    /** Whether function processes drop to the unprivileged user. */
    public static boolean dropsPrivileges() {
        return PREFIX.isPresent();
    }

    private static Optional<List<String>> prefix(boolean root) {
        if (!root) {
            return Optional.empty();
        }
        for (Path setpriv : SETPRIV) {
            if (Files.isExecutable(setpriv)) {
                return Optional.of(List.of(setpriv.toString(), "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID,
                        "--clear-groups", "--"));
            }
        }
        LOG.warn("Gureum runs as root and setpriv (util-linux) is not installed: Lambda functions run as root too."
                + " Install util-linux or run Gureum as an ordinary user.");
        return Optional.empty();
    }

    /**
     * Whether a user who is neither owner nor in the group may run {@code executable} (or list a
     * directory): it is readable and executable by others, and every directory above it is searchable
     * (symbolic links followed).
     */
    public static boolean reachableByOthers(Path executable) {
        try {
            Path real = executable.toRealPath();
            Set<PosixFilePermission> file = Files.getPosixFilePermissions(real);
            if (!file.contains(PosixFilePermission.OTHERS_EXECUTE) || !file.contains(PosixFilePermission.OTHERS_READ)) {
                return false;
            }
            for (Path dir = real.getParent(); dir != null; dir = dir.getParent()) {
                if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Whether the effective user id in a {@code /proc/<pid>/status} file is 0. */
    static boolean isRoot(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    return ids.length > 1 && ids[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no /proc; such machines run Gureum as an ordinary user
        }
        return false;
    }
}
