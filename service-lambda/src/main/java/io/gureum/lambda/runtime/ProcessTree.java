package io.gureum.lambda.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Kills and measures a process together with everything it started. */
final class ProcessTree {
    private ProcessTree() {
    }

    /** Kills the process and its descendants (found before the parent dies, or they would be re-parented), then waits briefly. */
    static void destroy(ProcessHandle root, long waitMillis) {
        List<ProcessHandle> all = new ArrayList<>();
        root.descendants().forEach(all::add);
        all.add(root);
        all.forEach(ProcessHandle::destroyForcibly);
        CompletableFuture<?>[] exits = all.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (Exception notAllGone) {
            if (notAllGone instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Peak resident memory of the process and its live descendants in MB (Linux {@code VmHWM}), or 0 when unknown. */
    static long peakMemoryMb(ProcessHandle root) {
        long kb = Stream.concat(Stream.of(root), root.descendants()).mapToLong(ProcessTree::peakKb).sum();
        return (kb + 1023) / 1024;
    }

    private static long peakKb(ProcessHandle process) {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> l.replaceAll("[^0-9]", ""))
                    .filter(s -> !s.isEmpty())
                    .mapToLong(Long::parseLong)
                    .findFirst().orElse(0);
        } catch (IOException | RuntimeException unknown) {
            return 0;
        }
    }
}
