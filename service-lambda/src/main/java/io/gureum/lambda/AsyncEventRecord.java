package io.gureum.lambda;

import java.time.Instant;

/**
 * An asynchronous invocation Lambda has acknowledged (202) and not yet finished with, for {@code --data-dir}: it is
 * run again after a restart, keeping its request ID, its age (on the core clock) and the attempts already made.
 *
 * @param version the version it runs: {@code $LATEST} (the function's configuration at restore) or a number
 * @param due     when its next attempt is due on the core clock (a retry waits one or two minutes)
 */
record AsyncEventRecord(String functionName, String qualifier, String version, byte[] payload, String requestId,
        Instant enqueued, int attempts, Instant due) {
}
