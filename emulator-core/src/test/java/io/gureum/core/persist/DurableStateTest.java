package io.gureum.core.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableStateTest {
    @TempDir
    Path dir;

    record Item(String name, long deadline) {
    }

    @Test
    void recordsSurviveAReopenInOrder() throws Exception {
        try (DurableState s = DurableState.open(dir)) {
            assertTrue(s.takeRestored().isEmpty());
            s.beginRequest();
            s.put("sqs", "111122223333", "us-east-1", "queue", "a", new Item("a", 1));
            s.put("sqs", "111122223333", "us-east-1", "queue", "b", new Item("b", 2));
            s.put("sqs", "111122223333", "us-east-1", "queue", "a", new Item("a2", 3));
            s.delete("sqs", "111122223333", "us-east-1", "queue", "b");
            s.put("s3", "111122223333", "", "bucket", "x", new Item("x", 0));
            s.durableForThread().get(30, TimeUnit.SECONDS);
        }
        try (DurableState s = DurableState.open(dir)) {
            Map<String, List<StateRecord>> restored = s.takeRestored();
            assertEquals(1, restored.get("sqs").size());
            assertEquals(new Item("a2", 3), restored.get("sqs").get(0).value(Item.class));
            assertEquals(1, restored.get("s3").size());
            assertTrue(s.takeRestored().isEmpty(), "records are handed out once");
        }
    }

    @Test
    void clearRemovesAServiceOrEverything() throws Exception {
        try (DurableState s = DurableState.open(dir)) {
            s.put("sqs", "1", "r", "queue", "a", new Item("a", 1));
            s.put("sns", "1", "r", "topic", "t", new Item("t", 1));
            s.clear("sqs");
            s.put("sqs", "1", "r", "queue", "c", new Item("c", 1));
            s.durableNow().get(30, TimeUnit.SECONDS);
        }
        try (DurableState s = DurableState.open(dir)) {
            Map<String, List<StateRecord>> restored = s.takeRestored();
            assertEquals(List.of("c"), restored.get("sqs").stream().map(StateRecord::key).toList());
            assertEquals(1, restored.get("sns").size());
            s.clearAll();
            s.durableNow().get(30, TimeUnit.SECONDS);
        }
        try (DurableState s = DurableState.open(dir)) {
            assertTrue(s.takeRestored().isEmpty());
        }
    }

    @Test
    void aTornLastRecordIsDroppedAndTheRestIsKept() throws Exception {
        try (DurableState s = DurableState.open(dir)) {
            for (int i = 0; i < 10; i++) {
                s.put("sqs", "1", "r", "message", "m" + i, new Item("m" + i, i));
            }
            s.durableNow().get(30, TimeUnit.SECONDS);
        }
        Path journal = journals().get(0);
        long size = Files.size(journal);
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            ch.truncate(size - 3); // the last frame cut short, as a crash mid-write leaves it
        }
        try (DurableState s = DurableState.open(dir)) {
            assertEquals(9, s.takeRestored().get("sqs").size());
            s.put("sqs", "1", "r", "message", "after", new Item("after", 0));
            s.durableNow().get(30, TimeUnit.SECONDS);
        }
        try (DurableState s = DurableState.open(dir)) {
            assertEquals(10, s.takeRestored().get("sqs").size(), "appends after a cut-off tail are read again");
        }
    }

    /**
     * A crash may cut the last record at any byte: whatever the cut, the restore is the records before it (an update
     * cut short leaves the value it replaced), the file is truncated to them, and what is appended next is read.
     */
    @Test
    void aCutAtEveryByteOfTheLastRecordRestoresTheRecordsBeforeIt() throws Exception {
        Path whole = dir.resolve("whole");
        try (DurableState s = DurableState.open(whole)) {
            s.put("sqs", "1", "r", "queue", "a", new Item("a", 1));
            s.put("sqs", "1", "r", "queue", "b", new Item("b", 2));
            s.durableNow().get(30, TimeUnit.SECONDS);
        }
        long before = Files.size(whole.resolve("state").resolve("journal-000000000000.log"));
        try (DurableState s = DurableState.open(whole)) {
            s.takeRestored();
            s.put("sqs", "1", "r", "queue", "b", new Item("b replaced by a value long enough to cut in many places", 3));
            s.durableNow().get(30, TimeUnit.SECONDS);
        }
        byte[] first = Files.readAllBytes(whole.resolve("state").resolve("journal-000000000000.log"));
        byte[] second = Files.readAllBytes(whole.resolve("state").resolve("journal-000000000001.log"));
        assertEquals(before, first.length);
        assertTrue(second.length > 60, "a record long enough to cut in many places: " + second.length);
        for (int cut = 1; cut < second.length; cut++) {
            // Every cut through the framing (no server): nothing of the cut record is read.
            Path alone = dir.resolve("torn.log");
            Files.write(alone, java.util.Arrays.copyOf(second, cut));
            List<byte[]> read = new ArrayList<>();
            Frames.Read r = Frames.read(alone, read::add);
            assertEquals(0, r.validLength(), "cut at byte " + cut);
            assertTrue(read.isEmpty() && r.damage() != null, "cut at byte " + cut + ": " + r.damage());
        }
        // Whole restores, appends and reopens at cuts in the length, the checksum, the payload's start, middle and end.
        for (int cut : new int[] {1, 4, 7, 8, 9, second.length / 2, second.length - 1}) {
            Path copy = dir.resolve("cut-" + cut);
            Files.createDirectories(copy.resolve("state"));
            Files.copy(whole.resolve("FORMAT"), copy.resolve("FORMAT"));
            Files.write(copy.resolve("state").resolve("journal-000000000000.log"), first);
            Path torn = copy.resolve("state").resolve("journal-000000000001.log");
            Files.write(torn, java.util.Arrays.copyOf(second, cut));
            try (DurableState s = DurableState.open(copy)) {
                List<StateRecord> restored = s.takeRestored().get("sqs");
                assertEquals(List.of(new Item("a", 1), new Item("b", 2)),
                        restored.stream().map(r -> r.value(Item.class)).toList(), "cut at byte " + cut);
                assertEquals(0, Files.size(torn), "the torn record is cut off the file (cut at byte " + cut + ")");
                s.put("sqs", "1", "r", "queue", "c", new Item("c", 4));
                s.durableNow().get(30, TimeUnit.SECONDS);
            }
            try (DurableState s = DurableState.open(copy)) {
                assertEquals(List.of("a", "b", "c"), s.takeRestored().get("sqs").stream().map(StateRecord::key)
                        .toList(), "appended after the cut at byte " + cut);
            }
        }
    }

    /**
     * A group of changes ({@link StateStore#atomically}) is one frame: whatever byte a crash cuts it at, the restore
     * has none of its changes, and the whole frame restores all of them (a put replacing a value, a delete, new puts).
     */
    @Test
    void aGroupCutAtEveryByteRestoresAllOfItOrNone() throws Exception {
        Path whole = dir.resolve("whole");
        try (DurableState s = DurableState.open(whole)) {
            s.put("dynamodb", "1", "r", "item", "a", new Item("a", 1));
            s.put("dynamodb", "1", "r", "item", "b", new Item("b", 2));
            s.durableNow().get(30, TimeUnit.SECONDS);
        }
        try (DurableState s = DurableState.open(whole)) {
            s.takeRestored();
            s.beginRequest();
            s.atomically(() -> {
                s.put("dynamodb", "1", "r", "item", "b", new Item("b2", 3));
                s.delete("dynamodb", "1", "r", "item", "a");
                s.atomically(() -> s.put("dynamodb", "1", "r", "item", "c", new Item("c", 4))); // joins the group
                s.put("dynamodb", "1", "r", "stream", "c", new Item("c", 5));
            });
            s.durableForThread().get(30, TimeUnit.SECONDS);
        }
        byte[] first = Files.readAllBytes(whole.resolve("state").resolve("journal-000000000000.log"));
        byte[] second = Files.readAllBytes(whole.resolve("state").resolve("journal-000000000001.log"));
        List<byte[]> frames = new ArrayList<>();
        Frames.read(whole.resolve("state").resolve("journal-000000000001.log"), frames::add);
        assertEquals(1, frames.size(), "the group is one frame");
        Map<String, Item> none = Map.of("item/a", new Item("a", 1), "item/b", new Item("b", 2));
        Map<String, Item> all = Map.of("item/b", new Item("b2", 3), "item/c", new Item("c", 4), "stream/c",
                new Item("c", 5));
        for (int cut = 0; cut <= second.length; cut++) {
            Path copy = dir.resolve("cut-" + cut);
            Files.createDirectories(copy.resolve("state"));
            Files.copy(whole.resolve("FORMAT"), copy.resolve("FORMAT"));
            Files.write(copy.resolve("state").resolve("journal-000000000000.log"), first);
            Files.write(copy.resolve("state").resolve("journal-000000000001.log"), java.util.Arrays.copyOf(second, cut));
            Map<String, Item> restored = new java.util.TreeMap<>();
            try (DurableState s = DurableState.open(copy)) {
                s.takeRestored().getOrDefault("dynamodb", List.of())
                        .forEach(r -> restored.put(r.kind() + "/" + r.key(), r.value(Item.class)));
            }
            assertEquals(cut == second.length ? all : none, restored, "group cut at byte " + cut);
        }
    }

    /** A group whose body throws is journaled as far as it went (the memory holds that much); NONE just runs it. */
    @Test
    void aGroupIsJournaledWhenItsBodyThrows() throws Exception {
        try (DurableState s = DurableState.open(dir)) {
            assertThrows(IllegalStateException.class, () -> s.atomically(() -> {
                s.put("sqs", "1", "r", "message", "m", new Item("m", 1));
                s.put("sqs", "1", "r", "dedup", "d", new Item("d", 1));
                throw new IllegalStateException("cut short");
            }));
            s.durableNow().get(30, TimeUnit.SECONDS);
        }
        try (DurableState s = DurableState.open(dir)) {
            assertEquals(2, s.takeRestored().get("sqs").size());
        }
        boolean[] ran = {false};
        StateStore.NONE.atomically(() -> ran[0] = true);
        assertTrue(ran[0], "without a data directory the changes still run");
    }

    @Test
    void aZeroFilledTailIsDroppedToo() throws Exception {
        try (DurableState s = DurableState.open(dir)) {
            s.put("sqs", "1", "r", "queue", "a", new Item("a", 1));
            s.durableNow().get(30, TimeUnit.SECONDS);
        }
        Files.write(journals().get(0), new byte[4096], java.nio.file.StandardOpenOption.APPEND);
        try (DurableState s = DurableState.open(dir)) {
            assertEquals(1, s.takeRestored().get("sqs").size());
        }
    }

    @Test
    void aCorruptRecordEndsItsFile() throws Exception {
        try (DurableState s = DurableState.open(dir)) {
            s.put("sqs", "1", "r", "queue", "a", new Item("a", 1));
            s.put("sqs", "1", "r", "queue", "b", new Item("b", 1));
            s.durableNow().get(30, TimeUnit.SECONDS);
        }
        Path journal = journals().get(0);
        byte[] bytes = Files.readAllBytes(journal);
        bytes[bytes.length - 2] ^= 0x5a; // inside the second record's payload
        Files.write(journal, bytes);
        try (DurableState s = DurableState.open(dir)) {
            assertEquals(List.of("a"), s.takeRestored().get("sqs").stream().map(StateRecord::key).toList());
        }
    }

    @Test
    void anUnknownFormatIsRefusedWithAClearMessage() throws Exception {
        Files.writeString(dir.resolve("FORMAT"), "7\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DurableState.open(dir));
        assertTrue(e.getMessage().contains("format 7") && e.getMessage().contains("newer Gureum"), e.getMessage());
    }

    @Test
    void aSecondServerIsKeptOffTheDirectory() {
        try (DurableState s = DurableState.open(dir)) {
            assertThrows(RuntimeException.class, () -> DurableState.open(dir));
        }
    }

    @Test
    void compactionWritesASnapshotOfTheCapturedRecordsAndDropsOldJournals() throws Exception {
        try (DurableState s = DurableState.open(dir)) {
            s.put("sqs", "1", "r", "queue", "old", new Item("old", 1));
            s.delete("sqs", "1", "r", "queue", "old");
            s.durableNow().get(30, TimeUnit.SECONDS);
            List<StateRecord> live = new ArrayList<>(List.of(
                    StateRecord.of("sqs", "1", "r", "queue", "live", new Item("live", 1))));
            s.captureWith(sink -> live.forEach(sink));
            s.compact();
            s.put("sqs", "1", "r", "queue", "after", new Item("after", 2));
            s.durableNow().get(30, TimeUnit.SECONDS);
        }
        assertEquals(1, snapshots().size());
        assertEquals(1, journals().size(), "the journal before the snapshot is gone");
        try (DurableState s = DurableState.open(dir)) {
            assertEquals(List.of("live", "after"),
                    s.takeRestored().get("sqs").stream().map(StateRecord::key).toList());
        }
    }

    @Test
    void noCompactionBeforeTheServicesAreRestored() throws Exception {
        try (DurableState s = DurableState.open(dir)) {
            s.put("sqs", "1", "r", "queue", "a", new Item("a", 1));
            s.durableNow().get(30, TimeUnit.SECONDS);
        }
        try (DurableState s = DurableState.open(dir)) {
            s.takeRestored(); // handed out, not yet restored by anyone: nothing to capture them from
            s.compact();
        }
        try (DurableState s = DurableState.open(dir)) {
            assertEquals(1, s.takeRestored().get("sqs").size(), "a snapshot taken too early would have lost it");
        }
    }

    @Test
    void manyThreadsShareForces() throws Exception {
        try (DurableState s = DurableState.open(dir)) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 200; i++) {
                        s.beginRequest();
                        s.put("dynamodb", "1", "r", "item", id + "/" + i, new Item("x", i));
                        synchronized (all) {
                            all.add(s.durableForThread());
                        }
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        try (DurableState s = DurableState.open(dir)) {
            assertEquals(800, s.takeRestored().get("dynamodb").size());
        }
    }

    private List<Path> journals() throws Exception {
        try (var files = Files.list(dir.resolve("state"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("journal-")).sorted().toList();
        }
    }

    private List<Path> snapshots() throws Exception {
        try (var files = Files.list(dir.resolve("state"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("snapshot-")).sorted().toList();
        }
    }
}
