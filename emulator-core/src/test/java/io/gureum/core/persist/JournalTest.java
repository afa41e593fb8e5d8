package io.gureum.core.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    @Test
    void anAcknowledgedChangeIsAlreadyInTheFileForAnyOtherReader() throws Exception {
        Journal journal = new Journal(1, g -> dir.resolve("journal-" + g + ".log"), size -> { });
        try {
            long seq = journal.append("acknowledged change".getBytes(StandardCharsets.UTF_8));
            journal.durable(seq).get(60, TimeUnit.SECONDS);
            // What a server killed now leaves behind: the operating system holds what was written, forced or not.
            String file = new String(Files.readAllBytes(dir.resolve("journal-1.log")), StandardCharsets.ISO_8859_1);
            assertTrue(file.contains("acknowledged change"), file);
        } finally {
            journal.close();
        }
    }

    @Test
    void theFsyncModeIsIntervalUnlessAlwaysIsAsked() {
        assertEquals(FsyncMode.INTERVAL, FsyncMode.parse(null));
        assertEquals(FsyncMode.INTERVAL, FsyncMode.parse(" Interval "));
        assertEquals(FsyncMode.ALWAYS, FsyncMode.parse("always"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FsyncMode.parse("sometimes"));
        assertTrue(e.getMessage().contains("always or interval"), e.getMessage());
    }
}
