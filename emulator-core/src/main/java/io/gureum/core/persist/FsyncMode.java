package io.gureum.core.persist;

import java.util.Locale;

/**
 * When the journal is forced to the disk ({@code --fsync}, {@code GUREUM_FSYNC}, {@code -Dgureum.fsync}).
 *
 * <p>{@link #INTERVAL} (the default) acknowledges a change once it is written to the operating system:
 * that is the promise of issue #15 — an acknowledged write survives {@code kill -9} or a crash of the
 * server at any moment — and the file is forced at most {@link #INTERVAL_MILLIS} later, so a power loss or
 * kernel crash can lose that much. {@link #ALWAYS} acknowledges only after the force: a power loss loses
 * nothing acknowledged, at the price of one flush per batch (on the disk measured in ADR 0013, a durable
 * SQS or DynamoDB server tops out near 16 clients / 1.4 ms).
 */
public enum FsyncMode {
    ALWAYS,
    INTERVAL;

    /** How long a written change waits at most for its force in {@link #INTERVAL} mode. */
    public static final long INTERVAL_MILLIS = 100;

    /** The mode this JVM was started with; an unknown value fails the start with a clear message. */
    public static FsyncMode current() {
        String v = System.getProperty("gureum.fsync");
        if (v == null || v.isBlank()) {
            v = System.getenv("GUREUM_FSYNC");
        }
        return parse(v);
    }

    static FsyncMode parse(String value) {
        if (value == null || value.isBlank()) {
            return INTERVAL;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "always" -> ALWAYS;
            case "interval" -> INTERVAL;
            default -> throw new IllegalArgumentException("--fsync must be always or interval, not " + value);
        };
    }
}
