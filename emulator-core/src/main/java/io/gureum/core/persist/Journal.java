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
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only journal, with group commit: any thread {@link #append appends} (a copy into a list
 * under a lock, never I/O); one writer thread writes everything appended so far, forces it to the disk
 * once, and completes the {@link #durable} futures of the whole batch. Nobody waits on a thread: a
 * request composes its answer on the future of its last record.
 *
 * <p>How often the file is forced is {@link FsyncMode}'s choice: with {@code always} a batch is acknowledged
 * once forced (it survives a power loss); with {@code interval} it is acknowledged once written to the
 * operating system, which keeps it through a crash or {@code kill -9} of the server, and forced at most
 * {@link FsyncMode#INTERVAL_MILLIS} later.
 *
 * <p>{@link #rotate} closes the current file at a batch boundary and starts the next generation, for
 * compaction. A failed write fails every waiting future (and every later append): no answer claims a
 * change the disk does not hold.
 */
final class Journal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Object lock = new Object();
    private final LongFunction<Path> fileOf;
    private final Thread writer;
    /** Completes the durable futures of written batches, in order, off the writer thread. */
    private final java.util.concurrent.ExecutorService acknowledger = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "gureum-journal-ack");
                t.setDaemon(true);
                return t;
            });
    /** Called on the writer thread after a batch, with the current file's size. */
    private final java.util.function.LongConsumer afterBatch;
    /** 0: force every batch before acknowledging it; else the longest a written batch waits for its force. */
    private final long forceIntervalNanos;

    // guarded by lock
    private List<ByteBuffer> pending = new ArrayList<>();
    private long appended;
    private final TreeMap<Long, CompletableFuture<Void>> waiters = new TreeMap<>();
    private CompletableFuture<Long> rotation;
    private boolean closing;
    private IOException failure;

    private volatile long durable;
    private FileChannel channel; // writer thread only (and close)
    private long generation;
    private long size;

    /**
     * Opens (creates) the journal of {@code generation}; {@code fileOf} names a generation's file.
     */
    Journal(long generation, LongFunction<Path> fileOf, java.util.function.LongConsumer afterBatch) throws IOException {
        this.fileOf = fileOf;
        this.afterBatch = afterBatch;
        this.forceIntervalNanos = FsyncMode.current() == FsyncMode.ALWAYS ? 0
                : java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(FsyncMode.INTERVAL_MILLIS);
        this.generation = generation;
        this.channel = open(generation);
        this.size = channel.size();
        this.writer = new Thread(this::run, "gureum-journal");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    private FileChannel open(long gen) throws IOException {
        FileChannel ch = FileChannel.open(fileOf.apply(gen), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        DataDirectory.syncDirectory(fileOf.apply(gen).getParent());
        return ch;
    }

    /** Adds a change; returns its sequence number, which {@link #durable} takes. */
    long append(byte[] payload) {
        ByteBuffer frame = Frames.frame(payload);
        synchronized (lock) {
            if (failure != null) {
                throw new UncheckedIOException("The state journal cannot be written", failure);
            }
            if (closing) {
                throw new IllegalStateException("The state journal is closed");
            }
            pending.add(frame);
            long seq = ++appended;
            if (pending.size() == 1) {
                lock.notifyAll();
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

    /** Completes once every change up to {@code seq} is on the disk (at once when it already is). */
    CompletableFuture<Void> durable(long seq) {
        if (seq <= durable) {
            return DONE;
        }
        synchronized (lock) {
            if (seq <= durable) {
                return DONE;
            }
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            return waiters.computeIfAbsent(seq, k -> new CompletableFuture<>());
        }
    }

    /** Starts the next generation after writing what is pending; completes with the new generation. */
    CompletableFuture<Long> rotate() {
        synchronized (lock) {
            if (closing) {
                return CompletableFuture.failedFuture(new IllegalStateException("The state journal is closed"));
            }
            if (rotation == null) {
                rotation = new CompletableFuture<>();
                lock.notifyAll();
            }
            return rotation;
        }
    }

    private void run() {
        boolean unforced = false;
        long lastForce = System.nanoTime();
        while (true) {
            List<ByteBuffer> batch;
            long upTo;
            CompletableFuture<Long> rotate;
            synchronized (lock) {
                while (pending.isEmpty() && rotation == null && !closing) {
                    try {
                        if (!unforced) {
                            lock.wait();
                            continue;
                        }
                        long waitNanos = lastForce + forceIntervalNanos - System.nanoTime();
                        if (waitNanos <= 0) {
                            break; // time to force what was written
                        }
                        // Rounded up: the last part of a millisecond rounded down to 0 made this loop spin
                        // (and allocate in completeUpTo) until the force was due.
                        lock.wait(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999));
                    } catch (InterruptedException e) {
                        closing = true;
                    }
                }
                if (pending.isEmpty() && rotation == null && closing) {
                    forceAtClose(unforced);
                    return;
                }
                batch = pending;
                pending = new ArrayList<>();
                upTo = appended;
                rotate = rotation;
                rotation = null;
            }
            try {
                if (!batch.isEmpty()) {
                    ByteBuffer[] buffers = batch.toArray(ByteBuffer[]::new);
                    long total = 0;
                    for (ByteBuffer b : buffers) {
                        total += b.remaining();
                    }
                    long written = 0;
                    while (written < total) {
                        written += channel.write(buffers);
                    }
                    size += total;
                    unforced = true;
                }
                if (unforced && (forceIntervalNanos == 0 || rotate != null
                        || System.nanoTime() - lastForce >= forceIntervalNanos)) {
                    channel.force(false);
                    unforced = false;
                    lastForce = System.nanoTime();
                }
                if (rotate != null) {
                    channel.close();
                    generation++;
                    channel = open(generation);
                    size = 0;
                }
            } catch (IOException e) {
                LOG.error("Writing the state journal failed; changes are no longer acknowledged", e);
                fail(e, rotate);
                return;
            }
            completeUpTo(upTo);
            if (rotate != null) {
                rotate.complete(generation);
            }
            try {
                afterBatch.accept(size);
            } catch (RuntimeException e) {
                LOG.warn("After-batch hook of the state journal failed", e);
            }
        }
    }

    private void forceAtClose(boolean unforced) {
        if (unforced) {
            try {
                channel.force(false);
            } catch (IOException e) {
                LOG.warn("Forcing the state journal at close failed", e);
            }
        }
    }

    /**
     * Marks everything up to {@code upTo} durable and completes its waiters on the acknowledging thread:
     * completing a future runs the answers composed on it (encoding, handing bytes to Netty), and the
     * writer must not spend that time before it starts the next batch's write and force.
     */
    private void completeUpTo(long upTo) {
        List<CompletableFuture<Void>> done;
        synchronized (lock) {
            durable = upTo;
            if (waiters.isEmpty() || waiters.firstKey() > upTo) {
                return;
            }
            Map<Long, CompletableFuture<Void>> head = waiters.headMap(upTo, true);
            done = new ArrayList<>(head.values());
            head.clear();
        }
        if (!done.isEmpty()) {
            acknowledger.execute(() -> {
                for (CompletableFuture<Void> f : done) {
                    f.complete(null);
                }
            });
        }
    }

    private void fail(IOException e, CompletableFuture<Long> rotate) {
        List<CompletableFuture<Void>> failed;
        synchronized (lock) {
            failure = e;
            failed = new ArrayList<>(waiters.values());
            waiters.clear();
            pending.clear();
        }
        failed.forEach(f -> f.completeExceptionally(e));
        if (rotate != null) {
            rotate.completeExceptionally(e);
        }
    }

    /** Writes what is pending, then stops the writer and closes the file. */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            writer.join(30_000);
            acknowledger.shutdown();
            acknowledger.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Closing the state journal failed", e);
        }
    }
}
