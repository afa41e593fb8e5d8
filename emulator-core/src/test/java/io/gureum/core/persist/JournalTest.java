package io.gureum.core.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    /** A force that blocks until released, as a flush of a busy disk does. */
    private static final class SlowDisk implements Journal.Forcer {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger forces = new AtomicInteger();

        @Override
        public void force(java.nio.channels.FileChannel channel) throws java.io.IOException {
            forces.incrementAndGet();
            entered.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            channel.force(false);
        }
    }

    @Test
    void inIntervalModeChangesAreAcknowledgedWhileTheFileIsBeingForced() throws Exception {
        SlowDisk disk = new SlowDisk();
        Journal journal = new Journal(1, g -> dir.resolve("journal-" + g + ".log"), size -> { }, FsyncMode.INTERVAL,
                disk);
        try {
            journal.durable(journal.append(bytes("first"))).get(60, TimeUnit.SECONDS);
            assertTrue(disk.entered.await(60, TimeUnit.SECONDS), "the written change is forced within the interval");
            // The force has not returned: a request thread writes its change and has it acknowledged at once.
            long second = journal.append(bytes("second"));
            var acknowledged = journal.durableHere(second);
            assertTrue(acknowledged.isDone() && !acknowledged.isCompletedExceptionally());
            assertEquals(1, disk.forces.get());
            String file = new String(Files.readAllBytes(dir.resolve("journal-1.log")), StandardCharsets.ISO_8859_1);
            assertTrue(file.contains("second"), file);
        } finally {
            disk.release.countDown();
            journal.close();
        }
    }

    @Test
    void inAlwaysModeAChangeIsAcknowledgedOnlyOnceAForceThatBeganAfterItsWriteReturns() throws Exception {
        SlowDisk disk = new SlowDisk();
        Journal journal = new Journal(1, g -> dir.resolve("journal-" + g + ".log"), size -> { }, FsyncMode.ALWAYS,
                disk);
        try {
            var first = journal.durable(journal.append(bytes("first")));
            assertTrue(disk.entered.await(60, TimeUnit.SECONDS));
            long secondSeq = journal.append(bytes("second"));
            var second = journal.durable(secondSeq);
            assertFalse(first.isDone(), "acknowledged before its force returned");
            assertFalse(second.isDone(), "acknowledged before its force returned");
            disk.release.countDown();
            first.get(60, TimeUnit.SECONDS);
            second.get(60, TimeUnit.SECONDS);
            // "second" may have been written while the first force ran: that force cannot vouch for it.
            assertTrue(disk.forces.get() >= 2, "forces: " + disk.forces.get());
        } finally {
            disk.release.countDown();
            journal.close();
        }
    }

    @Test
    void rotationForcesTheOldFileAndTheForcingThreadGoesOnWithTheNewOne() throws Exception {
        Journal journal = new Journal(1, g -> dir.resolve("journal-" + g + ".log"), size -> { }, FsyncMode.ALWAYS,
                ch -> ch.force(false));
        try {
            journal.durable(journal.append(bytes("before rotation"))).get(60, TimeUnit.SECONDS);
            assertEquals(2L, journal.rotate().get(60, TimeUnit.SECONDS));
            journal.durable(journal.append(bytes("after rotation"))).get(60, TimeUnit.SECONDS);
            String one = new String(Files.readAllBytes(dir.resolve("journal-1.log")), StandardCharsets.ISO_8859_1);
            String two = new String(Files.readAllBytes(dir.resolve("journal-2.log")), StandardCharsets.ISO_8859_1);
            assertTrue(one.contains("before rotation") && !one.contains("after rotation"), one);
            assertTrue(two.contains("after rotation"), two);
        } finally {
            journal.close();
        }
    }

    @Test
    void closingForcesAndAcknowledgesWhatIsPending() throws Exception {
        AtomicInteger forces = new AtomicInteger();
        Journal journal = new Journal(1, g -> dir.resolve("journal-" + g + ".log"), size -> { }, FsyncMode.INTERVAL,
                ch -> {
                    forces.incrementAndGet();
                    ch.force(false);
                });
        var last = journal.durable(journal.append(bytes("last words")));
        journal.close();
        assertTrue(last.isDone() && !last.isCompletedExceptionally());
        assertTrue(forces.get() >= 1, "the file is forced at close");
    }

    @Test
    void aChangeFramedInPlaceIsTheFrameOfItsEncoding() {
        Change put = Change.put(StateRecord.of("s3", "000000000000", "us-east-1", "blob", "k".repeat(70_000),
                java.util.Map.of("bytes", "x".repeat(5000))));
        for (Change c : java.util.List.of(put, Change.delete(put.record().id()), Change.clear("s3"), Change.clearAll())) {
            java.nio.ByteBuffer inPlace = c.frame();
            java.nio.ByteBuffer copied = Frames.frame(c.encode());
            assertEquals(copied, inPlace);
        }
    }

    @Test
    void everyChangeOfManyThreadsIsWrittenOnceAndAcknowledgedInEitherMode() throws Exception {
        for (FsyncMode mode : FsyncMode.values()) {
            Path sub = Files.createDirectories(dir.resolve(mode.name()));
            Journal journal = new Journal(1, g -> sub.resolve("journal-" + g + ".log"), size -> { }, mode,
                    ch -> ch.force(false));
            int threads = 8;
            int each = 300;
            java.util.List<Thread> workers = new java.util.ArrayList<>();
            java.util.Queue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread w = new Thread(() -> {
                    try {
                        for (int i = 0; i < each; i++) {
                            long seq = journal.append(bytes(id + ":" + i));
                            // Half as a request thread (writes itself), half as an answer completed elsewhere.
                            (i % 2 == 0 ? journal.durableHere(seq) : journal.durable(seq)).get(60, TimeUnit.SECONDS);
                            if (id == 0 && i == each / 2) {
                                assertEquals(2L, journal.rotate().get(60, TimeUnit.SECONDS));
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                w.start();
                workers.add(w);
            }
            for (Thread w : workers) {
                w.join();
            }
            journal.close();
            assertTrue(failures.isEmpty(), failures.toString());
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (long g = 1; g <= 2; g++) {
                Frames.Read read = Frames.read(sub.resolve("journal-" + g + ".log"),
                        p -> assertTrue(seen.add(new String(p, StandardCharsets.UTF_8)), "written twice"));
                assertEquals(null, read.damage());
            }
            assertEquals(threads * each, seen.size(), mode + ": every change written once");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
