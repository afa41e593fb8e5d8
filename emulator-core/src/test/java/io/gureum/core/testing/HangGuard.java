package io.gureum.core.testing;

import java.time.Duration;

/**
 * How long a test waits for the server before it calls the wait a hang. Only a hang should fail a
 * test, never a slow answer: a busy 2-core machine running a whole build can take tens of seconds for a
 * JVM's first request, so this is minutes, and no test's result depends on how soon an answer comes.
 */
public final class HangGuard {
    public static final Duration TIMEOUT = Duration.ofMinutes(2);
    public static final int TIMEOUT_MILLIS = (int) TIMEOUT.toMillis();

    private HangGuard() {
    }
}
