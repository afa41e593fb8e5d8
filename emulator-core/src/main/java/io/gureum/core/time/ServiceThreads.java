package io.gureum.core.time;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a service keeps for its timers and background work: daemon threads (a server that stops
 * never waits for them; {@code ServiceInstance.close()} shuts them down), named after the service so a
 * thread dump says whose they are.
 */
public final class ServiceThreads {
    private ServiceThreads() {
    }

    /**
     * One timer thread called {@code name}; cancelled tasks leave its queue at once, since long polls and
     * re-armed timers cancel most of theirs.
     */
    public static ScheduledThreadPoolExecutor timer(String name) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, named(name));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** A fixed pool of {@code threads} workers called {@code prefix1}, {@code prefix2} … */
    public static ExecutorService workers(String prefix, int threads) {
        return Executors.newFixedThreadPool(threads, numbered(prefix));
    }

    /** Daemon threads all called {@code name}. */
    public static ThreadFactory named(String name) {
        return r -> daemon(r, name);
    }

    /** Daemon threads called {@code prefix1}, {@code prefix2} … in the order they start. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> daemon(r, prefix + n.incrementAndGet());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
