package io.gureum.core.persist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only journal, with group commit. Any thread {@link #append appends} (a copy into a list under a
 * lock, never I/O). Whoever next needs its changes written — a request thread about to answer
 * ({@link #durableHere}), or the journal's own thread for everybody else — takes the write lock, writes
 * everything appended so far in one {@code write}, and goes on until nothing is pending; a thread that finds
 * the lock taken leaves its changes to the holder. The journal's thread forces the file ({@code fdatasync}),
 * never while holding the write lock, and counts as forced only what was written before the force began.
 *
 * <p>How often the file is forced is {@link FsyncMode}'s choice: with {@code always} a change is acknowledged
 * once forced (it survives a power loss), and one force covers every batch written while the previous one
 * ran; with {@code interval} it is acknowledged once written to the operating system, which keeps it through
 * a crash or {@code kill -9} of the server, and forced at most {@link FsyncMode#INTERVAL_MILLIS} later. In
 * {@code interval} mode a request therefore usually writes its own records and answers on its own thread,
 * with no hand-off to another thread and back; a slow flush of a busy disk stalls no answer.
 *
 * <p>{@link #rotate} closes the current file at a batch boundary (forced) and starts the next generation, for
 * compaction. A failed write or force fails every waiting future (and every later append): no answer claims a
 * change the disk does not hold.
 */
final class Journal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** How the file is forced: {@link FileChannel#force}, or a test's stand-in. */
    interface Forcer {
        void force(FileChannel channel) throws IOException;
    }

    private final Object lock = new Object();
    private final LongFunction<Path> fileOf;
    private final Thread background;
    private final Forcer forcer;
    /** Completes the futures of forced changes ({@code always} mode) off the forcing thread, in order. */
    private final java.util.concurrent.ExecutorService acknowledger = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "gureum-journal-ack");
                t.setDaemon(true);
                return t;
            });
    /** Called after a batch is written, with the current file's size. */
    private final java.util.function.LongConsumer afterBatch;
    /** 0: acknowledge a change once forced; else the longest a written change waits for its force. */
    private final long forceIntervalNanos;

    // guarded by lock
    private List<ByteBuffer> pending = new ArrayList<>();
    private long appended;
    private final TreeMap<Long, CompletableFuture<Void>> waiters = new TreeMap<>();
    private boolean closing;
    private boolean closed;
    private IOException failure;
    /** The background thread is to write what is pending (someone waits on it and will not write it). */
    private boolean writeRequested;
    /** The background thread waits with no deadline: an append must wake it. */
    private boolean backgroundIdle;
    /** The last change written to the file (the write returned), and the last one forced. */
    private long written;
    private long forced;
    private long lastForce = System.nanoTime();

    private volatile long durable;

    /** Held while writing, and while the file is swapped (rotation, close). */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Held while the file is forced and while it is swapped: a force never meets a closed channel. */
    private final Object channelLock = new Object();
    private volatile FileChannel channel;
    private long generation; // under writeLock
    private long size; // under writeLock

    /**
     * Opens (creates) the journal of {@code generation}; {@code fileOf} names a generation's file.
     */
    Journal(long generation, LongFunction<Path> fileOf, java.util.function.LongConsumer afterBatch) throws IOException {
        this(generation, fileOf, afterBatch, FsyncMode.current(), ch -> ch.force(false));
    }

    Journal(long generation, LongFunction<Path> fileOf, java.util.function.LongConsumer afterBatch, FsyncMode mode,
            Forcer forcer) throws IOException {
        this.fileOf = fileOf;
        this.afterBatch = afterBatch;
        this.forcer = forcer;
        this.forceIntervalNanos = mode == FsyncMode.ALWAYS ? 0 : TimeUnit.MILLISECONDS.toNanos(FsyncMode.INTERVAL_MILLIS);
        this.generation = generation;
        this.channel = open(generation);
        this.size = channel.size();
        this.background = new Thread(this::run, "gureum-journal");
        this.background.setDaemon(true);
        this.background.start();
    }

    private FileChannel open(long gen) throws IOException {
        FileChannel ch = FileChannel.open(fileOf.apply(gen), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        DataDirectory.syncDirectory(fileOf.apply(gen).getParent());
        return ch;
    }

    /** Adds a change; returns its sequence number, which {@link #durable} takes. */
    long append(byte[] payload) {
        return appendFrame(Frames.frame(payload));
    }

    /** Adds a change already framed ({@link Change#frame}); returns its sequence number. */
    long appendFrame(ByteBuffer frame) {
        synchronized (lock) {
            if (failure != null) {
                throw new UncheckedIOException("The state journal cannot be written", failure);
            }
            if (closing) {
                throw new IllegalStateException("The state journal is closed");
            }
            pending.add(frame);
            long seq = ++appended;
            if (backgroundIdle) {
                lock.notifyAll(); // nobody may ever wait on this change: it is written within the interval
            }
            return seq;
        }
    }

    /** The sequence number of the last change appended. */
    long lastAppended() {
        synchronized (lock) {
            return appended;
        }
    }

    /**
     * Completes once every change up to {@code seq} is acknowledged (at once when it already is); the journal's
     * thread writes it if nobody else does (after the force it may be busy with).
     */
    CompletableFuture<Void> durable(long seq) {
        return durable(seq, false);
    }

    /**
     * {@link #durable}, writing what is pending on the calling thread first unless another thread is writing
     * (then that one writes it). For request threads about to answer: in {@code interval} mode the future is
     * then usually complete on return. Never call it on an event loop (it does file I/O).
     */
    CompletableFuture<Void> durableHere(long seq) {
        return durable(seq, true);
    }

    private CompletableFuture<Void> durable(long seq, boolean writeHere) {
        if (seq <= durable) {
            return DONE;
        }
        if (writeHere) {
            drain();
            if (seq <= durable) {
                return DONE;
            }
        }
        synchronized (lock) {
            if (seq <= durable) {
                return DONE;
            }
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            if (seq > written && !writeHere) {
                writeRequested = true;
                lock.notifyAll();
            }
            return waiters.computeIfAbsent(seq, k -> new CompletableFuture<>());
        }
    }

    /**
     * Writes everything pending, until nothing is, unless another thread holds the write lock: that one
     * looks at what is pending again after it lets go, so no change is left behind.
     */
    private void drain() {
        while (writeLock.tryLock()) {
            long upTo;
            try {
                upTo = writeBatch();
            } finally {
                writeLock.unlock();
            }
            if (upTo < 0) {
                return; // nothing was pending
            }
            if (forceIntervalNanos != 0) {
                completeUpTo(upTo, false);
            }
            synchronized (lock) {
                if (pending.isEmpty()) {
                    return;
                }
            }
        }
    }

    /** Writes what is pending (the caller holds the write lock); the last sequence written, or -1 for none. */
    private long writeBatch() {
        List<ByteBuffer> batch;
        long upTo;
        synchronized (lock) {
            if (pending.isEmpty() || failure != null || closed) {
                return -1;
            }
            batch = pending;
            pending = new ArrayList<>();
            upTo = appended;
        }
        ByteBuffer[] buffers = batch.toArray(ByteBuffer[]::new);
        long total = 0;
        for (ByteBuffer b : buffers) {
            total += b.remaining();
        }
        try {
            FileChannel ch = channel;
            long done = 0;
            while (done < total) {
                done += ch.write(buffers);
            }
        } catch (IOException e) {
            LOG.error("Writing the state journal failed; changes are no longer acknowledged", e);
            fail(e);
            return -1;
        }
        size += total;
        synchronized (lock) {
            written = upTo;
            if (forceIntervalNanos == 0 || backgroundIdle) {
                lock.notifyAll(); // to be forced (and, in always mode, acknowledged)
            }
        }
        try {
            afterBatch.accept(size);
        } catch (RuntimeException e) {
            LOG.warn("After-batch hook of the state journal failed", e);
        }
        return upTo;
    }

    /** Starts the next generation after writing and forcing what is pending; completes with the new generation. */
    CompletableFuture<Long> rotate() {
        writeLock.lock();
        try {
            synchronized (lock) {
                if (closing) {
                    return CompletableFuture.failedFuture(new IllegalStateException("The state journal is closed"));
                }
            }
            long upTo = writeAll();
            if (upTo < 0) {
                return CompletableFuture.failedFuture(failure());
            }
            // The old file is forced and closed before the new one exists: a restore never finds a later
            // generation holding changes while an earlier one lacks some acknowledged before them.
            synchronized (channelLock) {
                forceNow(upTo);
                channel.close();
                generation++;
                channel = open(generation);
            }
            size = 0;
            completeUpTo(upTo, false);
            return CompletableFuture.completedFuture(generation);
        } catch (IOException e) {
            LOG.error("Rotating the state journal failed; changes are no longer acknowledged", e);
            fail(e);
            return CompletableFuture.failedFuture(e);
        } finally {
            writeLock.unlock();
            drain(); // what a request thread appended while this held the lock (it left it to the holder)
        }
    }

    /** Writes until nothing is pending (the caller holds the write lock); the last sequence written, -1 on failure. */
    private long writeAll() {
        while (writeBatch() >= 0) {
            // again: more may have come meanwhile
        }
        synchronized (lock) {
            return failure != null ? -1 : written;
        }
    }

    private IOException failure() {
        synchronized (lock) {
            return failure;
        }
    }

    /** Forces the current file if something written is not forced yet; the caller holds channelLock. */
    private void forceNow(long upTo) throws IOException {
        synchronized (lock) {
            if (forced >= upTo) {
                return;
            }
        }
        forcer.force(channel);
        synchronized (lock) {
            forced = Math.max(forced, upTo);
            lastForce = System.nanoTime();
        }
    }

    /**
     * The journal's thread: writes what someone waits on and nobody else writes (changes made outside a
     * request, answers completed on another thread) and what was appended with nobody waiting, and forces the
     * file once something written is not forced yet — at once in {@code always} mode (then acknowledges it),
     * else when {@link FsyncMode#INTERVAL_MILLIS} have passed since the last force. Only what was written
     * before a force began counts as forced by it.
     */
    private void run() {
        while (true) {
            long target;
            boolean write;
            synchronized (lock) {
                try {
                    while (true) {
                        if (closing || failure != null) {
                            return;
                        }
                        long now = System.nanoTime();
                        boolean unforced = forced < written;
                        boolean forceDue = unforced && (forceIntervalNanos == 0 || now - lastForce >= forceIntervalNanos);
                        if (writeRequested || forceDue) {
                            break;
                        }
                        if (forceIntervalNanos == 0 && !pending.isEmpty()) {
                            break; // always mode: nothing waits an interval
                        }
                        if (!unforced && pending.isEmpty()) {
                            backgroundIdle = true;
                            lock.wait();
                            backgroundIdle = false;
                            continue;
                        }
                        // Something to force, or appended with nobody waiting: within the interval.
                        long waitNanos = unforced ? lastForce + forceIntervalNanos - now : forceIntervalNanos;
                        lock.wait(TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)); // rounded up: 0 is forever
                        if (!unforced && !pending.isEmpty() && !writeRequested) {
                            break; // appended a while ago and nobody wrote it
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                }
                write = writeRequested || !pending.isEmpty();
                writeRequested = false;
            }
            if (write) {
                // When a request thread holds the write lock, it writes this after letting go of it.
                drain();
            }
            synchronized (lock) {
                target = written;
                if (forced >= target || forceIntervalNanos != 0 && System.nanoTime() - lastForce < forceIntervalNanos) {
                    continue;
                }
            }
            try {
                synchronized (channelLock) {
                    forceNow(target);
                }
            } catch (IOException e) {
                LOG.error("Forcing the state journal failed; changes are no longer acknowledged", e);
                fail(e);
                return;
            }
            if (forceIntervalNanos == 0) {
                completeUpTo(target, true);
            }
        }
    }

    /**
     * Marks everything up to {@code upTo} acknowledged and completes its waiters: on the calling thread (a
     * request thread that wrote them: the answers composed on them go out from here), or on the acknowledging
     * thread when the forcing thread calls, which must not spend that time before its next force.
     */
    private void completeUpTo(long upTo, boolean offThread) {
        List<CompletableFuture<Void>> done;
        synchronized (lock) {
            if (upTo <= durable) {
                return; // several threads may report the same changes
            }
            durable = upTo;
            if (waiters.isEmpty() || waiters.firstKey() > upTo) {
                return;
            }
            Map<Long, CompletableFuture<Void>> head = waiters.headMap(upTo, true);
            done = new ArrayList<>(head.values());
            head.clear();
        }
        if (offThread) {
            acknowledger.execute(() -> done.forEach(f -> f.complete(null)));
        } else {
            done.forEach(f -> f.complete(null));
        }
    }

    private void fail(IOException e) {
        List<CompletableFuture<Void>> failed;
        synchronized (lock) {
            if (failure == null) {
                failure = e;
            }
            failed = new ArrayList<>(waiters.values());
            waiters.clear();
            pending.clear();
            lock.notifyAll();
        }
        failed.forEach(f -> f.completeExceptionally(e));
    }

    /** Writes and forces what is pending, acknowledges it, then stops the journal's thread and closes the file. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            lock.notifyAll();
        }
        try {
            background.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeLock.lock();
        try {
            long upTo = writeAll();
            if (upTo >= 0) {
                synchronized (channelLock) {
                    forceNow(upTo);
                }
                completeUpTo(upTo, false);
            }
            synchronized (lock) {
                closed = true;
            }
            channel.close();
        } catch (IOException e) {
            LOG.warn("Forcing or closing the state journal at close failed", e);
            fail(e);
        } finally {
            writeLock.unlock();
        }
        acknowledger.shutdown();
        try {
            acknowledger.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
