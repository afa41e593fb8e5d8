package io.gureum.cloudformation.resource.common;

import io.gureum.cloudformation.resource.ResourceFailure;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits, as AWS's handlers do, until a service reports a resource in a settled state (a NAT gateway
 * {@code deleted}, so its subnet and Elastic IP can go next). Services settle on the core clock, which
 * real time moves and tests advance; the SPI has no stabilisation step of its own, so the handler polls.
 */
public final class Stabilization {
    private static final Duration LIMIT = Duration.ofMinutes(15);
    private static final long POLL_MILLIS = 100;

    private Stabilization() {
    }

    public static void await(String what, BooleanSupplier settled) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!settled.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new ResourceFailure(what + " did not stabilize", "NotStabilized");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ResourceFailure(what + " did not stabilize", "NotStabilized");
            }
        }
    }
}
