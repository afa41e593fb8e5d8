package io.gureum.core.persist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link StateStore} of a server with {@code --data-dir}: recovers the directory's records at
 * {@link #open}, hands each API its records once ({@link #takeRestored}), then journals every change and
 * compacts the journal into a snapshot when it passes a size.
 *
 * <p>Compaction asks the live services for their records ({@code capture}) rather than keeping a copy
 * of every record (or an index of every key) in core: with a million DynamoDB items a copy would double
 * the heap, while the capture streams the records the services hold anyway. It is a fuzzy snapshot:
 * the journal rotates first, then the services are captured while requests go on; a change made during
 * the capture is in the new journal too, and replaying it over the snapshot gives the same result.
 */
public final class DurableState implements StateStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DurableState.class);
    /** The journal size after which the state is compacted; {@code gureum.compactBytes} overrides it. */
    static final long DEFAULT_COMPACT_BYTES = 64L * 1024 * 1024;

    private final DataDirectory dir;
    private final long compactBytes;
    /** The size of the latest snapshot: the journal may grow as large before the next compaction. */
    private volatile long snapshotBytes;
    private final ThreadLocal<long[]> lastOfThread = ThreadLocal.withInitial(() -> new long[1]);
    /** The changes of this thread's {@link #atomically} group, while one runs (else null). */
    private final ThreadLocal<List<Change>> groupOfThread = new ThreadLocal<>();
    private final AtomicBoolean compacting = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile Thread compactor;
    private Map<String, List<StateRecord>> restored;
    private volatile java.util.Set<String> servicesAtStart = java.util.Set.of();
    /** Records of APIs this run does not serve (not in {@code --services}): carried into every snapshot. */
    private final Map<StateRecord.Id, StateRecord> dormant = new LinkedHashMap<>();
    /** Null until the services are restored: no compaction before then (it would capture nothing). */
    private volatile Consumer<Consumer<StateRecord>> capture;
    private volatile Journal journal;

    private DurableState(DataDirectory dir, long compactBytes) {
        this.dir = dir;
        this.compactBytes = compactBytes;
    }

    /**
     * Opens {@code root} (creating it), reads its records and opens the next journal.
     *
     * @throws IllegalStateException for a directory of another format or held by another server
     */
    public static DurableState open(Path root) {
        long threshold = Long.getLong("gureum.compactBytes", DEFAULT_COMPACT_BYTES);
        DataDirectory dir;
        try {
            dir = DataDirectory.open(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the data directory " + root, e);
        }
        DurableState state = new DurableState(dir, threshold);
        try {
            state.recover();
        } catch (IOException | RuntimeException e) {
            try {
                dir.close();
            } catch (IOException ignored) {
                // the start fails anyway
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Cannot read the state in " + root, io);
            }
            throw (RuntimeException) e;
        }
        return state;
    }

    private void recover() throws IOException {
        long started = System.nanoTime();
        Recovery.Result result = Recovery.read(dir);
        long generation = result.nextGeneration();
        Map<String, List<StateRecord>> byService = new LinkedHashMap<>();
        for (StateRecord r : result.records().values()) {
            byService.computeIfAbsent(r.service(), k -> new ArrayList<>()).add(r);
        }
        List<Long> before = dir.snapshots();
        if (!before.isEmpty()) {
            snapshotBytes = java.nio.file.Files.size(dir.snapshot(before.get(before.size() - 1)));
        }
        if (result.journalBytes() > threshold()) {
            // The journals are replayed already: their sum is the snapshot of the generation about to start.
            Recovery.writeSnapshot(dir, generation, sink -> result.records().values().forEach(sink));
            snapshotBytes = java.nio.file.Files.size(dir.snapshot(generation));
        }
        List<Long> snapshots = dir.snapshots();
        if (!snapshots.isEmpty()) {
            dir.dropBefore(snapshots.get(snapshots.size() - 1));
        }
        this.restored = byService;
        this.servicesAtStart = java.util.Set.copyOf(byService.keySet());
        this.journal = new Journal(generation, dir::journal, this::afterBatch);
        if (!result.records().isEmpty()) {
            LOG.info("Restored {} state records from {} in {} ms", result.records().size(), dir.root(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** The records of every API found at start, by API name; the second call returns nothing. */
    public synchronized Map<String, List<StateRecord>> takeRestored() {
        Map<String, List<StateRecord>> out = restored == null ? Map.of() : restored;
        restored = null;
        return out;
    }

    /** Keeps the records of an API this run does not serve, so that compaction does not lose them. */
    public synchronized void keepDormant(List<StateRecord> records) {
        records.forEach(r -> dormant.put(r.id(), r));
    }

    /** What compaction writes: every live record of the running server (core's and the services'). */
    public void captureWith(Consumer<Consumer<StateRecord>> capture) {
        this.capture = capture;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public void put(String service, String account, String region, String kind, String key, Object value) {
        append(Change.put(StateRecord.of(service, account, region, kind, key, value)));
    }

    @Override
    public void putRecord(StateRecord record) {
        append(Change.put(record));
    }

    @Override
    public void delete(String service, String account, String region, String kind, String key) {
        append(Change.delete(new StateRecord.Id(service, account == null ? "" : account,
                region == null ? "" : region, kind, key)));
    }

    @Override
    public void clear(String service) {
        synchronized (this) {
            dormant.keySet().removeIf(id -> id.service().equals(service));
        }
        append(Change.clear(service));
    }

    @Override
    public void clearAll() {
        synchronized (this) {
            dormant.clear();
        }
        append(Change.clearAll());
    }

    /**
     * Collects the changes this thread makes while {@code changes} runs and journals them as one frame when it
     * ends (also when it throws: the memory may hold part of them by then, and the journal follows the memory).
     */
    @Override
    public void atomically(Runnable changes) {
        if (groupOfThread.get() != null) {
            changes.run(); // joins the group already open on this thread
            return;
        }
        List<Change> group = new ArrayList<>();
        groupOfThread.set(group);
        try {
            changes.run();
        } finally {
            groupOfThread.remove();
            if (group.size() == 1) {
                append(group.get(0));
            } else if (!group.isEmpty()) {
                append(Change.group(group));
            }
        }
    }

    private void append(Change change) {
        List<Change> group = groupOfThread.get();
        if (group != null) {
            group.add(change);
            return;
        }
        long seq = journal.appendFrame(change.frame());
        lastOfThread.get()[0] = seq;
    }

    /** Whether the data directory held any record when the server started. */
    public boolean hadAnyRecords() {
        return !servicesAtStart.isEmpty();
    }

    @Override
    public boolean hadRecords(String service) {
        return servicesAtStart.contains(service);
    }

    @Override
    public void beginRequest() {
        lastOfThread.get()[0] = 0;
    }

    @Override
    public CompletableFuture<Void> durableForThread() {
        long seq = lastOfThread.get()[0];
        if (seq == 0) {
            return CompletableFuture.completedFuture(null);
        }
        // A request thread writes its own records (no hand-off to the journal's thread and back); an event loop
        // never does file I/O.
        return Thread.currentThread() instanceof io.netty.util.concurrent.FastThreadLocalThread ? journal.durable(seq)
                : journal.durableHere(seq);
    }

    @Override
    public CompletableFuture<Void> durableNow() {
        return journal.durable(journal.lastAppended());
    }

    /**
     * The journal size that triggers a compaction: the configured size, or the latest snapshot's when it
     * is larger. Each compaction rewrites the whole state, so with a fixed threshold a state of 1 GB would
     * be rewritten after every 64 MiB of changes (16 times the bytes written); growing with the snapshot,
     * the rewriting costs at most as much as the changes themselves.
     */
    private long threshold() {
        return Math.max(compactBytes, snapshotBytes);
    }

    private void afterBatch(long journalSize) {
        if (journalSize < threshold() || capture == null || stopping || !compacting.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(this::compact, "gureum-compaction");
        t.setDaemon(true);
        compactor = t;
        t.start();
    }

    /**
     * No compaction starts from now on, and a running one finishes. Called before the services close at
     * stop: a capture of closed services would write an empty snapshot and then drop the journals that
     * held the state.
     */
    public void stopCompaction() {
        stopping = true;
        Thread t = compactor;
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Rotates the journal, writes a snapshot of every live record, then drops the files it replaces. */
    void compact() {
        if (capture == null || stopping) {
            compacting.set(false);
            return; // the services are not restored yet: a snapshot now would leave them out
        }
        try {
            long generation = journal.rotate().join();
            long started = System.nanoTime();
            Recovery.writeSnapshot(dir, generation, sink -> {
                List<StateRecord> carried;
                synchronized (this) {
                    carried = new ArrayList<>(dormant.values());
                }
                carried.forEach(sink);
                capture.accept(sink);
            });
            snapshotBytes = java.nio.file.Files.size(dir.snapshot(generation));
            dir.dropBefore(generation);
            LOG.debug("Compacted the state into snapshot {} in {} ms", generation,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // The journals stay: nothing is lost, the next batch tries again.
            LOG.warn("Compacting the state failed", e);
        } finally {
            compacting.set(false);
        }
    }

    /** Writes what is pending and releases the directory. */
    @Override
    public void close() {
        journal.close();
        try {
            dir.close();
        } catch (IOException e) {
            LOG.warn("Releasing the data directory failed", e);
        }
    }
}
