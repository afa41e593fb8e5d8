package io.gureum.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/** Restart tests' way to make a server with {@code --data-dir} write a snapshot while it serves. */
public final class Snapshots {
    private Snapshots() {
    }

    /**
     * Makes changes until a compaction taken while serving has written a snapshot. With a small journal
     * threshold ({@code gureum.compactBytes}) one compaction runs, and the journal after it stays below the
     * threshold, so no compaction is still running when the server stops.
     */
    public static void writeUntilSnapshot(Path dataDir, IntConsumer change) throws Exception {
        for (int i = 0; i < 2000; i++) {
            change.accept(i);
            for (int wait = 0; wait < 20; wait++) {
                if (snapshotWritten(dataDir)) {
                    return;
                }
                Thread.sleep(5);
            }
        }
        throw new AssertionError("no snapshot was written");
    }

    public static boolean snapshotWritten(Path dataDir) throws IOException {
        try (var files = Files.list(dataDir.resolve("state"))) {
            return files.anyMatch(f -> f.getFileName().toString().matches("snapshot-\\d+\\.bin"));
        }
    }
}
