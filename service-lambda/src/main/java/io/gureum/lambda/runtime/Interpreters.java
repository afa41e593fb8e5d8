package io.gureum.lambda.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds interpreters on this machine's PATH and resolves them to the real executable (so that a
 * pyenv or nvm shim does not need its own environment when Gureum starts it with a clean one).
 */
final class Interpreters {
    private final String path;
    private final ConcurrentHashMap<String, Optional<Path>> resolved = new ConcurrentHashMap<>();

    Interpreters(String path) {
        this.path = path == null ? "" : path;
    }

    /** The first of {@code names} on PATH, resolved with {@code probe} (a command printing the real executable). */
    Optional<Path> find(List<String> names, List<String> probe) {
        for (String name : names) {
            Optional<Path> found = resolved.computeIfAbsent(name, n -> onPath(n).flatMap(p -> realExecutable(p, probe)));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    Optional<Path> onPath(String name) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Empty when the probe fails: a shim for a version that is not installed is no interpreter. */
    private static Optional<Path> realExecutable(Path onPath, List<String> probe) {
        try {
            Process p = new ProcessBuilder(concat(onPath.toString(), probe)).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                Path real = Path.of(new String(out, StandardCharsets.UTF_8).strip());
                return Optional.of(Files.isExecutable(real) ? real : onPath);
            }
            p.destroyForcibly();
        } catch (IOException | RuntimeException e) {
            // not runnable
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private static List<String> concat(String first, List<String> rest) {
        var all = new ArrayList<String>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    String path() {
        return path;
    }
}
